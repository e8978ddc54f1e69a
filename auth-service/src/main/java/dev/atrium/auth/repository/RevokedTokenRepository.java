package dev.atrium.auth.repository;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Revoked access tokens, kept until they would have expired anyway: by token id ({@code jti}) and by
 * login session ({@code sid:<family>}, which revokes every access token of that session at once).
 */
@ApplicationScoped
public class RevokedTokenRepository {

    public void revoke(String jti, Instant expiresAt) {
        Panache.getEntityManager()
                .createNativeQuery("insert into revoked_jti (jti, expires_at) values (?1, ?2) on conflict do nothing")
                .setParameter(1, jti).setParameter(2, expiresAt).executeUpdate();
    }

    public static String sessionKey(String sessionId) {
        return "sid:" + sessionId;
    }

    public boolean isRevoked(String jti, String sessionId) {
        return !Panache.getEntityManager()
                .createNativeQuery("select 1 from revoked_jti where jti = ?1 or jti = ?2")
                .setParameter(1, jti).setParameter(2, sessionId == null ? jti : sessionKey(sessionId))
                .getResultList().isEmpty();
    }

    public int purgeExpired(Instant now) {
        return Panache.getEntityManager().createNativeQuery("delete from revoked_jti where expires_at < ?1")
                .setParameter(1, now).executeUpdate();
    }
}
