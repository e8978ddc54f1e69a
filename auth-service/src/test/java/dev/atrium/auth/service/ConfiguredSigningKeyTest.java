package dev.atrium.auth.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.Test;

/** A signing key given as PEM (ATRIUM_AUTH_SIGNING_KEY_PEM) is read as is, with a kid derived from it. */
class ConfiguredSigningKeyTest {

    @Test
    void readsAPkcs8PemAndDerivesAStableKid() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";

        RsaJsonWebKey first = KeyService.fromPem(pem);
        RsaJsonWebKey second = KeyService.fromPem(pem);
        assertEquals(pair.getPublic(), first.getRsaPublicKey());
        assertEquals(first.getKeyId(), second.getKeyId());
        assertEquals(16, first.getKeyId().length());
    }

    @Test
    void refusesSomethingThatIsNotAnRsaPrivateKey() {
        assertThrows(IllegalStateException.class, () -> KeyService.fromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"));
    }
}
