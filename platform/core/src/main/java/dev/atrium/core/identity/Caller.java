package dev.atrium.core.identity;

import java.util.Set;

/**
 * Who is calling: the verified claims of the access JWT every service receives (the gateway exchanges
 * PATs and API keys for one), plus the raw token so calls to other services can forward it.
 */
public record Caller(long userId, String username, String role, Set<String> scopes, String tokenId,
                     String credentialType, String botId, long expiresAt, String rawToken) {

    public static final String ADMIN = "admin";

    public boolean isAdmin() {
        return ADMIN.equals(role);
    }

    /** An empty scope set means the token is not narrowed (a login session). */
    public boolean hasScope(String scope) {
        return scopes.isEmpty() || scopes.contains(scope) || scopes.contains("*");
    }
}
