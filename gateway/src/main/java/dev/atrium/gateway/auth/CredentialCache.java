package dev.atrium.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;

import dev.atrium.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Short-lived cache of PAT / API-key resolutions, keyed by a SHA-256 of the secret so raw credentials are not
 * kept as map keys. A second index (credential id → cache keys) lets a revocation event drop every entry of
 * a credential without knowing the secret.
 */
@ApplicationScoped
public class CredentialCache {

    private final Cache<String, ResolvedCredential> entries;
    private final Map<String, Set<String>> keysByCredential = new ConcurrentHashMap<>();

    public CredentialCache(GatewayConfig config) {
        this.entries = Caffeine.newBuilder()
                .maximumSize(config.auth().cacheMaxSize())
                .expireAfter(new Expiry<String, ResolvedCredential>() {
                    @Override
                    public long expireAfterCreate(String key, ResolvedCredential value, long currentTime) {
                        return Math.max(0, value.cacheUntilNanos() - System.nanoTime());
                    }

                    @Override
                    public long expireAfterUpdate(String key, ResolvedCredential value, long currentTime,
                                                  long currentDuration) {
                        return expireAfterCreate(key, value, currentTime);
                    }

                    @Override
                    public long expireAfterRead(String key, ResolvedCredential value, long currentTime,
                                                long currentDuration) {
                        return currentDuration;
                    }
                })
                .removalListener((String key, ResolvedCredential value, RemovalCause cause) -> {
                    if (value != null) {
                        unindex(value.credentialId(), key);
                    }
                })
                .build();
    }

    public static String keyOf(String credential) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(credential.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<ResolvedCredential> get(String key) {
        return Optional.ofNullable(entries.getIfPresent(key));
    }

    public void put(String key, ResolvedCredential value) {
        keysByCredential.computeIfAbsent(value.credentialId(), id -> ConcurrentHashMap.newKeySet()).add(key);
        entries.put(key, value);
    }

    /** Drops every cached resolution of one credential (a revoked PAT or API key). */
    public void invalidateCredential(String credentialId) {
        Set<String> keys = keysByCredential.remove(credentialId);
        if (keys != null) {
            entries.invalidateAll(keys);
        }
    }

    private void unindex(String credentialId, String key) {
        keysByCredential.computeIfPresent(credentialId, (id, keys) -> {
            keys.remove(key);
            return keys.isEmpty() ? null : keys;
        });
    }
}
