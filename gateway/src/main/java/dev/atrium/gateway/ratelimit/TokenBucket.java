package dev.atrium.gateway.ratelimit;

/** A classic token bucket refilled continuously; synchronized because a principal's requests hit many event loops. */
final class TokenBucket {

    private final double capacity;
    private final double tokensPerNano;
    private double tokens;
    private long last;

    TokenBucket(int capacity, int perMinute, long now) {
        this.capacity = capacity;
        this.tokensPerNano = perMinute / 60_000_000_000.0;
        this.tokens = capacity;
        this.last = now;
    }

    synchronized RateDecision take(int limit, long now) {
        tokens = Math.min(capacity, tokens + (now - last) * tokensPerNano);
        last = now;
        boolean allowed = tokens >= 1.0;
        if (allowed) {
            tokens -= 1.0;
        }
        long reset = seconds((capacity - tokens) / tokensPerNano);
        long retryAfter = allowed ? 0 : Math.max(1, seconds((1.0 - tokens) / tokensPerNano));
        return new RateDecision(allowed, limit, (int) Math.floor(tokens), reset, retryAfter);
    }

    /** Whether the next take would be refused, without taking. */
    synchronized boolean empty(long now) {
        return Math.min(capacity, tokens + (now - last) * tokensPerNano) < 1.0;
    }

    private static long seconds(double nanos) {
        return (long) Math.ceil(nanos / 1_000_000_000.0);
    }
}
