package dev.atrium.auth.repository;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;

/** Access-token ids (jti) revoked by logout, kept until the token would have expired anyway. */
@ApplicationScoped
public class RevokedTokenRepository {

    public void revoke(String jti, Instant expiresAt) {
        Panache.getEntityManager()
                .createNativeQuery("insert into revoked_jti (jti, expires_at) values (?1, ?2) on conflict do nothing")
                .setParameter(1, jti).setParameter(2, expiresAt).executeUpdate();
    }

    public boolean isRevoked(String jti) {
        return !Panache.getEntityManager()
                .createNativeQuery("select 1 from revoked_jti where jti = ?1")
                .setParameter(1, jti).getResultList().isEmpty();
    }

    public int purgeExpired(Instant now) {
        return Panache.getEntityManager().createNativeQuery("delete from revoked_jti where expires_at < ?1")
                .setParameter(1, now).executeUpdate();
    }
}
