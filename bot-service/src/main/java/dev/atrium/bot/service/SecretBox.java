package dev.atrium.bot.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.atrium.bot.BotErrors;
import dev.atrium.bot.config.SecretsConfig;
import dev.atrium.core.error.DomainException;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * AES-256-GCM for secrets at rest (provider keys, channel credentials). Each value gets a fresh 96-bit
 * nonce, and the ciphertext is bound to its owner ({@code context}, e.g. {@code provider:42}) as associated
 * data, so a ciphertext copied into another row does not decrypt. Stored form: {@code v1:<base64(nonce|ct)>}.
 */
// created at startup, so a missing or malformed master key stops the service before it takes traffic
@Startup
@ApplicationScoped
public class SecretBox {

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public SecretBox(SecretsConfig config) {
        this(config.key().orElseThrow(() -> new IllegalStateException(
                "ATRIUM_SECRETS_KEY is not set: bot-service needs a base64-encoded 32-byte master key to store provider keys")));
    }

    SecretBox(String base64Key) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("ATRIUM_SECRETS_KEY is not valid base64", e);
        }
        if (raw.length != 32) {
            throw new IllegalStateException("ATRIUM_SECRETS_KEY must decode to 32 bytes, not " + raw.length);
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    public String seal(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] ct = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + ct.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(ct, 0, out, nonce.length, ct.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** The plaintext; a 503 when the value was sealed under another key or for another owner. */
    public String open(String sealed, String context) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new DomainException(BotErrors.SECRETS_UNAVAILABLE);
        }
        try {
            byte[] in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new DomainException(BotErrors.SECRETS_UNAVAILABLE);
        }
    }

    /** What may be shown of a secret: a short prefix and the last four characters. */
    public static String mask(String secret) {
        if (secret == null || secret.isEmpty()) {
            return "";
        }
        if (secret.length() < 12) {
            return "****";
        }
        return secret.substring(0, 3) + "..." + secret.substring(secret.length() - 4);
    }
}
