package dev.atrium.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;

/** Every auth endpoint answers bad input with a 4xx envelope in auth's range, never a 5xx. */
@QuarkusTest
class BadInputTest {

    static Stream<Arguments> badRequests() {
        String longName = "u".repeat(40);
        return Stream.of(
                Arguments.of("POST", "/api/v1/auth/register", "application/json", "", 400, 108400001),
                Arguments.of("POST", "/api/v1/auth/register", "application/json", "{not json", 400, 108400002),
                Arguments.of("POST", "/api/v1/auth/register", "application/json", "[]", 400, 108400002),
                Arguments.of("POST", "/api/v1/auth/register", "application/json", "{}", 400, 108400001),
                Arguments.of("POST", "/api/v1/auth/register", "application/json",
                        "{\"username\":\"" + longName + "\",\"email\":\"a@b.co\",\"password\":\"abc12345xyz\"}", 400, 108400001),
                Arguments.of("POST", "/api/v1/auth/register", "application/json",
                        "{\"username\":\"bad name!\",\"email\":\"a@b.co\",\"password\":\"abc12345xyz\"}", 400, 108400001),
                Arguments.of("POST", "/api/v1/auth/register", "application/json",
                        "{\"username\":\"okname\",\"email\":\"not-an-email\",\"password\":\"abc12345xyz\"}", 400, 108400001),
                Arguments.of("POST", "/api/v1/auth/register", "application/json",
                        "{\"username\":\"okname\",\"email\":\"a@b.co\",\"password\":\"short1\"}", 400, 108400003),
                Arguments.of("POST", "/api/v1/auth/register", "application/json",
                        "{\"username\":\"okname\",\"email\":\"a@b.co\",\"password\":\"onlyletters\"}", 400, 108400003),
                Arguments.of("POST", "/api/v1/auth/register", "application/json",
                        "{\"username\":\"okname\",\"email\":\"a@b.co\",\"password\":12345678}", 400, 108400003),
                Arguments.of("POST", "/api/v1/auth/register", "text/plain", "hello", 415, 108415001),
                Arguments.of("POST", "/api/v1/auth/login", "application/json", "", 400, 108400001),
                Arguments.of("POST", "/api/v1/auth/login", "application/json", "{\"password\":\"x\"}", 400, 108400004),
                Arguments.of("POST", "/api/v1/auth/login", "application/json", "{\"username\":\"x\"}", 400, 108400001),
                Arguments.of("POST", "/api/v1/auth/login", "application/json", "{\"username\":{\"a\":1},\"password\":\"x\"}", 400, 108400002),
                Arguments.of("POST", "/api/v1/auth/refresh", "application/json", "{}", 400, 108400001),
                Arguments.of("POST", "/api/v1/auth/refresh", "application/json", "{\"refresh_token\":\"rt_nope\"}", 401, 108401004),
                Arguments.of("POST", "/api/v1/auth/logout", "application/json", "", 401, 108401001),
                Arguments.of("POST", "/api/v1/auth/tokens", "application/json", "{\"name\":\"x\"}", 401, 108401001),
                Arguments.of("DELETE", "/api/v1/auth/tokens/abc", "application/json", "", 401, 108401001),
                Arguments.of("GET", "/api/v1/workspaces/not-a-number", "application/json", "", 401, 108401001),
                Arguments.of("PATCH", "/api/v1/auth/login", "application/json", "{}", 405, 108405001),
                Arguments.of("GET", "/api/v1/auth/nothing-here", "application/json", "", 404, 108404001));
    }

    @ParameterizedTest(name = "{0} {1} {3} -> {4} {5}")
    @MethodSource("badRequests")
    void answersWithA4xxEnvelope(String method, String path, String contentType, String body, int status, int code) {
        var request = given().contentType(contentType);
        if (!body.isEmpty()) {
            request.body(body);
        }
        request.request(method, path).then()
                .statusCode(status)
                .body("code", allOf(greaterThanOrEqualTo(108_000_000), lessThan(109_000_000)))
                .body("msg", notNullValue())
                .body("code", equalTo(code));
    }

}
