package dev.atrium.core.api;

import java.util.List;
import java.util.function.Function;

/**
 * Cursor paging as Coze does it: {@code has_more, first_id, last_id}. Callers fetch one item more than
 * the limit to learn whether more follow, then pass the surplus list here.
 */
public record CursorPage<T>(List<T> data, boolean hasMore, String firstId, String lastId) {

    public static <T> CursorPage<T> of(List<T> fetched, int limit, Function<T, String> idOf) {
        boolean more = fetched.size() > limit;
        List<T> page = more ? fetched.subList(0, limit) : fetched;
        String first = page.isEmpty() ? null : idOf.apply(page.get(0));
        String last = page.isEmpty() ? null : idOf.apply(page.get(page.size() - 1));
        return new CursorPage<>(List.copyOf(page), more, first, last);
    }
}
