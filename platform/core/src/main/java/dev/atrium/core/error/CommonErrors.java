package dev.atrium.core.error;

/**
 * The generic failures every service can raise, placed in that service's own range so a code always
 * names the service that produced it.
 */
public record CommonErrors(int range) {

    public ErrorCode validation() {
        return ErrorCode.of(range, 400, 1, "invalid request");
    }

    public ErrorCode malformedBody() {
        return ErrorCode.of(range, 400, 2, "malformed request body");
    }

    public ErrorCode unauthenticated() {
        return ErrorCode.of(range, 401, 1, "authentication required");
    }

    public ErrorCode forbidden() {
        return ErrorCode.of(range, 403, 1, "permission denied");
    }

    public ErrorCode notFound() {
        return ErrorCode.of(range, 404, 1, "resource not found");
    }

    public ErrorCode methodNotAllowed() {
        return ErrorCode.of(range, 405, 1, "method not allowed");
    }

    public ErrorCode conflict() {
        return ErrorCode.of(range, 409, 1, "conflict");
    }

    public ErrorCode payloadTooLarge() {
        return ErrorCode.of(range, 413, 1, "request too large");
    }

    public ErrorCode unsupportedMediaType() {
        return ErrorCode.of(range, 415, 1, "unsupported media type");
    }

    public ErrorCode tooManyRequests() {
        return ErrorCode.of(range, 429, 1, "too many requests");
    }

    public ErrorCode internal() {
        return ErrorCode.of(range, 500, 1, "internal error");
    }

    public ErrorCode unavailable() {
        return ErrorCode.of(range, 503, 1, "service unavailable");
    }

    public ErrorCode timeout() {
        return ErrorCode.of(range, 504, 1, "upstream timeout");
    }

    /** The common code for an HTTP status, used when a framework error carries nothing more. */
    public ErrorCode forStatus(int status) {
        return switch (status) {
            case 400 -> validation();
            case 401 -> unauthenticated();
            case 403 -> forbidden();
            case 404 -> notFound();
            case 405 -> methodNotAllowed();
            case 409 -> conflict();
            case 413 -> payloadTooLarge();
            case 415 -> unsupportedMediaType();
            case 429 -> tooManyRequests();
            case 503 -> unavailable();
            case 504 -> timeout();
            default -> status >= 500 ? internal() : ErrorCode.of(range, status, 1, "request failed");
        };
    }
}
