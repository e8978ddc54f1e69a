package dev.atrium.auth.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The first administrator (env ATRIUM_ADMIN_USERNAME / _EMAIL / _PASSWORD), created once at startup. */
@ConfigMapping(prefix = "atrium.admin")
public interface AdminConfig {

    Optional<String> username();

    @WithDefault("admin@atrium.local")
    String email();

    Optional<String> password();
}
