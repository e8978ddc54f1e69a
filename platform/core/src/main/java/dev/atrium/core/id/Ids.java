package dev.atrium.core.id;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * 64-bit, time-ordered ids: 41 bits of milliseconds since 2024-01-01, 10 bits of node, 12 bits of
 * sequence. The node comes from {@code ATRIUM_NODE_ID} (the launcher and Kubernetes give each replica
 * its own); without it a random node is drawn, which keeps collisions unlikely but not impossible.
 * Ids are serialised as JSON strings because JavaScript cannot hold 64-bit integers.
 */
public final class Ids {

    static final long EPOCH_MS = 1_704_067_200_000L;
    private static final int NODE_BITS = 10;
    private static final int SEQ_BITS = 12;
    private static final long MAX_SEQ = (1L << SEQ_BITS) - 1;
    private static final Ids DEFAULT = new Ids(defaultNode());

    private final long node;
    private final AtomicLong state = new AtomicLong();

    public Ids(long node) {
        if (node < 0 || node >= (1L << NODE_BITS)) {
            throw new IllegalArgumentException("node must be in [0, 1024): " + node);
        }
        this.node = node;
    }

    public static long next() {
        return DEFAULT.nextId();
    }

    public static String nextString() {
        return Long.toString(next());
    }

    /** Parses an id given by a client; empty when it is not a positive 64-bit number. */
    public static java.util.Optional<Long> parse(String id) {
        if (id == null || id.isEmpty() || id.length() > 19) {
            return java.util.Optional.empty();
        }
        try {
            long value = Long.parseLong(id);
            return value > 0 ? java.util.Optional.of(value) : java.util.Optional.empty();
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    public static long timestampMillis(long id) {
        return (id >>> (NODE_BITS + SEQ_BITS)) + EPOCH_MS;
    }

    /** state packs (millis since epoch, sequence) so one CAS advances both. */
    public long nextId() {
        while (true) {
            long prev = state.get();
            long prevMs = prev >>> SEQ_BITS;
            long prevSeq = prev & MAX_SEQ;
            long now = System.currentTimeMillis() - EPOCH_MS;
            long ms;
            long seq;
            if (now > prevMs) {
                ms = now;
                seq = 0;
            } else if (prevSeq < MAX_SEQ) {
                ms = prevMs;
                seq = prevSeq + 1;
            } else {
                // sequence exhausted within this millisecond (or the clock went back): borrow the next one
                ms = prevMs + 1;
                seq = 0;
            }
            long next = (ms << SEQ_BITS) | seq;
            if (state.compareAndSet(prev, next)) {
                return (ms << (NODE_BITS + SEQ_BITS)) | (node << SEQ_BITS) | seq;
            }
        }
    }

    private static long defaultNode() {
        String configured = System.getenv("ATRIUM_NODE_ID");
        if (configured == null) {
            configured = System.getProperty("atrium.node-id");
        }
        if (configured != null && !configured.isBlank()) {
            try {
                long node = Long.parseLong(configured.trim());
                if (node >= 0 && node < (1L << NODE_BITS)) {
                    return node;
                }
            } catch (NumberFormatException e) {
                // reported below with the accepted range
            }
            throw new IllegalStateException("ATRIUM_NODE_ID must be a number from 0 to 1023, got '" + configured + "'");
        }
        return new SecureRandom().nextInt(1 << NODE_BITS);
    }
}
