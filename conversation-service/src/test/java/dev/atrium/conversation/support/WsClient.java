package dev.atrium.conversation.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A WebSocket client of the JDK that keeps every JSON text message it receives, in order. */
public final class WsClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private WsClient(URI uri) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            try {
                                received.add(JSON.readTree(partial.toString()));
                            } catch (Exception e) {
                                received.add(JSON.createObjectNode().put("unparsable", partial.toString()));
                            }
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket ws, Throwable error) {
                        closed.complete(-1);
                    }
                }).join();
    }

    /** {@code base} is the test server's http address; the path and query are appended as given. */
    public static WsClient connect(String base, String pathAndQuery) {
        return new WsClient(URI.create(base.replaceFirst("^http", "ws").replaceAll("/$", "") + pathAndQuery));
    }

    public void send(Object message) {
        try {
            socket.sendText(JSON.writeValueAsString(message), true).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next message, or an assertion error after {@code seconds}. */
    public JsonNode next(int seconds) {
        try {
            JsonNode n = received.poll(seconds, TimeUnit.SECONDS);
            if (n == null) {
                throw new AssertionError("no WebSocket message within " + seconds + " s");
            }
            return n;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every message up to and including the first that {@code last} accepts. */
    public List<JsonNode> until(Predicate<JsonNode> last, int seconds) {
        List<JsonNode> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the expected WebSocket message did not come; got " + out);
            }
            JsonNode n = next((int) Math.max(1, TimeUnit.NANOSECONDS.toSeconds(left)));
            out.add(n);
            if (last.test(n)) {
                return out;
            }
        }
    }

    /** The close code the server sent, waiting at most {@code seconds}. */
    public int closeCode(int seconds) {
        try {
            return closed.get(seconds, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the server did not close the WebSocket", e);
        }
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }
}
