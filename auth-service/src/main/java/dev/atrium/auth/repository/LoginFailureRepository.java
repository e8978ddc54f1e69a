package dev.atrium.auth.repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;

/** Counters of failed logins (key = "user:<name>" or "ip:<address>") in the database, so every replica sees them. */
@ApplicationScoped
public class LoginFailureRepository {

    public record Failures(int count, Instant windowStart, Instant lockedUntil) {
    }

    public Optional<Failures> find(String key) {
        List<?> rows = Panache.getEntityManager()
                .createNativeQuery("select failures, window_start, locked_until from login_failures where key = ?1")
                .setParameter(1, key).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(new Failures(((Number) row[0]).intValue(), toInstant(row[1]), toInstant(row[2])));
    }

    /** Adds one failure, restarting the count when the window has passed; returns the new state. */
    public int increment(String key, Instant now, Instant windowFloor) {
        Object count = Panache.getEntityManager().createNativeQuery("""
                insert into login_failures (key, failures, window_start) values (?1, 1, ?2)
                on conflict (key) do update set
                  failures = case when login_failures.window_start < ?3 then 1 else login_failures.failures + 1 end,
                  window_start = case when login_failures.window_start < ?3 then ?2 else login_failures.window_start end
                returning failures""")
                .setParameter(1, key).setParameter(2, now).setParameter(3, windowFloor).getSingleResult();
        return ((Number) count).intValue();
    }

    public void lock(String key, Instant until) {
        Panache.getEntityManager().createNativeQuery("update login_failures set locked_until = ?2 where key = ?1")
                .setParameter(1, key).setParameter(2, until).executeUpdate();
    }

    public void decrement(String key) {
        Panache.getEntityManager()
                .createNativeQuery("update login_failures set failures = greatest(failures - 1, 0) where key = ?1")
                .setParameter(1, key).executeUpdate();
    }

    public void clear(String key) {
        Panache.getEntityManager().createNativeQuery("delete from login_failures where key = ?1")
                .setParameter(1, key).executeUpdate();
    }

    private static Instant toInstant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return Instant.parse(value.toString());
    }
}
