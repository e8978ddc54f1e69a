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
}
