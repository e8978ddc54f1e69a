package dev.atrium.testkit;

import com.sun.net.httpserver.HttpServer;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Mints JWTs shaped like auth-service's access tokens (RS256, {@code kid}, {@code groups}, {@code scope},
 * {@code tkn}, {@code bot}) and serves the matching JWKS, plus deliberately broken tokens for negative tests.
 */
public final class JwtKit implements AutoCloseable {

    public static final String DEFAULT_ISSUER = "atrium";
    public static final String JWKS_PATH = "/.well-known/jwks.json";

    private final RsaJsonWebKey key;
    private RsaJsonWebKey impostorKey;
    private HttpServer jwksServer;

    private JwtKit(RsaJsonWebKey key) {
        this.key = key;
    }

    /** A fresh RSA-2048 key pair with a random {@code kid}. */
    public static JwtKit create() {
        return new JwtKit(generateKey(UUID.randomUUID().toString()));
    }

    /** Claims for {@code userId}/{@code username} with the auth-service defaults, ready to adjust. */
    public static Claims claims(long userId, String username) {
        return new Claims(userId, username);
    }

    public String kid() {
        return key.getKeyId();
    }

    public PublicKey publicKey() {
        return key.getPublicKey();
    }

    /** The public key as a JWKS document ({@code {"keys":[...]}}). */
    public String jwksJson() {
        return new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** Starts, on first call only, an HTTP server for {@code GET /.well-known/jwks.json}; returns that URL. */
    public synchronized String startJwksServer() {
        if (jwksServer == null) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
                byte[] body = jwksJson().getBytes(StandardCharsets.UTF_8);
                server.createContext(JWKS_PATH, exchange -> {
                    try (exchange) {
                        exchange.getRequestBody().readAllBytes();
                        if (!exchange.getRequestMethod().equals("GET")) {
                            exchange.sendResponseHeaders(405, -1);
                            return;
                        }
                        exchange.getResponseHeaders().set("Content-Type", "application/json");
                        exchange.sendResponseHeaders(200, body.length);
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(body);
                        }
                    }
                });
                server.start();
                jwksServer = server;
            } catch (IOException e) {
                throw new UncheckedIOException("JWKS server did not start", e);
            }
        }
        return "http://127.0.0.1:" + jwksServer.getAddress().getPort() + JWKS_PATH;
    }

    /** A valid session token for a plain user. */
    public String mint(long userId, String username) {
        return mint(claims(userId, username));
    }

    public String mint(Claims claims) {
        return sign(claims.toJwtClaims(), key, AlgorithmIdentifiers.RSA_USING_SHA256);
    }

    /** Correctly signed, expired an hour ago. */
    public String expired(long userId) {
        Instant twoHoursAgo = Instant.now().minusSeconds(7200);
        return mint(hostile(userId).issuedAt(twoHoursAgo).ttlSeconds(3600));
    }

    /** Unsigned ({@code alg: none}, empty signature). */
    public String algNone(long userId) {
        JsonWebSignature jws = jws(hostile(userId).toJwtClaims(), AlgorithmIdentifiers.NONE);
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        return serialize(jws);
    }

    /** Same {@code kid}, signed by a key the JWKS does not contain. */
    public synchronized String signedWithOtherKey(long userId) {
        if (impostorKey == null) {
            impostorKey = generateKey(key.getKeyId());
        }
        return sign(hostile(userId).toJwtClaims(), impostorKey, AlgorithmIdentifiers.RSA_USING_SHA256);
    }

    /**
     * The "algorithm confusion" attack: HS256 keyed with the (public) RSA key's encoded bytes, which a verifier
     * that trusts the header's {@code alg} would accept.
     */
    public String hs256WithPublicKey(long userId) {
        JsonWebSignature jws = jws(hostile(userId).toJwtClaims(), AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(new HmacKey(key.getPublicKey().getEncoded()));
        jws.setDoKeyValidation(false);
        return serialize(jws);
    }

    /** Correctly signed by the JWKS key, but not issued by {@value #DEFAULT_ISSUER}. */
    public String wrongIssuer(long userId) {
        return mint(hostile(userId).issuer("not-" + DEFAULT_ISSUER));
    }

    @Override
    public synchronized void close() {
        if (jwksServer != null) {
            jwksServer.stop(0);
            jwksServer = null;
        }
    }

    private static Claims hostile(long userId) {
        return claims(userId, "user" + userId);
    }

    private String sign(JwtClaims claims, RsaJsonWebKey signingKey, String algorithm) {
        JsonWebSignature jws = jws(claims, algorithm);
        jws.setKey(signingKey.getPrivateKey());
        return serialize(jws);
    }

    private JsonWebSignature jws(JwtClaims claims, String algorithm) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setHeader("typ", "JWT");
        return jws;
    }

    private static String serialize(JsonWebSignature jws) {
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign token", e);
        }
    }

    private static RsaJsonWebKey generateKey(String kid) {
        try {
            RsaJsonWebKey jwk = RsaJwkGenerator.generateJwk(2048);
            jwk.setKeyId(kid);
            jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            jwk.setUse("sig");
            return jwk;
        } catch (JoseException e) {
            throw new IllegalStateException("could not generate an RSA key", e);
        }
    }

    /** What goes into a token; defaults match a user's browser session issued by auth-service. */
    public static final class Claims {
        private long userId;
        private String username;
        private String role = "user";
        private List<String> scopes = List.of();
        private String tkn = "session";
        private String bot;
        private String session;
        private String workspace;
        private long ttlSeconds = 3600;
        private String issuer = DEFAULT_ISSUER;
        private String jti;
        private Instant issuedAt;

        private Claims(long userId, String username) {
            this.userId = userId;
            this.username = Objects.requireNonNull(username, "username");
        }

        public Claims userId(long userId) {
            this.userId = userId;
            return this;
        }

        public Claims username(String username) {
            this.username = Objects.requireNonNull(username, "username");
            return this;
        }

        /** Sent as {@code groups: [role]}. */
        public Claims role(String role) {
            this.role = Objects.requireNonNull(role, "role");
            return this;
        }

        /** Sent space-separated in {@code scope}; no scopes, no claim. */
        public Claims scopes(String... scopes) {
            this.scopes = Arrays.stream(scopes).filter(s -> s != null && !s.isBlank()).toList();
            return this;
        }

        /** Credential type, e.g. {@code session} or {@code pat}. */
        public Claims tkn(String tkn) {
            this.tkn = Objects.requireNonNull(tkn, "tkn");
            return this;
        }

        /** The login session ({@code sid}) the token belongs to; {@code null} for none. */
        public Claims session(String session) {
            this.session = session;
            return this;
        }

        /** The workspace an app API key's token is bound to ({@code ws}); {@code null} for none. */
        public Claims workspace(String workspace) {
            this.workspace = workspace;
            return this;
        }

        /** The bot a token is restricted to; {@code null} for none. */
        public Claims bot(String bot) {
            this.bot = bot;
            return this;
        }

        public Claims ttlSeconds(long ttlSeconds) {
            this.ttlSeconds = ttlSeconds;
            return this;
        }

        public Claims issuer(String issuer) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            return this;
        }

        public Claims jti(String jti) {
            this.jti = jti;
            return this;
        }

        /** Defaults to now; {@code exp} is always {@code iat + ttl}. */
        public Claims issuedAt(Instant issuedAt) {
            this.issuedAt = issuedAt;
            return this;
        }

        JwtClaims toJwtClaims() {
            long iat = (issuedAt != null ? issuedAt : Instant.now()).getEpochSecond();
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(issuer);
            claims.setSubject(Long.toString(userId));
            claims.setClaim("preferred_username", username);
            claims.setClaim("upn", username);
            claims.setStringListClaim("groups", role);
            claims.setJwtId(jti != null ? jti : UUID.randomUUID().toString());
            claims.setIssuedAt(NumericDate.fromSeconds(iat));
            claims.setExpirationTime(NumericDate.fromSeconds(iat + ttlSeconds));
            if (!scopes.isEmpty()) {
                claims.setClaim("scope", String.join(" ", scopes));
            }
            claims.setClaim("tkn", tkn);
            if (session != null) {
                claims.setClaim("sid", session);
            }
            if (workspace != null) {
                claims.setClaim("ws", workspace);
            }
            if (bot != null) {
                claims.setClaim("bot", bot);
            }
            return claims;
        }
    }
}
