package dev.atrium.bot.coze;

import dev.atrium.core.api.PageQuery;
import dev.atrium.core.error.CommonErrors;
import dev.atrium.core.error.DomainException;

/**
 * Query and body parameters of the Coze bot endpoints, read from strings: a typed JAX-RS parameter that fails
 * to convert is a bare 404, and a Coze client sending {@code page_size=abc} should learn that its request was
 * invalid (400 in bot-service's range).
 */
final class CozeParams {

    private CozeParams() {
    }

    /** Coze pages count from 1 ({@code page_index}); {@code page_size} is 1-100, 20 by default. */
    static PageQuery page(String pageIndex, String pageSize, CommonErrors errors) {
        return PageQuery.ofPageNumber("page_index", pageIndex, "page_size", pageSize, PageQuery.DEFAULT_LIMIT,
                PageQuery.MAX_LIMIT, errors);
    }

    /** {@code is_published}: true (also when absent, as Coze defaults) or false. */
    static boolean published(String value, CommonErrors errors) {
        if (value == null || value.isEmpty() || value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new DomainException(errors.validation(), "is_published must be true or false");
    }

    static String botId(String value, CommonErrors errors) {
        if (value == null || value.isBlank()) {
            throw new DomainException(errors.validation(), "bot_id is required");
        }
        return value.strip();
    }
}
