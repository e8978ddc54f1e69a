package dev.atrium.core.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What another service answered about a caller (such as auth-service's memberships), kept per token for a
 * short time: a burst of requests costs one call, and a change reaches the service within {@code ttl}. Bounded:
 * past {@code maxEntries} expired answers go first, then everything.
 */
public final class CallerCache<V> {

    private record Cached<V>(V value, Instant until) {
    }

    private final Map<String, Cached<V>> entries = new ConcurrentHashMap<>();
    private final int maxEntries;

    public CallerCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    public V get(Caller caller, Duration ttl, Function<Caller, V> fetch) {
        String key = caller.tokenId() != null ? caller.tokenId() : caller.rawToken();
        Instant now = Instant.now();
        Cached<V> hit = entries.get(key);
        if (hit != null && hit.until().isAfter(now)) {
            return hit.value();
        }
        V fresh = fetch.apply(caller);
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(c -> !c.until().isAfter(now));
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
        }
        entries.put(key, new Cached<>(fresh, now.plus(ttl)));
        return fresh;
    }
}
