package dev.atrium.core.grpc;

import dev.atrium.core.error.CommonErrors;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.error.ErrorCode;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * {@link DomainException} ↔ gRPC {@link Status}: the Atrium code travels in the trailers, so an error
 * raised in one service reaches the client of another with the same code and message.
 */
public final class GrpcErrors {

    public static final Metadata.Key<String> CODE = Metadata.Key.of("atrium-code", Metadata.ASCII_STRING_MARSHALLER);

    private GrpcErrors() {
    }

    public static StatusRuntimeException toStatus(DomainException e) {
        Metadata trailers = new Metadata();
        trailers.put(CODE, Integer.toString(e.errorCode().code()));
        return statusFor(e.errorCode().httpStatus()).withDescription(e.getMessage()).asRuntimeException(trailers);
    }

    public static Status statusFor(int httpStatus) {
        return switch (httpStatus) {
            case 400, 413, 415 -> Status.INVALID_ARGUMENT;
            case 401 -> Status.UNAUTHENTICATED;
            case 403 -> Status.PERMISSION_DENIED;
            case 404 -> Status.NOT_FOUND;
            case 409 -> Status.ALREADY_EXISTS;
            case 429 -> Status.RESOURCE_EXHAUSTED;
            case 503 -> Status.UNAVAILABLE;
            case 504 -> Status.DEADLINE_EXCEEDED;
            default -> httpStatus >= 500 ? Status.INTERNAL : Status.FAILED_PRECONDITION;
        };
    }

    /** The Atrium code of a failed call: from the trailers when the peer set one, else from the status. */
    public static ErrorCode codeOf(StatusRuntimeException e, CommonErrors fallback) {
        Metadata trailers = e.getTrailers();
        String raw = trailers == null ? null : trailers.get(CODE);
        if (raw != null) {
            try {
                int code = Integer.parseInt(raw);
                return new ErrorCode(code, (code / 1000) % 1000, e.getStatus().getDescription());
            } catch (IllegalArgumentException ignored) {
                // a peer that sends a malformed code is treated like one that sends none
            }
        }
        return switch (e.getStatus().getCode()) {
            case INVALID_ARGUMENT -> fallback.validation();
            case UNAUTHENTICATED -> fallback.unauthenticated();
            case PERMISSION_DENIED -> fallback.forbidden();
            case NOT_FOUND -> fallback.notFound();
            case ALREADY_EXISTS -> fallback.conflict();
            case RESOURCE_EXHAUSTED -> fallback.tooManyRequests();
            case DEADLINE_EXCEEDED -> fallback.timeout();
            default -> fallback.unavailable();
        };
    }

    public static String messageOf(StatusRuntimeException e, ErrorCode code) {
        String description = e.getStatus().getDescription();
        return description == null || code.httpStatus() >= 500 && e.getTrailers() == null ? code.message() : description;
    }

    /** Rebuilds the domain error on the calling side. */
    public static DomainException toDomain(StatusRuntimeException e, CommonErrors fallback) {
        ErrorCode code = codeOf(e, fallback);
        return new DomainException(code, messageOf(e, code));
    }
}
