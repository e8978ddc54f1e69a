package dev.atrium.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;

import static dev.atrium.e2e.Envelopes.assertOk;
import static dev.atrium.e2e.Envelopes.assertUnauthenticated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Tokens the gateway must refuse. Each is built from a real access token so that only the property
 * under test is wrong; the real token itself is accepted first, so every rejection means something.
 */
@ExtendWith(AtriumSuite.class)
class ForgedTokenE2ETest {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final Gateway gateway = AtriumSuite.gateway();
    private String realToken;
    private JsonNode realHeader;
    private String realPayload;

    @BeforeEach
    void realTokenWorks() throws Exception {
        realToken = Users.register(gateway).accessToken();
        assertOk(gateway.get("/api/v1/auth/me", realToken));
        String[] parts = realToken.split("\\.");
        assertEquals(3, parts.length, "access token is a JWS compact serialization");
        realHeader = Gateway.JSON.readTree(B64D.decode(parts[0]));
        realPayload = parts[1];
    }

    @Test
    void rejectsAlgNone() {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        assertUnauthenticated(me(header + "." + realPayload + "."));
    }

    @Test
    void rejectsTokenSignedWithAnotherKeyUnderTheRealKid() throws Exception {
        // The kid of the real token is one the JWKS publishes; only the key behind the signature is foreign.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair foreign = generator.generateKeyPair();
        ObjectNode header = Gateway.JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT");
        if (realHeader.hasNonNull("kid")) {
            header.put("kid", realHeader.get("kid").asText());
        }
        String signingInput = b64(Gateway.JSON.writeValueAsString(header)) + "." + realPayload;
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(foreign.getPrivate());
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        assertUnauthenticated(me(signingInput + "." + B64.encodeToString(rsa.sign())));
    }

    @Test
    void rejectsHmacTokenUnderTheRealKid() throws Exception {
        ObjectNode header = Gateway.JSON.createObjectNode().put("alg", "HS256").put("typ", "JWT");
        if (realHeader.hasNonNull("kid")) {
            header.put("kid", realHeader.get("kid").asText());
        }
        String signingInput = b64(Gateway.JSON.writeValueAsString(header)) + "." + realPayload;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("atrium-secret-guess-atrium-secret-guess".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertUnauthenticated(me(signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)))));
    }

    @Test
    void rejectsTamperedPayload() {
        String[] parts = realToken.split("\\.");
        // A character in the middle always changes decoded bytes (the last one may only hit padding bits).
        char[] payload = parts[1].toCharArray();
        int i = payload.length / 2;
        payload[i] = payload[i] == 'A' ? 'B' : 'A';
        String tampered = parts[0] + "." + new String(payload) + "." + parts[2];
        assertNotEquals(realToken, tampered);
        assertUnauthenticated(me(tampered));
    }

    @Test
    void rejectsTruncatedSignature() {
        assertUnauthenticated(me(realToken.substring(0, realToken.length() - 10)));
    }

    @Test
    void rejectsGarbage() {
        assertUnauthenticated(me("this-is-not-a-token"));
        assertUnauthenticated(me("a.b.c"));
    }

    @Test
    void rejectsMissingCredentials() {
        assertUnauthenticated(gateway.get("/api/v1/auth/me", null));
    }

    private Gateway.Reply me(String token) {
        return gateway.get("/api/v1/auth/me", token);
    }

    private static String b64(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
