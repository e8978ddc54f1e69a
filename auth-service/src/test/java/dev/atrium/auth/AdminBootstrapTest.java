package dev.atrium.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The %test profile configures ATRIUM_ADMIN_* like `./atrium up` does; startup must have created that admin. */
@QuarkusTest
class AdminBootstrapTest {

    @Test
    void theConfiguredAdministratorExistsAndCanLogIn() {
        given().contentType(ContentType.JSON).body(Map.of("username", "root-admin", "password", "Adm1n-test-pass"))
                .post("/api/v1/auth/login").then().statusCode(200)
                .body("data.user_info.role", equalTo("admin"))
                .body("data.user_info.email", equalTo("root-admin@atrium.local"));
    }
}
