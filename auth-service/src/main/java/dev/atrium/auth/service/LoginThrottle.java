package dev.atrium.auth.service;

import java.time.Duration;
import java.time.Instant;

import dev.atrium.auth.AuthErrors;
import dev.atrium.auth.config.AuthConfig;
import dev.atrium.auth.repository.LoginFailureRepository;
import dev.atrium.core.error.DomainException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Backoff and lockout for password guessing, per account and per client address. Past N failed
 * attempts in the window an account is locked for the base lock, doubled on each further attempt
 * (capped at the window); an address is locked for the whole window.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final String ADDRESS = "ip:";

    private final LoginFailureRepository failures;
    private final AuthConfig.Throttle config;

    public LoginThrottle(LoginFailureRepository failures, AuthConfig config) {
        this.failures = failures;
        this.config = config.throttle();
    }

    /**
     * Counts one attempt against the account and the address, in its own transaction, and refuses it
     * when either is locked or this attempt crosses its limit. The count is atomic in the database, so
     * parallel attempts cannot all pass.
     */
    public void reserveAttempt(String account, String address) {
        Instant refusedUntil = QuarkusTransaction.requiringNew().call(() -> {
            Instant now = Instant.now();
            Instant floor = now.minus(config.window());
            Instant until = null;
            for (String key : keys(account, address)) {
                Instant locked = failures.find(key).map(LoginFailureRepository.Failures::lockedUntil)
                        .filter(t -> t.isAfter(now)).orElse(null);
                if (locked != null) {
                    until = later(until, locked);
                    continue;
                }
                int count = failures.increment(key, now, floor);
                int limit = key.startsWith(ADDRESS) ? config.addressFailures() : config.accountFailures();
                if (count > limit) {
                    Instant lock = now.plus(lockFor(key, count - limit - 1));
                    failures.lock(key, lock);
                    until = later(until, lock);
                }
            }
            return until;
        });
        if (refusedUntil != null) {
            long seconds = Math.max(1, Duration.between(Instant.now(), refusedUntil).toSeconds());
            throw new DomainException(AuthErrors.LOGIN_THROTTLED, "too many failed logins; try again in " + seconds + " s");
        }
    }

    /** A successful login clears the account's count and takes back its attempt from the address. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordSuccess(String account, String address) {
        failures.clear(accountKey(account));
        if (address != null) {
            failures.decrement(addressKey(address));
        }
    }

    private Duration lockFor(String key, int extraFailures) {
        if (key.startsWith(ADDRESS)) {
            return config.window();
        }
        Duration lock = config.baseLock().multipliedBy(1L << Math.min(extraFailures, 20));
        return lock.compareTo(config.window()) > 0 ? config.window() : lock;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    private static String[] keys(String account, String address) {
        return address == null ? new String[]{accountKey(account)} : new String[]{accountKey(account), addressKey(address)};
    }

    private static String accountKey(String account) {
        return "user:" + account.toLowerCase(java.util.Locale.ROOT);
    }

    private static String addressKey(String address) {
        return ADDRESS + address;
    }
}
