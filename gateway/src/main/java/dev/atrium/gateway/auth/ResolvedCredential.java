package dev.atrium.gateway.auth;

/** What auth-service said about a PAT or API key, reduced to what forwarding needs. */
public record ResolvedCredential(String userId, String credentialId, String accessToken, long cacheUntilNanos) {
}
