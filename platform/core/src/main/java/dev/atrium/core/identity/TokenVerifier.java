package dev.atrium.core.identity;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Verifies access JWTs with smallrye-jwt: RS256 only (so {@code alg:none} and HMAC tricks fail), the
 * Atrium issuer, expiry, and a key from auth-service's JWKS (cached, refetched on an unknown kid).
 * Processes that must also honour logouts add a {@link RevocationCheck}.
 */
@ApplicationScoped
public class TokenVerifier {

    private static final Logger LOG = Logger.getLogger(TokenVerifier.class);
    private final JWTParser parser;
    private final RevocationCheck revocations;

    public TokenVerifier(JwtConfig config, jakarta.enterprise.inject.Instance<RevocationCheck> revocations,
                         jakarta.enterprise.inject.Instance<LocalJwks> localKeys) {
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        if (localKeys.isResolvable()) {
            info.setPublicKeyContent(localKeys.get().jwksJson());
        } else {
            info.setPublicKeyLocation(config.jwksUrl());
            info.setJwksRefreshInterval(config.jwksRefreshMinutes());
            info.setForcedJwksRefreshInterval(1);
        }
        info.setIssuedBy(config.issuer());
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        info.setClockSkew(config.clockSkewSeconds());
        info.setRequireNamedPrincipal(false);
        this.parser = new DefaultJWTParser(info);
        this.revocations = revocations.isResolvable() ? revocations.get() : RevocationCheck.NONE;
    }

    /** The caller behind a bearer token, or empty when the token is not valid for any reason. */
    public Optional<Caller> verify(String token) {
        if (token == null || token.isBlank() || token.length() > 8192) {
            return Optional.empty();
        }
        try {
            JsonWebToken jwt = parser.parse(token);
            String jti = jwt.getTokenID();
            if (jti == null || revocations.isRevoked(jti, claim(jwt, "sid"))) {
                return Optional.empty();
            }
            return Optional.of(toCaller(jwt, token));
        } catch (ParseException | RuntimeException e) {
            LOG.debugf("rejected token: %s", e.getMessage());
            return Optional.empty();
        }
    }

    private static Caller toCaller(JsonWebToken jwt, String raw) {
        long userId = Long.parseLong(jwt.getSubject());
        Set<String> scopes = new HashSet<>();
        Object scope = jwt.getClaim("scope");
        if (scope != null) {
            for (String s : scope.toString().replace("\"", "").split(" ")) {
                if (!s.isBlank()) {
                    scopes.add(s);
                }
            }
        }
        String role = jwt.getGroups() == null || jwt.getGroups().isEmpty() ? "user" : jwt.getGroups().iterator().next();
        String type = claim(jwt, "tkn");
        return new Caller(userId, jwt.getClaim("preferred_username"), role, Set.copyOf(scopes), jwt.getTokenID(),
                type == null ? Caller.SESSION : type, claim(jwt, "sid"), claim(jwt, "ws"), claim(jwt, "bot"),
                jwt.getExpirationTime(), raw);
    }

    private static String claim(JsonWebToken jwt, String name) {
        Object value = jwt.getClaim(name);
        return value == null ? null : value.toString().replace("\"", "");
    }
}
