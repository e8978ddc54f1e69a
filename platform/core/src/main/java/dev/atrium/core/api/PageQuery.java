package dev.atrium.core.api;

import dev.atrium.core.error.CommonErrors;
import dev.atrium.core.error.DomainException;

/** Limit/offset of a list request, checked once here for every list endpoint. */
public record PageQuery(int limit, int offset) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public static PageQuery of(Integer limit, Integer offset, CommonErrors errors) {
        int l = limit == null ? DEFAULT_LIMIT : limit;
        int o = offset == null ? 0 : offset;
        if (l < 1 || l > MAX_LIMIT) {
            throw new DomainException(errors.validation(), "limit must be between 1 and " + MAX_LIMIT);
        }
        if (o < 0) {
            throw new DomainException(errors.validation(), "offset must not be negative");
        }
        return new PageQuery(l, o);
    }

    /**
     * Paging from raw query strings. JAX-RS answers a non-numeric {@code Integer} query parameter with 404 (the
     * spec says so); reading them as strings lets a bad {@code ?limit=abc} get the 400 it deserves.
     */
    public static PageQuery parse(String limit, String offset, CommonErrors errors) {
        return of(number(limit, "limit", errors), number(offset, "offset", errors), errors);
    }

    private static Integer number(String value, String name, CommonErrors errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new DomainException(errors.validation(), name + " must be a whole number");
        }
    }

    /**
     * Coze-style paging: a page number counted from 1 and a page size, both as raw query strings (an empty value
     * counts as absent). {@code pageName}/{@code sizeName} are the parameter names the error messages use.
     */
    public static PageQuery ofPageNumber(String pageName, String page, String sizeName, String size, int defaultSize,
                                         int maxSize, CommonErrors errors) {
        int number = bounded(pageName, page, 1, Integer.MAX_VALUE, errors);
        int pageSize = bounded(sizeName, size, defaultSize, maxSize, errors);
        long offset = (long) (number - 1) * pageSize;
        if (offset > Integer.MAX_VALUE - pageSize) {
            throw new DomainException(errors.validation(), pageName + " is too large");
        }
        return new PageQuery(pageSize, (int) offset);
    }

    private static int bounded(String name, String value, int absent, int max, CommonErrors errors) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            parsed = 0;
        }
        if (parsed >= 1 && parsed <= max) {
            return parsed;
        }
        throw new DomainException(errors.validation(), name + " must be a whole number from 1 to " + max);
    }
}
