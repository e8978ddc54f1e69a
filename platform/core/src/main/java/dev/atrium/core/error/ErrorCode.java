package dev.atrium.core.error;

/**
 * A 9-digit Atrium error code: {@code RRRHHHNNN} = service range (3 digits), HTTP status (3 digits),
 * sequence (3 digits). Reading the code tells which service raised it and which status it maps to.
 */
public record ErrorCode(int code, int httpStatus, String message) {

    public ErrorCode {
        if (code < 100_000_000 || code > 999_999_999) {
            throw new IllegalArgumentException("error code must have 9 digits: " + code);
        }
    }

    public static ErrorCode of(int range, int httpStatus, int sequence, String message) {
        if (range < 100 || range > 999 || sequence < 0 || sequence > 999) {
            throw new IllegalArgumentException("bad error code parts " + range + "/" + sequence);
        }
        return new ErrorCode(range * 1_000_000 + httpStatus * 1000 + sequence, httpStatus, message);
    }

    public int range() {
        return code / 1_000_000;
    }
}
