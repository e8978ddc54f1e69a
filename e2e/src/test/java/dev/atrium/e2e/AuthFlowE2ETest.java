package dev.atrium.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;

import static dev.atrium.e2e.Envelopes.assertOk;
import static dev.atrium.e2e.Envelopes.assertUnauthenticated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(AtriumSuite.class)
class AuthFlowE2ETest {

    private final Gateway gateway = AtriumSuite.gateway();

    @Test
    void registerLoginMeAndPersonalAccessTokenUntilRevoked() {
        String username = Users.uniqueName();
        Gateway.Reply registered = gateway.post("/api/v1/auth/register", Users.registration(username), null);
        assertEquals(200, registered.status(), registered::toString);
        assertOk(registered);
        assertEquals("bearer", registered.data().path("token_type").asText().toLowerCase(), registered::toString);
        assertTrue(registered.data().path("expires_in").asLong() > 0, registered::toString);
        assertEquals(username, registered.data().path("user_info").path("username").asText(), registered::toString);
        assertFalse(registered.data().path("user_info").path("id").asText().isEmpty(), registered::toString);

        Gateway.Reply login = gateway.post("/api/v1/auth/login",
                Map.of("username", username, "password", Users.PASSWORD), null);
        assertEquals(200, login.status(), login::toString);
        Users.Session session = Users.session(username, login);

        Gateway.Reply me = gateway.get("/api/v1/auth/me", session.accessToken());
        assertOk(me);
        assertEquals(username, me.data().path("username").asText(), me::toString);

        Gateway.Reply created = gateway.post("/api/v1/auth/tokens", Map.of("name", "e2e"), session.accessToken());
        assertOk(created);
        String pat = created.data().path("token").asText();
        String patId = created.data().path("id").asText();
        assertTrue(pat.startsWith("pat_"), created::toString);
        assertFalse(patId.isEmpty(), created::toString);

        Gateway.Reply meWithPat = gateway.get("/api/v1/auth/me", pat);
        assertOk(meWithPat);
        assertEquals(username, meWithPat.data().path("username").asText(), meWithPat::toString);

        Gateway.Reply revoked = gateway.delete("/api/v1/auth/tokens/" + patId, session.accessToken());
        assertTrue(revoked.status() >= 200 && revoked.status() < 300, revoked::toString);

        // Revocation reaches the gateway's cache through Kafka, so it may take a moment.
        Gateway.Reply afterRevoke = Gateway.poll(Duration.ofSeconds(10),
                () -> gateway.get("/api/v1/auth/me", pat), reply -> reply.status() == 401);
        assertUnauthenticated(afterRevoke);

        Gateway.Reply stillLoggedIn = gateway.get("/api/v1/auth/me", session.accessToken());
        assertOk(stillLoggedIn);
    }

    @Test
    void rejectsWrongPassword() {
        Users.Session session = Users.register(gateway);
        Gateway.Reply login = gateway.post("/api/v1/auth/login",
                Map.of("username", session.username(), "password", "Wrong-" + Users.PASSWORD), null);
        assertUnauthenticated(login);
    }
}
