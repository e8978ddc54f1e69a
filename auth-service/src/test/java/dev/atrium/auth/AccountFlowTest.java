package dev.atrium.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class AccountFlowTest {

    @Test
    void registersAndReturnsATokenPairWithUserInfo() {
        String username = "alice_" + System.nanoTime();
        given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "email", username + "@Example.com", "password", Users.PASSWORD, "nickname", "Alice"))
                .post("/api/v1/auth/register")
                .then().statusCode(200)
                .header("x-tt-logid", notNullValue())
                .body("code", equalTo(0))
                .body("data.token_type", equalTo("bearer"))
                .body("data.expires_in", equalTo(3600))
                .body("data.access_token", matchesPattern("[\\w-]+\\.[\\w-]+\\.[\\w-]+"))
                .body("data.refresh_token", matchesPattern("rt_[\\w-]{43}"))
                .body("data.user_info.id", matchesPattern("\\d+"))
                .body("data.user_info.username", equalTo(username))
                .body("data.user_info.email", equalTo(username.toLowerCase() + "@example.com"))
                .body("data.user_info.nickname", equalTo("Alice"))
                .body("data.user_info.role", equalTo("user"))
                .body("data.user_info.created_at", greaterThan(1_700_000_000))
                .body("data.user_info", not(org.hamcrest.Matchers.hasKey("password_hash")));
    }

    @Test
    void logsInWithUsernameOrEmailAndReadsMe() {
        Users.Registered u = Users.register("bob");
        String byName = given().contentType(ContentType.JSON).body(Map.of("username", u.username(), "password", Users.PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("data.access_token");
        String byEmail = given().contentType(ContentType.JSON).body(Map.of("email", u.username() + "@example.com", "password", Users.PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("data.access_token");
        for (String token : new String[]{byName, byEmail, u.accessToken()}) {
            given().header("Authorization", "Bearer " + token).get("/api/v1/auth/me")
                    .then().statusCode(200).body("data.username", equalTo(u.username())).body("data.id", equalTo(u.id()));
        }
    }

    @Test
    void rejectsWrongPasswordWithoutRevealingWhetherTheUserExists() {
        Users.Registered u = Users.register("carol");
        JsonPath wrong = given().contentType(ContentType.JSON).body(Map.of("username", u.username(), "password", "wrong-pass-123"))
                .post("/api/v1/auth/login").then().statusCode(401).extract().jsonPath();
        JsonPath unknown = given().contentType(ContentType.JSON).body(Map.of("username", "nobody_" + System.nanoTime(), "password", "wrong-pass-123"))
                .post("/api/v1/auth/login").then().statusCode(401).extract().jsonPath();
        assertEquals(108401003, wrong.getInt("code"));
        assertEquals(wrong.getInt("code"), unknown.getInt("code"));
        assertEquals(wrong.getString("msg"), unknown.getString("msg"));
    }

    @Test
    void refreshRotatesAndReuseRevokesTheWholeFamily() {
        Users.Registered u = Users.register("dave");
        JsonPath first = refresh(u.refreshToken()).then().statusCode(200).extract().jsonPath();
        String second = first.getString("data.refresh_token");
        assertNotEquals(u.refreshToken(), second);
        given().header("Authorization", "Bearer " + first.getString("data.access_token")).get("/api/v1/auth/me").then().statusCode(200);

        refresh(u.refreshToken()).then().statusCode(401).body("code", equalTo(108401005));
        // the stolen-token alarm also kills the legitimate holder's newer token
        refresh(second).then().statusCode(401).body("code", equalTo(108401004));
    }

    @Test
    void aReusedRefreshTokenEndsEveryAccessTokenOfTheSession() {
        Users.Registered u = Users.register("stolen");
        JsonPath rotated = refresh(u.refreshToken()).then().statusCode(200).extract().jsonPath();
        String newer = "Bearer " + rotated.getString("data.access_token");
        given().header("Authorization", newer).get("/api/v1/auth/me").then().statusCode(200);

        refresh(u.refreshToken()).then().statusCode(401).body("code", equalTo(108401005));
        given().header("Authorization", newer).get("/api/v1/auth/me").then().statusCode(401);
        given().header("Authorization", u.bearer()).get("/api/v1/auth/me").then().statusCode(401);
    }

    @Test
    void logoutEndsTheSessionButNotTheUsersOtherLogins() {
        Users.Registered u = Users.register("twice");
        String otherLogin = given().contentType(ContentType.JSON).body(Map.of("username", u.username(), "password", Users.PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("data.access_token");
        String sameSession = refresh(u.refreshToken()).then().statusCode(200).extract().path("data.access_token");

        given().header("Authorization", u.bearer()).post("/api/v1/auth/logout").then().statusCode(200);
        given().header("Authorization", "Bearer " + sameSession).get("/api/v1/auth/me").then().statusCode(401);
        given().header("Authorization", "Bearer " + otherLogin).get("/api/v1/auth/me").then().statusCode(200);
    }

    @Test
    void logoutRejectsTheAccessTokenAndItsRefreshFamily() {
        Users.Registered u = Users.register("erin");
        given().header("Authorization", u.bearer()).get("/api/v1/auth/me").then().statusCode(200);
        given().header("Authorization", u.bearer()).post("/api/v1/auth/logout").then().statusCode(200).body("code", equalTo(0));
        given().header("Authorization", u.bearer()).get("/api/v1/auth/me").then().statusCode(401).body("code", equalTo(108401001));
        refresh(u.refreshToken()).then().statusCode(401);
    }

    @Test
    void rejectsDuplicateUsernameAndEmailWith409() {
        Users.Registered u = Users.register("frank");
        given().contentType(ContentType.JSON)
                .body(Map.of("username", u.username().toUpperCase(), "email", "other" + System.nanoTime() + "@example.com", "password", Users.PASSWORD))
                .post("/api/v1/auth/register").then().statusCode(409).body("code", equalTo(108409001));
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "other_" + System.nanoTime(), "email", u.username() + "@EXAMPLE.com", "password", Users.PASSWORD))
                .post("/api/v1/auth/register").then().statusCode(409).body("code", equalTo(108409002));
    }

    @Test
    void concurrentRegistrationsOfOneNameGiveOneAccountAndConflictsNever5xx() throws Exception {
        String username = "race_" + System.nanoTime();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var calls = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                calls.add(pool.submit(() -> given().contentType(ContentType.JSON)
                        .body(Map.of("username", username, "email", username + n + "@example.com", "password", Users.PASSWORD))
                        .post("/api/v1/auth/register").statusCode()));
            }
            java.util.List<Integer> statuses = new java.util.ArrayList<>();
            for (var call : calls) {
                statuses.add(call.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(7, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void meWithoutTokenIs401Envelope() {
        given().get("/api/v1/auth/me").then().statusCode(401)
                .body("code", equalTo(108401001)).body("msg", notNullValue()).body("detail.logid", notNullValue());
    }

    private static io.restassured.response.Response refresh(String token) {
        return given().contentType(ContentType.JSON).body(Map.of("refresh_token", token)).post("/api/v1/auth/refresh");
    }
}
