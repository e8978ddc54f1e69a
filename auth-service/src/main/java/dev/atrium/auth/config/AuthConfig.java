package dev.atrium.auth.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "atrium.auth")
public interface AuthConfig {

    @WithDefault("PT1H")
    Duration accessTokenTtl();

    @WithDefault("P30D")
    Duration refreshTokenTtl();

    /** Lifetime of the JWT a PAT or API key is exchanged for at the gateway. */
    @WithDefault("PT15M")
    Duration exchangedTokenTtl();

    @WithDefault("atrium")
    String issuer();

    /** How long creating an app API key waits for bot-service to confirm the bot; then 503 and no key. */
    @WithDefault("PT3S")
    Duration botCheckTimeout();

    /** PKCS#8 PEM of the RSA signing key (env ATRIUM_AUTH_SIGNING_KEY_PEM); generated and stored when absent. */
    Optional<String> signingKeyPem();

    @WithDefault("10")
    int bcryptCost();

    Throttle throttle();

    interface Throttle {
        /** Failures of one account inside the window before it is locked. */
        @WithDefault("5")
        int accountFailures();

        /** Failures from one client address inside the window before it is locked. */
        @WithDefault("20")
        int addressFailures();

        @WithDefault("PT15M")
        Duration window();

        /** First lock; each further failure doubles it, up to the window. */
        @WithDefault("PT30S")
        Duration baseLock();
    }
}
