package dev.atrium.core.api;

import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

import org.jboss.logging.MDC;

/**
 * Request ids ({@code x-tt-logid}): taken from the caller when present, otherwise made here; kept in the
 * logging MDC, which Quarkus carries along the request's Vert.x context.
 */
public final class RequestIds {

    public static final String HEADER = "x-tt-logid";
    public static final String MDC_KEY = "logid";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private RequestIds() {
    }

    public static String newId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return STAMP.format(LocalDateTime.now()) + HexFormat.of().formatHex(bytes).toUpperCase();
    }

    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }

    /** Accepts a caller's id only when it is short and plain, so it cannot inject into logs or headers. */
    public static String sanitize(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > 64) {
            return null;
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')) {
                return null;
            }
        }
        return candidate;
    }
}
