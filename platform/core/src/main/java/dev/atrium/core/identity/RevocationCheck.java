package dev.atrium.core.identity;

/** Tells whether an access token's {@code jti} was revoked (logout) before it expired. */
public interface RevocationCheck {

    RevocationCheck NONE = jti -> false;

    boolean isRevoked(String jti);
}
