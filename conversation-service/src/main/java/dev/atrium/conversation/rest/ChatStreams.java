package dev.atrium.conversation.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

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
        StreamingOutput body = out -> write(run, out);
        return Response.ok(body).type("text/event-stream; charset=utf-8").header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no").build();
    }

    private static void write(ChatRun run, OutputStream out) throws IOException {
        BlockingQueue<ChatEvent> queue = run.queue();
        try {
            while (true) {
                ChatEvent event = queue.poll(MAX_SILENCE_MS, TimeUnit.MILLISECONDS);
                if (event == null) {
                    return;
                }
                out.write(event.frame().getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (event.isDone()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
