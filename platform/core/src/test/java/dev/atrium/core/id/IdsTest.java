package dev.atrium.core.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void idsAreUniqueAndIncreasingUnderContention() throws Exception {
        Ids ids = new Ids(7);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            results.add(pool.submit(() -> {
                long previous = 0;
                for (int i = 0; i < 50_000; i++) {
                    long id = ids.nextId();
                    if (id <= previous || !seen.add(id)) {
                        return false;
                    }
                    previous = id;
                }
                return true;
            }));
        }
        for (Future<Boolean> r : results) {
            assertTrue(r.get(), "an id repeated or went backwards within a thread");
        }
        pool.shutdown();
        assertEquals(400_000, seen.size());
    }

    @Test
    void differentNodesNeverCollideInTheSameMillisecond() {
        Ids a = new Ids(1);
        Ids b = new Ids(2);
        Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            assertTrue(seen.add(a.nextId()));
            assertTrue(seen.add(b.nextId()));
        }
    }

    @Test
    void idsCarryTheirCreationTime() {
        long before = System.currentTimeMillis();
        long id = new Ids(3).nextId();
        long after = System.currentTimeMillis();
        long at = Ids.timestampMillis(id);
        assertTrue(at >= before && at <= after + 1, "timestamp " + at + " not in [" + before + ", " + after + "]");
        assertTrue(id > 0);
    }

    @Test
    void parsesOnlyPositive64BitNumbers() {
        assertEquals(42L, Ids.parse("42").orElseThrow());
        assertTrue(Ids.parse("-1").isEmpty());
        assertTrue(Ids.parse("0").isEmpty());
        assertTrue(Ids.parse("abc").isEmpty());
        assertTrue(Ids.parse("99999999999999999999").isEmpty());
        assertTrue(Ids.parse(null).isEmpty());
    }
}
