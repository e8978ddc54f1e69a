package dev.atrium.gateway;

import dev.atrium.core.error.ErrorCode;

/**
 * Codes the gateway answers with itself. Authentication failures carry auth's range (108) because they are
 * about the credential, whichever process rejects it; everything else is the gateway's own range (113).
 */
public final class GatewayErrors {

    public static final int AUTH_RANGE = 108;
    public static final int GATEWAY_RANGE = 113;

    public static final ErrorCode MISSING_CREDENTIAL = ErrorCode.of(AUTH_RANGE, 401, 1, "missing credential");
    public static final ErrorCode INVALID_CREDENTIAL =
            ErrorCode.of(AUTH_RANGE, 401, 2, "invalid, expired or revoked credential");

    public static final ErrorCode BAD_REQUEST = ErrorCode.of(GATEWAY_RANGE, 400, 1, "malformed request path or query");
    public static final ErrorCode NO_ROUTE = ErrorCode.of(GATEWAY_RANGE, 404, 1, "no route for this path");
    public static final ErrorCode METHOD_NOT_ALLOWED = ErrorCode.of(GATEWAY_RANGE, 405, 1, "method not allowed");
    public static final ErrorCode TOO_LARGE = ErrorCode.of(GATEWAY_RANGE, 413, 1, "request body too large");
    public static final ErrorCode RATE_LIMITED = ErrorCode.of(GATEWAY_RANGE, 429, 1, "too many requests");
    public static final ErrorCode INTERNAL = ErrorCode.of(GATEWAY_RANGE, 500, 1, "internal error");
    public static final ErrorCode BAD_GATEWAY = ErrorCode.of(GATEWAY_RANGE, 502, 1, "upstream failed");
    public static final ErrorCode UPSTREAM_DOWN = ErrorCode.of(GATEWAY_RANGE, 503, 1, "upstream service unavailable");
    public static final ErrorCode AUTH_UNAVAILABLE =
            ErrorCode.of(GATEWAY_RANGE, 503, 2, "authentication service unavailable");
    public static final ErrorCode TIMEOUT = ErrorCode.of(GATEWAY_RANGE, 504, 1, "upstream timeout");

    private GatewayErrors() {
    }
}
