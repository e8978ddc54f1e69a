package dev.atrium.gateway.auth;

/**
 * What auth-service said about a PAT or API key, reduced to what forwarding needs; {@code accessTokenId}
 * is the jti of the JWT it was exchanged for, so a logout with that JWT also ends the cache entry.
 */
public record ResolvedCredential(String userId, String credentialId, String accessToken, String accessTokenId,
                                 long cacheUntilNanos) {
}
