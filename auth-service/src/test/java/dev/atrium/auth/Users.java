package dev.atrium.auth;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Registers fresh users through the real API, so each test owns its accounts. */
final class Users {

    static final String PASSWORD = "s3cret-Passphrase";
    private static final AtomicInteger SEQ = new AtomicInteger();

    record Registered(String id, String username, String accessToken, String refreshToken) {
        String bearer() {
            return "Bearer " + accessToken;
        }
    }

    private Users() {
    }

    static Registered register(String prefix) {
        String username = prefix + "_" + System.nanoTime() % 1_000_000_000L + "_" + SEQ.incrementAndGet();
        JsonPath body = given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "email", username + "@example.com", "password", PASSWORD, "nickname", prefix))
                .post("/api/v1/auth/register")
                .then().statusCode(200).extract().jsonPath();
        return new Registered(body.getString("data.user_info.id"), username, body.getString("data.access_token"),
                body.getString("data.refresh_token"));
    }
}
