package dev.atrium.bot.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** The master key of stored secrets ({@code ATRIUM_SECRETS_KEY}). */
@ConfigMapping(prefix = "atrium.secrets")
public interface SecretsConfig {

    /** Base64 of 32 random bytes (AES-256). */
    Optional<String> key();
}
