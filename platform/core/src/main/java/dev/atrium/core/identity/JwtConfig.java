package dev.atrium.core.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where a service finds the keys that sign access tokens ({@code atrium.jwt.*}). */
@ConfigMapping(prefix = "atrium.jwt")
public interface JwtConfig {

    /** JWKS of auth-service. */
    @WithDefault("http://localhost:8081/.well-known/jwks.json")
    String jwksUrl();

    @WithDefault("atrium")
    String issuer();

    /** Minutes between JWKS refreshes; an unknown {@code kid} forces an earlier one. */
    @WithDefault("10")
    int jwksRefreshMinutes();

    /** Seconds of clock skew tolerated on exp/iat. */
    @WithDefault("30")
    int clockSkewSeconds();
}
