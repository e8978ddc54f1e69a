package dev.atrium.core.error;

/** The one exception type for an expected failure; the mapper turns it into the envelope. */
public class DomainException extends RuntimeException {

    private final transient ErrorCode errorCode;

    public DomainException(ErrorCode errorCode) {
        this(errorCode, errorCode.message());
    }

    public DomainException(ErrorCode errorCode, String message) {
        super(message, null, false, false);
        this.errorCode = errorCode;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }
}
