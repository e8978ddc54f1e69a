package dev.atrium.core.identity;

import java.util.Set;

/**
 * Who is calling: the verified claims of the access JWT every service receives (the gateway exchanges
 * PATs and API keys for one), plus the raw token so calls to other services can forward it.
 * {@code sessionId} is set for login sessions; {@code workspaceId} and {@code botId} for app API keys,
 * which are bound to one bot in one workspace.
 */
public record Caller(long userId, String username, String role, Set<String> scopes, String tokenId,
                     String credentialType, String sessionId, String workspaceId, String botId, long expiresAt,
                     String rawToken) {

    public static final String ADMIN = "admin";
    public static final String SESSION = "session";
    public static final String API_KEY = "api_key";

    /** Without the raw token, so a logged caller never leaks a credential. */
    @Override
    public String toString() {
        return "Caller[user=" + userId + ", " + credentialType + ", token=" + tokenId + ", workspace=" + workspaceId
                + ", bot=" + botId + "]";
    }

    public boolean isAdmin() {
        return ADMIN.equals(role);
    }

    /**
     * A login session and an unscoped PAT may do everything their user may; a scoped PAT only what its
     * scopes name; an app API key only what its scopes (chat) name, never account management.
     */
    public boolean hasScope(String scope) {
        if (API_KEY.equals(credentialType)) {
            return scopes.contains(scope);
        }
        return scopes.isEmpty() || scopes.contains(scope) || scopes.contains("*");
    }
}
