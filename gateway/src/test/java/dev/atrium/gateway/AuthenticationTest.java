package dev.atrium.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.atrium.gateway.support.Control;
import dev.atrium.gateway.support.Upstreams;
import dev.atrium.testkit.InjectJwtKit;
import dev.atrium.testkit.JwtKit;
import dev.atrium.testkit.JwtResource;
import dev.atrium.testkit.KafkaResource;
import dev.atrium.testkit.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "atrium_gateway"))
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(Upstreams.class)
class AuthenticationTest {

    @InjectJwtKit
    JwtKit jwt;

    private static void rejected(String bearer) {
        given().header("Authorization", "Bearer " + bearer)
                .when().get("/api/v1/bots/1")
                .then().statusCode(401)
                .body("code", is(108401002));
    }

    @Test
    void acceptsValidJwtAndForwardsIt() {
        String token = jwt.mint(21, "alice");
        given().auth().oauth2(token)
                .when().get("/api/v1/bots/1")
                .then().statusCode(200)
                .body("headers.authorization", equalTo("Bearer " + token));
    }

    @Test
    void rejectsMissingCredential() {
        given().when().get("/api/v1/bots/1")
                .then().statusCode(401)
                .body("code", is(108401001))
                .body("detail.logid", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void rejectsNonBearerAuthorization() {
        given().header("Authorization", "Basic YWxpY2U6c2VjcmV0")
                .when().get("/api/v1/bots/1")
                .then().statusCode(401)
                .body("code", is(108401001));
    }

    @Test
    void rejectsExpiredToken() {
        rejected(jwt.expired(21));
    }

    @Test
    void rejectsAlgNoneToken() {
        rejected(jwt.algNone(21));
    }

    @Test
    void rejectsTokenSignedWithAnotherKey() {
        rejected(jwt.signedWithOtherKey(21));
    }

    @Test
    void rejectsHs256SignedWithThePublicKey() {
        rejected(jwt.hs256WithPublicKey(21));
    }

    @Test
    void rejectsWrongIssuer() {
        rejected(jwt.wrongIssuer(21));
    }

    @Test
    void rejectsGarbage() {
        rejected("not-a-token");
        rejected("a.b.c");
    }

    @Test
    void publicRoutesNeedNoToken() {
        given().contentType("application/json").body("{\"username\":\"a\",\"password\":\"b\"}")
                .when().post("/api/v1/auth/login")
                .then().statusCode(200)
                .body("service", equalTo("auth"));
        given().when().get("/.well-known/jwks.json")
                .then().statusCode(200)
                .body("service", equalTo("auth"));
        given().when().get("/api/permission/oauth2/authorize?client_id=x")
                .then().statusCode(200)
                .body("service", equalTo("auth"));
    }

    @Test
    void publicRuleIsMethodSpecific() {
        given().when().get("/api/v1/auth/login")
                .then().statusCode(401)
                .body("code", is(108401001));
        given().when().post("/api/v1/auth/logout")
                .then().statusCode(401);
    }

    @Test
    void resolvesPatThroughAuthServiceAndForwardsJwt() {
        String pat = "pat_ok_" + UUID.randomUUID();
        given().auth().oauth2(pat)
                .when().get("/api/v1/bots/1")
                .then().statusCode(200)
                .body("headers.authorization", equalTo("Bearer " + Upstreams.PAT_JWT));
    }

    @Test
    void cachesPatResolution() {
        String pat = "pat_ok_" + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(pat)
                    .when().get("/api/v1/bots/1")
                    .then().statusCode(200);
        }
        assertEquals(1, Control.grpcCalls(pat));
    }

    @Test
    void resolvesAppApiKey() {
        String key = "ak_ok_" + UUID.randomUUID();
        given().auth().oauth2(key)
                .when().post("/v3/chat")
                .then().statusCode(200)
                .body("service", equalTo("conversation"))
                .body("headers.authorization", equalTo("Bearer " + Upstreams.PAT_JWT));
    }

    @Test
    void rejectsUnknownPat() {
        rejected("pat_unknown_" + UUID.randomUUID());
    }

    @Test
    void authServiceDownWhileResolvingIs503() {
        given().auth().oauth2("pat_down_" + UUID.randomUUID())
                .when().get("/api/v1/bots/1")
                .then().statusCode(503)
                .body("code", is(113503002));
    }

    @Test
    void webSocketTokenInQueryIsOnlyAcceptedForUpgrades() {
        given().queryParam("token", jwt.mint(21, "alice"))
                .when().get("/api/v1/bots/1")
                .then().statusCode(401)
                .body("code", is(108401001));
    }
}
