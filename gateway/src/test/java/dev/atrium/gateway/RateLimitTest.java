package dev.atrium.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.atrium.gateway.support.Upstreams;
import dev.atrium.testkit.InjectJwtKit;
import dev.atrium.testkit.JwtKit;
import dev.atrium.testkit.JwtResource;
import dev.atrium.testkit.KafkaResource;
import dev.atrium.testkit.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(RateLimitTest.SmallLimits.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "atrium_gateway"))
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(Upstreams.class)
class RateLimitTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "atrium.gateway.rate-limit.requests-per-minute", "3",
                    "atrium.gateway.rate-limit.anonymous-requests-per-minute", "2");
        }
    }

    @InjectJwtKit
    JwtKit jwt;

    @Test
    void authenticatedCallerIsLimitedPerPrincipal() {
        String token = jwt.mint(61, "busy");
        for (int remaining = 2; remaining >= 0; remaining--) {
            given().auth().oauth2(token)
                    .when().get("/api/v1/bots/1")
                    .then().statusCode(200)
                    .header("X-RateLimit-Limit", "3")
                    .header("X-RateLimit-Remaining", Integer.toString(remaining))
                    .header("X-RateLimit-Reset", notNullValue());
        }
        given().auth().oauth2(jwt.mint(61, "busy"))
                .when().get("/api/v1/bots/1")
                .then().statusCode(429)
                .body("code", is(113429001))
                .header("X-RateLimit-Limit", "3")
                .header("X-RateLimit-Remaining", "0")
                .header("Retry-After", notNullValue())
                .header("X-RateLimit-Reset", notNullValue());
        given().auth().oauth2(jwt.mint(62, "calm"))
                .when().get("/api/v1/bots/1")
                .then().statusCode(200);
    }

    @Test
    void anAddressThatKeepsFailingAuthenticationIsRefusedBeforeAuthServiceIsAsked() {
        String bad = "pat_bad_" + java.util.UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(bad).when().get("/api/v1/bots/1").then().statusCode(401);
        }
        int asked = dev.atrium.gateway.support.Control.grpcCalls(bad);
        given().auth().oauth2(bad).when().get("/api/v1/bots/1").then().statusCode(429).body("code", is(113429001));
        org.junit.jupiter.api.Assertions.assertEquals(asked, dev.atrium.gateway.support.Control.grpcCalls(bad),
                "the refused request did not reach auth-service");
        given().auth().oauth2(jwt.mint(63, "valid")).when().get("/api/v1/bots/1").then().statusCode(200);
    }

    @Test
    void anonymousCallerIsLimitedPerIp() {
        for (int i = 0; i < 2; i++) {
            given().when().get("/.well-known/jwks.json")
                    .then().statusCode(200)
                    .header("X-RateLimit-Limit", "2");
        }
        given().when().get("/.well-known/jwks.json")
                .then().statusCode(429)
                .body("code", is(113429001))
                .header("Retry-After", notNullValue());
    }
}
