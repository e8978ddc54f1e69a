package dev.atrium.gateway.auth;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.atrium.core.identity.RevocationCheck;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Revoked access-token ids (jti), revoked login sessions (sid: every access token of that session) and
 * revoked PAT / API-key ids, each kept until the credential would have expired anyway, so the sets stay
 * as small as the revocations of the last token lifetime. Core's
 * {@link dev.atrium.core.identity.TokenVerifier} consults this bean for every JWT.
 */
@ApplicationScoped
public class Revocations implements RevocationCheck {

    private final Map<String, Long> jtis = new ConcurrentHashMap<>();
    private final Map<String, Long> credentials = new ConcurrentHashMap<>();
    private final Map<String, Long> sessions = new ConcurrentHashMap<>();

    @Override
    public boolean isRevoked(String jti, String sessionId) {
        return active(jtis, jti) || active(sessions, sessionId);
    }

    public boolean isCredentialRevoked(String credentialId) {
        return active(credentials, credentialId);
    }

    public void revokeJti(String jti, long untilEpochSecond) {
        jtis.merge(jti, untilEpochSecond, Math::max);
    }

    public void revokeSession(String sessionId, long untilEpochSecond) {
        sessions.merge(sessionId, untilEpochSecond, Math::max);
    }

    public void revokeCredential(String credentialId, long untilEpochSecond) {
        credentials.merge(credentialId, untilEpochSecond, Math::max);
    }

    @Scheduled(every = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        long now = Instant.now().getEpochSecond();
        jtis.values().removeIf(until -> until <= now);
        credentials.values().removeIf(until -> until <= now);
        sessions.values().removeIf(until -> until <= now);
    }

    private static boolean active(Map<String, Long> set, String id) {
        if (id == null) {
            return false;
        }
        Long until = set.get(id);
        return until != null && until > Instant.now().getEpochSecond();
    }
}
