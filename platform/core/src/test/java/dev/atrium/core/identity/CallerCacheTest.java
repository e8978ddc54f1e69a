package dev.atrium.core.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class CallerCacheTest {

    private static Caller caller(String tokenId) {
        return new Caller(1, "u", "user", Set.of(), tokenId, "jwt", null, null, null, 0, "raw-" + tokenId);
    }

    @Test
    void answersFromTheCacheWithinTheTtlAndPerToken() {
        CallerCache<Integer> cache = new CallerCache<>(10);
        AtomicInteger calls = new AtomicInteger();
        assertEquals(1, cache.get(caller("a"), Duration.ofMinutes(1), c -> calls.incrementAndGet()));
        assertEquals(1, cache.get(caller("a"), Duration.ofMinutes(1), c -> calls.incrementAndGet()));
        assertEquals(2, cache.get(caller("b"), Duration.ofMinutes(1), c -> calls.incrementAndGet()));
        assertEquals(2, calls.get());
    }

    @Test
    void asksAgainOnceTheAnswerExpired() {
        CallerCache<Integer> cache = new CallerCache<>(10);
        AtomicInteger calls = new AtomicInteger();
        cache.get(caller("a"), Duration.ZERO, c -> calls.incrementAndGet());
        assertEquals(2, cache.get(caller("a"), Duration.ZERO, c -> calls.incrementAndGet()));
    }

    @Test
    void staysBoundedByDroppingEntriesWhenFull() {
        CallerCache<Integer> cache = new CallerCache<>(2);
        AtomicInteger calls = new AtomicInteger();
        cache.get(caller("a"), Duration.ofMinutes(1), c -> calls.incrementAndGet());
        cache.get(caller("b"), Duration.ofMinutes(1), c -> calls.incrementAndGet());
        cache.get(caller("c"), Duration.ofMinutes(1), c -> calls.incrementAndGet());
        // "a" was dropped to make room, so it is fetched again
        assertEquals(4, cache.get(caller("a"), Duration.ofMinutes(1), c -> calls.incrementAndGet()));
    }
}
