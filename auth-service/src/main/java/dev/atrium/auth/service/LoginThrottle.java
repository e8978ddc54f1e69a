package dev.atrium.auth.service;

import java.time.Duration;
import java.time.Instant;

import dev.atrium.auth.AuthErrors;
import dev.atrium.auth.config.AuthConfig;
import dev.atrium.auth.repository.LoginFailureRepository;
import dev.atrium.core.error.DomainException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Backoff and lockout for password guessing, per account and per client address. After N failures an
 * account is locked for the base lock, doubled on each further failure (capped at the window); an
 * address is locked for the whole window. Failures are recorded in their own transaction so a
 * rejected login still counts.
 */
@ApplicationScoped
public class LoginThrottle {

    private final LoginFailureRepository failures;
    private final AuthConfig.Throttle config;

    public LoginThrottle(LoginFailureRepository failures, AuthConfig config) {
        this.failures = failures;
        this.config = config.throttle();
    }

    public void checkAllowed(String account, String address) {
        Instant now = Instant.now();
        for (String key : keys(account, address)) {
            failures.find(key).map(LoginFailureRepository.Failures::lockedUntil)
                    .filter(until -> until.isAfter(now))
                    .ifPresent(until -> {
                        long seconds = Math.max(1, Duration.between(now, until).toSeconds());
                        throw new DomainException(AuthErrors.LOGIN_THROTTLED,
                                "too many failed logins; try again in " + seconds + " s");
                    });
        }
    }

    public void recordFailure(String account, String address) {
        QuarkusTransaction.requiringNew().run(() -> {
            Instant now = Instant.now();
            Instant floor = now.minus(config.window());
            String accountKey = accountKey(account);
            int accountCount = failures.increment(accountKey, now, floor);
            if (accountCount >= config.accountFailures()) {
                int doublings = Math.min(accountCount - config.accountFailures(), 20);
                Duration lock = config.baseLock().multipliedBy(1L << doublings);
                failures.lock(accountKey, now.plus(lock.compareTo(config.window()) > 0 ? config.window() : lock));
            }
            if (address != null) {
                String addressKey = addressKey(address);
                if (failures.increment(addressKey, now, floor) >= config.addressFailures()) {
                    failures.lock(addressKey, now.plus(config.window()));
                }
            }
        });
    }

    public void recordSuccess(String account) {
        failures.clear(accountKey(account));
    }

    private static String[] keys(String account, String address) {
        return address == null ? new String[]{accountKey(account)} : new String[]{accountKey(account), addressKey(address)};
    }

    private static String accountKey(String account) {
        return "user:" + account.toLowerCase(java.util.Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "ip:" + address;
    }
}
