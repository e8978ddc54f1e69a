package dev.atrium.auth.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

import dev.atrium.auth.Credential;
import dev.atrium.auth.User;
import dev.atrium.auth.config.AuthConfig;
import dev.atrium.auth.mapping.AuthMapper;
import dev.atrium.core.identity.Caller;
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
        return issue(user, user.role, config.accessTokenTtl(), List.of(), Caller.SESSION, null, null, Long.toString(sessionFamily));
    }

    /**
     * The short-lived token a PAT or API key is exchanged for. An API key acts as a plain user bound to
     * its workspace and bot, whatever the platform role of its creator.
     */
    public Issued forCredential(User user, Credential credential) {
        Duration ttl = config.exchangedTokenTtl();
        if (credential.expiresAt != null) {
            Duration left = Duration.between(Instant.now(), credential.expiresAt);
            ttl = left.compareTo(ttl) < 0 ? left : ttl;
        }
        boolean apiKey = Credential.API_KEY.equals(credential.kind);
        return issue(user, apiKey ? User.ROLE_USER : user.role, ttl, AuthMapper.scopes(credential), credential.kind,
                apiKey ? Long.toString(credential.workspaceId) : null,
                credential.botId == null ? null : credential.botId.toString(), null);
    }

    /** Until when a token issued now for a session could still be valid: how long a session revocation must last. */
    public Instant sessionTokensValidUntil() {
        return Instant.now().plus(config.accessTokenTtl());
    }

    private Issued issue(User user, String role, Duration ttl, Collection<String> scopes, String type, String workspaceId,
                         String botId, String sid) {
        Instant now = Instant.now();
        Instant exp = now.plus(ttl);
        String jti = UUID.randomUUID().toString();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(config.issuer());
        claims.setSubject(Long.toString(user.id));
        claims.setClaim("preferred_username", user.username);
        claims.setClaim("upn", user.username);
        claims.setStringListClaim("groups", role);
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
        if (workspaceId != null) {
            claims.setClaim("ws", workspaceId);
        }
        if (sid != null) {
            claims.setClaim("sid", sid);
        }
        return new Issued(keys.sign(claims), jti, exp);
    }
}
