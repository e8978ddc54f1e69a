package dev.atrium.core.api;

import java.util.List;
import java.util.function.Function;

/** Offset paging: the items of one page, the total, and whether more follow. */
public record Page<T>(List<T> items, long total, boolean hasMore) {

    public static <T> Page<T> of(List<T> items, long total, PageQuery query) {
        return new Page<>(items, total, query.offset() + items.size() < total);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), total, hasMore);
    }
}
