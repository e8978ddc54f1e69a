package dev.atrium.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;

import static dev.atrium.e2e.Envelopes.assertOk;
import static dev.atrium.e2e.Envelopes.assertUnauthenticated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

@ExtendWith(AtriumSuite.class)
class RefreshAndLogoutE2ETest {

    private final Gateway gateway = AtriumSuite.gateway();

    @Test
    void refreshRotatesAndTheOldRefreshTokenIsRejected() {
        Users.Session first = Users.register(gateway);

        Gateway.Reply refreshed = gateway.post("/api/v1/auth/refresh", Map.of("refresh_token", first.refreshToken()), null);
        assertEquals(200, refreshed.status(), refreshed::toString);
        Users.Session second = Users.session(first.username(), refreshed);
        assertNotEquals(first.refreshToken(), second.refreshToken(), "refresh token must rotate");

        Gateway.Reply me = gateway.get("/api/v1/auth/me", second.accessToken());
        assertOk(me);
        assertEquals(first.username(), me.data().path("username").asText(), me::toString);

        Gateway.Reply reused = gateway.post("/api/v1/auth/refresh", Map.of("refresh_token", first.refreshToken()), null);
        assertUnauthenticated(reused);
    }

    @Test
    void logoutEndsTheSession() {
        Users.Session session = Users.register(gateway);
        assertOk(gateway.get("/api/v1/auth/me", session.accessToken()));

        Gateway.Reply logout = gateway.post("/api/v1/auth/logout",
                Map.of("refresh_token", session.refreshToken()), session.accessToken());
        assertOk(logout);

        Gateway.Reply me = Gateway.poll(Duration.ofSeconds(10),
                () -> gateway.get("/api/v1/auth/me", session.accessToken()), reply -> reply.status() == 401);
        assertUnauthenticated(me);
    }
}
