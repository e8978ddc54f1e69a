package dev.atrium.e2e;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.atrium.e2e.Envelopes.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs last: it spends the rate-limit budget (120 per minute in the e2e run, see {@link AtriumSuite}). */
@Order(Integer.MAX_VALUE)
@ExtendWith(AtriumSuite.class)
class RateLimitE2ETest {

    private final Gateway gateway = AtriumSuite.gateway();

    @Test
    void answers429WithRateLimitHeadersOnceTheBudgetIsSpent() {
        Users.Session session = Users.register(gateway);
        int attempts = 20 * AtriumSuite.RATE_LIMIT_PER_MINUTE;
        Gateway.Reply last = null;
        int accepted = 0;
        for (int i = 0; i < attempts; i++) {
            last = gateway.get("/api/v1/auth/me", session.accessToken());
            if (last.status() == 429) {
                break;
            }
            assertEquals(200, last.status(), last::toString);
            accepted++;
        }
        Gateway.Reply limited = last;
        assertEquals(429, limited.status(), () -> "no 429 after " + attempts + " requests: " + limited);
        assertTrue(accepted > 0, "the first requests must pass");
        for (String header : new String[] {"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"}) {
            assertTrue(limited.header(header).isPresent(), () -> header + " missing on " + limited + " " + limited.headers().map());
        }
        assertRejected(limited, 429, Envelopes.GATEWAY_RANGE);
    }
}
