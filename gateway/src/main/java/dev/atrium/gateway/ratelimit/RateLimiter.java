package dev.atrium.gateway.ratelimit;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.atrium.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Token buckets per principal (authenticated) and per client IP (anonymous), held in memory by each replica:
 * with N replicas behind a balancer a client can get up to N times the configured rate. Buckets untouched for
 * longer than a full refill are dropped (a fresh bucket is identical), and their number is capped.
 */
@ApplicationScoped
public class RateLimiter {

    private final boolean enabled;
    private final int userRate;
    private final int userBurst;
    private final int anonymousRate;
    private final int anonymousBurst;
    private final Cache<String, TokenBucket> buckets;

    public RateLimiter(GatewayConfig config) {
        GatewayConfig.RateLimit c = config.rateLimit();
        this.enabled = c.enabled();
        this.userRate = Math.max(1, c.requestsPerMinute());
        this.userBurst = Math.max(1, c.burst().orElse(userRate));
        this.anonymousRate = Math.max(1, c.anonymousRequestsPerMinute());
        this.anonymousBurst = Math.max(1, c.anonymousBurst().orElse(anonymousRate));
        long refillSeconds = Math.max(60L * userBurst / userRate, 60L * anonymousBurst / anonymousRate) + 1;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(c.maxBuckets())
                .expireAfterAccess(Duration.ofSeconds(refillSeconds))
                .build();
    }

    public RateDecision forPrincipal(String userId) {
        return take("u:" + userId, userBurst, userRate);
    }

    public RateDecision forClient(String ip) {
        return take("ip:" + ip, anonymousBurst, anonymousRate);
    }

    /** Counts a rejected credential against the client address (at the anonymous rate). */
    public RateDecision forRejectedCredential(String ip) {
        return take("fail:" + ip, anonymousBurst, anonymousRate);
    }

    /**
     * True when this client address has used up its budget of rejected credentials, so the gateway
     * refuses before spending another authentication (a gRPC call for a PAT) on it. Valid credentials
     * from the same address are not affected until it fails that often.
     */
    public boolean rejectedCredentialsExhausted(String ip) {
        if (!enabled) {
            return false;
        }
        TokenBucket bucket = buckets.getIfPresent("fail:" + ip);
        return bucket != null && bucket.empty(System.nanoTime());
    }

    private RateDecision take(String key, int burst, int perMinute) {
        if (!enabled) {
            return RateDecision.UNLIMITED;
        }
        long now = System.nanoTime();
        return buckets.get(key, k -> new TokenBucket(burst, perMinute, now)).take(perMinute, now);
    }
}
