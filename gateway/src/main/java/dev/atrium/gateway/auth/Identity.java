package dev.atrium.gateway.auth;

/** An authenticated caller: the user the rate limit counts against, and the JWT forwarded upstream. */
public record Identity(String userId, String forwardToken) {
}
