package dev.atrium.gateway.ratelimit;

import io.vertx.core.http.HttpServerResponse;

/** The outcome of one request against its bucket, and the headers that tell the client about it. */
public record RateDecision(boolean allowed, int limit, int remaining, long resetSeconds, long retryAfterSeconds) {

    /** Used when rate limiting is switched off, so callers need not special-case it. */
    public static final RateDecision UNLIMITED = new RateDecision(true, -1, -1, 0, 0);

    public void applyTo(HttpServerResponse response) {
        if (limit < 0) {
            return;
        }
        response.putHeader("X-RateLimit-Limit", Integer.toString(limit));
        response.putHeader("X-RateLimit-Remaining", Integer.toString(Math.max(0, remaining)));
        response.putHeader("X-RateLimit-Reset", Long.toString(resetSeconds));
        if (!allowed) {
            response.putHeader("Retry-After", Long.toString(retryAfterSeconds));
        }
    }
}
