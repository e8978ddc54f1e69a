package dev.atrium.auth.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

import dev.atrium.auth.User;
import dev.atrium.auth.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** Mints the RS256 access JWTs every service verifies (claims documented in docs/architecture.md). */
@ApplicationScoped
public class AccessTokens {

    public record Issued(String token, String jti, Instant expiresAt) {
    }

    private final KeyService keys;
    private final AuthConfig config;

    public AccessTokens(KeyService keys, AuthConfig config) {
        this.keys = keys;
        this.config = config;
    }

    /** A session token after login or refresh; {@code sid} ties it to its refresh-token family. */
    public Issued forSession(User user, long sessionFamily) {
        return issue(user, config.accessTokenTtl(), List.of(), "session", null, Long.toString(sessionFamily));
    }

    /** The short-lived token a PAT or API key is exchanged for. */
    public Issued forCredential(User user, String credentialType, Collection<String> scopes, Long botId, Instant credentialExpiry) {
        Duration ttl = config.exchangedTokenTtl();
        if (credentialExpiry != null) {
            Duration left = Duration.between(Instant.now(), credentialExpiry);
            ttl = left.compareTo(ttl) < 0 ? left : ttl;
        }
        return issue(user, ttl, scopes, credentialType, botId == null ? null : botId.toString(), null);
    }

    private Issued issue(User user, Duration ttl, Collection<String> scopes, String type, String botId, String sid) {
        Instant now = Instant.now();
        Instant exp = now.plus(ttl);
        String jti = UUID.randomUUID().toString();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(config.issuer());
        claims.setSubject(Long.toString(user.id));
        claims.setClaim("preferred_username", user.username);
        claims.setClaim("upn", user.username);
        claims.setStringListClaim("groups", user.role);
        claims.setJwtId(jti);
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(exp.getEpochSecond()));
        claims.setClaim("tkn", type);
        if (!scopes.isEmpty()) {
            claims.setClaim("scope", String.join(" ", scopes));
        }
        if (botId != null) {
            claims.setClaim("bot", botId);
        }
        if (sid != null) {
            claims.setClaim("sid", sid);
        }
        return new Issued(keys.sign(claims), jti, exp);
    }
}
