package dev.atrium.core.identity;

import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * Reads {@code Authorization: Bearer} on every REST request and, when the token verifies, makes the
 * caller available through {@link CurrentCaller}. It never rejects by itself: resources that need a
 * caller call {@link CurrentCaller#require()}, so public endpoints stay simple.
 */
public class IdentityFilter {

    private final TokenVerifier verifier;
    private final CurrentCaller current;

    public IdentityFilter(TokenVerifier verifier, CurrentCaller current) {
        this.verifier = verifier;
        this.current = current;
    }

    @ServerRequestFilter(priority = 1000)
    public void authenticate(ContainerRequestContext request) {
        String token = bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (token != null) {
            verifier.verify(token).ifPresent(current::set);
        }
    }

    public static String bearer(String header) {
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
