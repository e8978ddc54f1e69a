package dev.atrium.core.identity;

/**
 * Tells whether an access token was revoked before it expired: by its own id ({@code jti}, logout) or
 * through its login session ({@code sid}, when a refresh token was reused or the session logged out).
 */
public interface RevocationCheck {

    RevocationCheck NONE = (jti, sessionId) -> false;

    boolean isRevoked(String jti, String sessionId);
}
