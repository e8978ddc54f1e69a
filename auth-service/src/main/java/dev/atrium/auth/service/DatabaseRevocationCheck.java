package dev.atrium.auth.service;

import dev.atrium.auth.repository.RevokedTokenRepository;
import dev.atrium.core.identity.RevocationCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** auth-service is the source of truth for logouts: it reads them from its own table. */
@ApplicationScoped
public class DatabaseRevocationCheck implements RevocationCheck {

    private final RevokedTokenRepository revoked;

    public DatabaseRevocationCheck(RevokedTokenRepository revoked) {
        this.revoked = revoked;
    }

    @Override
    @Transactional
    public boolean isRevoked(String jti, String sessionId) {
        return revoked.isRevoked(jti, sessionId);
    }
}
