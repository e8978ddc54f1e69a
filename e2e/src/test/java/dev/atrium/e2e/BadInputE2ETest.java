package dev.atrium.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashMap;
import java.util.Map;

import static dev.atrium.e2e.Envelopes.assertClientError;

/** Whatever arrives at the auth endpoints, the answer is a 4xx envelope, never a 5xx. */
@ExtendWith(AtriumSuite.class)
class BadInputE2ETest {

    private static final String REGISTER = "/api/v1/auth/register";
    private static final String LOGIN = "/api/v1/auth/login";

    private final Gateway gateway = AtriumSuite.gateway();

    @Test
    void emptyBody() {
        assertClientError(gateway.raw("POST", REGISTER, "application/json", "", null));
        assertClientError(gateway.raw("POST", LOGIN, "application/json", "", null));
    }

    @Test
    void malformedJson() {
        assertClientError(gateway.raw("POST", REGISTER, "application/json", "{\"username\": \"x\", ", null));
        assertClientError(gateway.raw("POST", LOGIN, "application/json", "[1,2", null));
    }

    @Test
    void missingFields() {
        assertClientError(gateway.post(REGISTER, Map.of(), null));
        assertClientError(gateway.post(REGISTER, Map.of("username", Users.uniqueName()), null));
        assertClientError(gateway.post(LOGIN, Map.of("username", Users.uniqueName()), null));
    }

    @Test
    void tooLongUsername() {
        Map<String, Object> body = new HashMap<>(Users.registration(Users.uniqueName()));
        body.put("username", "u".repeat(300));
        assertClientError(gateway.post(REGISTER, body, null));
    }

    @Test
    void weakPassword() {
        Map<String, Object> body = new HashMap<>(Users.registration(Users.uniqueName()));
        body.put("password", "123");
        assertClientError(gateway.post(REGISTER, body, null));
    }

    @Test
    void wrongContentType() throws Exception {
        String json = Gateway.JSON.writeValueAsString(Users.registration(Users.uniqueName()));
        assertClientError(gateway.raw("POST", REGISTER, "text/plain", json, null));
        assertClientError(gateway.raw("POST", LOGIN, "application/x-www-form-urlencoded", "username=a&password=b", null));
    }

    @Test
    void wrongJsonTypes() {
        assertClientError(gateway.post(REGISTER, Map.of("username", 42, "email", true,
                "password", Map.of("nested", 1), "nickname", 1), null));
    }
}
