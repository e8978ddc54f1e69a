package dev.atrium.e2e;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Fresh users per test, so tests never depend on each other's state. */
final class Users {

    static final String PASSWORD = "Corr3ct-Horse-Battery!";
    private static final SecureRandom RANDOM = new SecureRandom();

    record Session(String username, String password, String accessToken, String refreshToken, String userId) {
    }

    private Users() {
    }

    static String uniqueName() {
        byte[] bytes = new byte[5];
        RANDOM.nextBytes(bytes);
        return "e2e" + HexFormat.of().formatHex(bytes);
    }

    static Map<String, Object> registration(String username) {
        return Map.of("username", username, "email", username + "@example.com", "password", PASSWORD,
                "nickname", "E2E " + username);
    }

    static Session register(Gateway gateway) {
        String username = uniqueName();
        Gateway.Reply reply = gateway.post("/api/v1/auth/register", registration(username), null);
        assertEquals(200, reply.status(), () -> "register: " + reply);
        return session(username, reply);
    }

    static Session session(String username, Gateway.Reply reply) {
        Envelopes.assertOk(reply);
        var data = reply.data();
        assertFalse(data.path("access_token").asText().isEmpty(), () -> "no access_token: " + reply);
        assertFalse(data.path("refresh_token").asText().isEmpty(), () -> "no refresh_token: " + reply);
        return new Session(username, PASSWORD, data.path("access_token").asText(),
                data.path("refresh_token").asText(), data.path("user_info").path("id").asText());
    }
}
