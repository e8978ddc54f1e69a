package dev.atrium.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

import dev.atrium.auth.repository.SigningKeyRepository;
import dev.atrium.auth.service.KeyService;
import dev.atrium.testkit.JwtKit;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class SigningKeyTest {

    @Inject
    KeyService keys;

    @Inject
    SigningKeyRepository stored;

    @Test
    void accessTokensVerifyAgainstThePublishedJwks() throws Exception {
        String jwks = given().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys", hasSize(1)).body("keys[0].kty", equalTo("RSA")).body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].d", nullValue()).body("keys[0].p", nullValue())
                .extract().asString();
        Users.Registered u = Users.register("jwks");
        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                .setExpectedIssuer("atrium").setRequireExpirationTime().setRequireJwtId()
                .build().processToClaims(u.accessToken());
        assertEquals(u.id(), claims.getSubject());
        assertEquals(u.username(), claims.getStringClaimValue("preferred_username"));
        assertEquals(3600, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
        var header = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Base64.getUrlDecoder().decode(u.accessToken().split("\\.")[0]));
        assertEquals(keys.kid(), header.path("kid").asText());
        assertEquals("RS256", header.path("alg").asText());
    }

    @Test
    void theGeneratedKeyIsPersistedSoARestartKeepsTokensValid() {
        String persistedKid = QuarkusTransaction.requiringNew().call(() -> stored.newest().orElseThrow().kid);
        assertEquals(keys.kid(), persistedKid);
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> stored.count()));
    }

    @Test
    void rejectsTokensSignedWithAnotherKeyOrUnsigned() {
        try (JwtKit foreign = JwtKit.create()) {
            for (String forged : new String[]{foreign.mint(1, "mallory"), foreign.algNone(1), foreign.hs256WithPublicKey(1)}) {
                given().header("Authorization", "Bearer " + forged).get("/api/v1/auth/me").then().statusCode(401)
                        .body("code", equalTo(108401001));
            }
        }
        assertThrows(InvalidJwtException.class, () -> new JwtConsumerBuilder().setSkipSignatureVerification()
                .build().processToClaims("garbage"));
    }
}
