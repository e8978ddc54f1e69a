package dev.atrium.conversation.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.atrium.conversation.engine.ChatEvent;
import dev.atrium.conversation.engine.ChatRun;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * A chat as a Coze v3 server-sent event stream: {@code event:} and {@code data:} lines only (no ids,
 * comments or heartbeats, which Coze's SDK parsers reject), each frame flushed as it happens, ending with
 * {@code done}. Written from the request's virtual thread. A client that goes away stops only its own
 * stream; the chat finishes and is stored.
 */
public final class ChatStreams {

    /** Past this without an event the stream is closed; the engine's own deadlines end a chat long before. */
    private static final long MAX_SILENCE_MS = TimeUnit.MINUTES.toMillis(15);

    private ChatStreams() {
    }

    public static Response sse(ChatRun run) {
        return sse(run.queue(), ChatEvent::frame, ChatEvent::isDone);
    }

    /** Any queue of events as an SSE response: each event's frame as it comes, until the last one. */
    public static <E> Response sse(BlockingQueue<E> queue, Function<E, String> frame, Predicate<E> last) {
        StreamingOutput body = out -> write(queue, frame, last, out);
        return Response.ok(body).type("text/event-stream; charset=utf-8").header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no").build();
    }

    private static <E> void write(BlockingQueue<E> queue, Function<E, String> frame, Predicate<E> last,
                                  OutputStream out) throws IOException {
        try {
            while (true) {
                E event = queue.poll(MAX_SILENCE_MS, TimeUnit.MILLISECONDS);
                if (event == null) {
                    return;
                }
                out.write(frame.apply(event).getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (last.test(event)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
