package dev.atrium.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on the {@code {code, msg, data}} envelope and the 9-digit {@code RRRHHHNNN} error codes. */
final class Envelopes {

    /** auth-service's range: every authentication failure carries it, wherever it is detected. */
    static final String AUTH_RANGE = "108";
    /** The gateway's range. */
    static final String GATEWAY_RANGE = "113";

    private Envelopes() {
    }

    static void assertOk(Gateway.Reply reply) {
        assertTrue(reply.status() >= 200 && reply.status() < 300, () -> "expected success, got " + reply);
        assertEquals(0L, reply.code().orElse(-1L), () -> "expected envelope code 0: " + reply);
    }

    /** A 9-digit error code whose middle digits repeat the HTTP status, as every Atrium error does. */
    static String assertErrorEnvelope(Gateway.Reply reply) {
        long code = reply.code().orElseThrow(() -> new AssertionError("no envelope code in " + reply));
        String digits = Long.toString(code);
        assertEquals(9, digits.length(), () -> "error code must have 9 digits: " + reply);
        assertEquals(reply.status(), Integer.parseInt(digits.substring(3, 6)),
                () -> "error code must carry the HTTP status in digits 4-6: " + reply);
        assertTrue(reply.json().has("msg"), () -> "envelope without msg: " + reply);
        return digits;
    }

    static void assertRejected(Gateway.Reply reply, int status, String range) {
        assertEquals(status, reply.status(), () -> "expected " + status + ", got " + reply);
        String digits = assertErrorEnvelope(reply);
        assertTrue(digits.startsWith(range), () -> "expected a " + range + "xxxxxx code: " + reply);
    }

    static void assertUnauthenticated(Gateway.Reply reply) {
        assertRejected(reply, 401, AUTH_RANGE);
    }

    /** A client error, never a server error, with a proper envelope. */
    static void assertClientError(Gateway.Reply reply) {
        assertTrue(reply.status() >= 400 && reply.status() < 500, () -> "expected 4xx, got " + reply);
        assertErrorEnvelope(reply);
    }
}
