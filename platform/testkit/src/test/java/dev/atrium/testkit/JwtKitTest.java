package dev.atrium.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JwtKitTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JwtKit kit;
    private static JwtConsumer consumer;

    @BeforeAll
    static void start() {
        kit = JwtKit.create();
        String jwksUrl = kit.startJwksServer();
        assertEquals(jwksUrl, kit.startJwksServer());
        // Verify the way a strict resource server would: keys only from the JWKS URL, RS256 only.
        consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(new HttpsJwks(jwksUrl)))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setExpectedIssuer(JwtKit.DEFAULT_ISSUER)
                .setRequireExpirationTime()
                .setRequireSubject()
                .build();
    }

    @AfterAll
    static void stop() {
        kit.close();
    }

    @Test
    void mintedTokenVerifiesAgainstServedJwksWithAuthServiceClaims() throws Exception {
        String token = kit.mint(42L, "alice");

        JwtClaims claims = consumer.processToClaims(token);

        assertEquals("42", claims.getSubject());
        assertEquals("atrium", claims.getIssuer());
        assertEquals("alice", claims.getStringClaimValue("preferred_username"));
        assertEquals("alice", claims.getStringClaimValue("upn"));
        assertEquals(List.of("user"), claims.getStringListClaimValue("groups"));
        assertEquals("session", claims.getStringClaimValue("tkn"));
        assertFalse(claims.hasClaim("scope"));
        assertFalse(claims.hasClaim("bot"));
        assertFalse(claims.getJwtId().isBlank());
        assertEquals(3600, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
        JsonNode header = header(token);
        assertEquals("RS256", header.path("alg").asText());
        assertEquals("JWT", header.path("typ").asText());
        assertEquals(kit.kid(), header.path("kid").asText());
    }

    @Test
    void customClaimsAreCarried() throws Exception {
        Instant iat = Instant.now().minusSeconds(10);
        String token = kit.mint(JwtKit.claims(7L, "bot-owner").role("admin").scopes("bots:read", "bots:write")
                .tkn("pat").bot("1234567890").ttlSeconds(120).jti("fixed-jti").issuedAt(iat));

        JwtClaims claims = consumer.processToClaims(token);

        assertEquals("7", claims.getSubject());
        assertEquals(List.of("admin"), claims.getStringListClaimValue("groups"));
        assertEquals("bots:read bots:write", claims.getStringClaimValue("scope"));
        assertEquals("pat", claims.getStringClaimValue("tkn"));
        assertEquals("1234567890", claims.getStringClaimValue("bot"));
        assertEquals("fixed-jti", claims.getJwtId());
        assertEquals(iat.getEpochSecond(), claims.getIssuedAt().getValue());
        assertEquals(iat.getEpochSecond() + 120, claims.getExpirationTime().getValue());
    }

    @Test
    void jwksServerServesPublicKeyOnly() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(kit.startJwksServer())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            JsonNode key = JSON.readTree(response.body()).path("keys").path(0);
            assertEquals(JSON.readTree(kit.jwksJson()), JSON.readTree(response.body()));
            assertEquals("RSA", key.path("kty").asText());
            assertEquals(kit.kid(), key.path("kid").asText());
            assertTrue(key.has("n") && key.has("e"));
            assertFalse(key.has("d"), "the private exponent must never be published");
        }
    }

    @Test
    void rejectsExpiredToken() {
        assertRejected(kit.expired(1L));
    }

    @Test
    void rejectsUnsignedToken() throws Exception {
        String token = kit.algNone(1L);
        assertEquals("none", header(token).path("alg").asText());
        assertTrue(token.endsWith("."));
        assertRejected(token);
    }

    @Test
    void rejectsTokenSignedWithAnotherKeyUnderTheSameKid() throws Exception {
        String token = kit.signedWithOtherKey(1L);
        assertEquals(kit.kid(), header(token).path("kid").asText());
        assertRejected(token);
    }

    @Test
    void rejectsHmacTokenKeyedWithThePublicKey() throws Exception {
        String token = kit.hs256WithPublicKey(1L);
        assertEquals("HS256", header(token).path("alg").asText());
        assertRejected(token);
    }

    @Test
    void rejectsTokenFromAnotherIssuer() {
        assertRejected(kit.wrongIssuer(1L));
    }

    private static void assertRejected(String token) {
        assertThrows(InvalidJwtException.class, () -> consumer.processToClaims(token));
    }

    private static JsonNode header(String token) throws Exception {
        String encoded = token.substring(0, token.indexOf('.'));
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8));
    }
}
