package dev.atrium.auth.service;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;

import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import dev.atrium.auth.SigningKey;
import dev.atrium.auth.config.AuthConfig;
import dev.atrium.auth.repository.SigningKeyRepository;
import dev.atrium.core.identity.LocalJwks;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Holds the RSA key that signs access tokens: the configured PEM, or the one stored in the database,
 * or a new one generated and stored once (an advisory lock keeps replicas from making two), so
 * restarts keep issued tokens valid. Publishes the public half as JWKS.
 */
@Startup
@ApplicationScoped
public class KeyService implements LocalJwks {

    private static final Logger LOG = Logger.getLogger(KeyService.class);
    private static final long KEY_LOCK = 0x41545249554dL;

    private final AuthConfig config;
    private final SigningKeyRepository keys;
    private volatile RsaJsonWebKey jwk;

    public KeyService(AuthConfig config, SigningKeyRepository keys) {
        this.config = config;
        this.keys = keys;
    }

    @PostConstruct
    void load() {
        this.jwk = config.signingKeyPem()
                .filter(pem -> !pem.isBlank())
                .map(KeyService::fromPem)
                .orElseGet(() -> QuarkusTransaction.requiringNew().call(this::storedOrNew));
    }

    @Override
    public String jwksJson() {
        return new JsonWebKeySet(publicJwk()).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    public String kid() {
        return jwk.getKeyId();
    }

    public String sign(JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(jwk.getPrivateKey());
        jws.setKeyIdHeaderValue(jwk.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign a token", e);
        }
    }

    private RsaJsonWebKey publicJwk() {
        try {
            RsaJsonWebKey pub = (RsaJsonWebKey) JsonWebKey.Factory.newJwk(jwk.getRsaPublicKey());
            pub.setKeyId(jwk.getKeyId());
            pub.setUse("sig");
            pub.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            return pub;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private RsaJsonWebKey storedOrNew() {
        Panache.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, KEY_LOCK)
                .getSingleResult();
        return keys.newest().map(k -> fromPem(k.privatePem)).orElseGet(() -> {
            try {
                RsaJsonWebKey generated = RsaJwkGenerator.generateJwk(2048);
                generated.setKeyId(thumbprint(generated));
                SigningKey row = new SigningKey();
                row.kid = generated.getKeyId();
                row.privatePem = pem("PRIVATE KEY", generated.getPrivateKey().getEncoded());
                row.publicPem = pem("PUBLIC KEY", generated.getPublicKey().getEncoded());
                row.createdAt = Instant.now();
                keys.persist(row);
                LOG.infof("generated a new token signing key %s", row.kid);
                return generated;
            } catch (JoseException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static RsaJsonWebKey fromPem(String pem) {
        try {
            String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            KeyFactory factory = KeyFactory.getInstance("RSA");
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            RSAPrivateCrtKey crt = (RSAPrivateCrtKey) privateKey;
            RSAPublicKey publicKey = (RSAPublicKey) factory.generatePublic(
                    new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            RsaJsonWebKey key = new RsaJsonWebKey(publicKey);
            key.setPrivateKey(privateKey);
            key.setKeyId(thumbprint(key));
            return key;
        } catch (Exception e) {
            throw new IllegalStateException("the signing key is not an RSA PKCS#8 PEM", e);
        }
    }

    private static String thumbprint(RsaJsonWebKey key) {
        return key.calculateBase64urlEncodedThumbprint("SHA-256").substring(0, 16);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
