package dev.atrium.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class LoginThrottleTest {

    @Test
    void locksAnAccountAfterRepeatedFailuresEvenForTheRightPassword() {
        Users.Registered u = Users.register("victim");
        for (int i = 0; i < 5; i++) {
            login(u.username(), "wrong-pass-" + i, "10.0.0." + i).then().statusCode(401);
        }
        login(u.username(), Users.PASSWORD, "10.0.1.1").then().statusCode(429)
                .body("code", equalTo(108429002)).body("msg", containsString("try again in"));
    }

    @Test
    void parallelGuessesCannotSlipPastTheLimit() throws Exception {
        Users.Registered u = Users.register("burst");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            var calls = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 12; i++) {
                int n = i;
                calls.add(pool.submit(() -> login(u.username(), "wrong-pass-" + n, "10.5.0." + n).statusCode()));
            }
            long wrongPasswordAnswers = 0;
            for (var call : calls) {
                int status = call.get();
                if (status == 401) {
                    wrongPasswordAnswers++;
                } else {
                    org.junit.jupiter.api.Assertions.assertEquals(429, status);
                }
            }
            org.junit.jupiter.api.Assertions.assertEquals(5, wrongPasswordAnswers, "only the allowed attempts reach the password check");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void usernameAndEmailShareOneCounter() {
        Users.Registered u = Users.register("aliases");
        for (int i = 0; i < 5; i++) {
            String login = i % 2 == 0 ? u.username() : u.username() + "@example.com";
            login(login, "wrong-pass-" + i, "10.6.0." + i).then().statusCode(401);
        }
        login(u.username() + "@example.com", Users.PASSWORD, "10.6.1.1").then().statusCode(429);
    }

    @Test
    void locksAClientAddressThatGuessesAcrossAccounts() {
        String address = "10.9.9.9";
        for (int i = 0; i < 20; i++) {
            login("ghost_" + i + "_" + System.nanoTime(), "wrong-pass-1", address).then().statusCode(401);
        }
        Users.Registered u = Users.register("innocent");
        login(u.username(), Users.PASSWORD, address).then().statusCode(429);
        login(u.username(), Users.PASSWORD, "10.9.9.10").then().statusCode(200);
    }

    @Test
    void aSuccessfulLoginResetsTheAccountCounter() {
        Users.Registered u = Users.register("forgetful");
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                login(u.username(), "wrong-pass-" + i, "10.1.2." + round).then().statusCode(401);
            }
            login(u.username(), Users.PASSWORD, "10.1.3." + round).then().statusCode(200);
        }
    }

    private static io.restassured.response.Response login(String username, String password, String address) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .body(Map.of("username", username, "password", password)).post("/api/v1/auth/login");
    }
}
