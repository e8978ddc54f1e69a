package dev.atrium.auth.service;

import java.time.Instant;

import dev.atrium.auth.repository.RevokedTokenRepository;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Drops rows that can no longer matter: revocations of expired tokens, dead refresh tokens, old failures. */
@ApplicationScoped
public class Housekeeping {

    private final RevokedTokenRepository revoked;

    public Housekeeping(RevokedTokenRepository revoked) {
        this.revoked = revoked;
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purge() {
        Instant now = Instant.now();
        revoked.purgeExpired(now);
        Panache.getEntityManager().createNativeQuery("delete from refresh_tokens where expires_at < ?1")
                .setParameter(1, now).executeUpdate();
        Panache.getEntityManager().createNativeQuery(
                "delete from login_failures where window_start < ?1 and (locked_until is null or locked_until < ?2)")
                .setParameter(1, now.minusSeconds(86_400)).setParameter(2, now).executeUpdate();
    }
}
