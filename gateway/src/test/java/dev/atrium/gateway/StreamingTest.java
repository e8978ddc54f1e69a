package dev.atrium.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.atrium.gateway.support.Control;
import dev.atrium.gateway.support.Upstreams;
import dev.atrium.testkit.InjectJwtKit;
import dev.atrium.testkit.JwtKit;
import dev.atrium.testkit.JwtResource;
import dev.atrium.testkit.KafkaResource;
import dev.atrium.testkit.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "atrium_gateway"))
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(Upstreams.class)
class StreamingTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @InjectJwtKit
    JwtKit jwt;

    private static String base(String scheme) {
        return scheme + "://localhost:" + RestAssured.port;
    }

    /**
     * The upstream sends the first event and then holds the stream until the test has seen that event; a gateway
     * that buffered the response would never deliver it and the poll would time out.
     */
    @Test
    void sseEventsReachTheClientAsTheyAreSent() throws Exception {
        String id = UUID.randomUUID().toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base("http") + "/api/v1/bots/sse?id=" + id))
                .header("Authorization", "Bearer " + jwt.mint(41, "sse"))
                .header("Accept", "text/event-stream")
                .build();
        HttpResponse<Stream<String>> response = CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .get(10, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertEquals("no", response.headers().firstValue("X-Accel-Buffering").orElse(null));
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        CompletableFuture.runAsync(() -> response.body().filter(l -> !l.isEmpty()).forEach(lines::add));

        assertEquals("data: one", lines.poll(10, TimeUnit.SECONDS), "first event arrives while the stream is open");
        assertNull(lines.poll(200, TimeUnit.MILLISECONDS), "the last event is not sent yet");
        Control.releaseStream(id);
        assertEquals("data: two", lines.poll(10, TimeUnit.SECONDS));
    }

    private static final class Recorder implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
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
    }

    private WebSocket open(Recorder recorder, String token) throws Exception {
        return CLIENT.newWebSocketBuilder()
                .buildAsync(URI.create(base("ws") + "/api/v1/ws/echo?token=" + token), recorder)
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void webSocketEchoesThroughTheGateway() throws Exception {
        String token = jwt.mint(42, "ws");
        Recorder recorder = new Recorder();
        WebSocket ws = open(recorder, token);
        String hello = recorder.messages.poll(10, TimeUnit.SECONDS);
        assertEquals("auth:Bearer " + token + " query:token=" + token, hello, "upstream handshake carries the JWT");
        ws.sendText("ping-1", true).get(5, TimeUnit.SECONDS);
        assertEquals("ping-1", recorder.messages.poll(10, TimeUnit.SECONDS));
        ws.sendText("close-me", true).get(5, TimeUnit.SECONDS);
        assertEquals(4000, recorder.closed.get(10, TimeUnit.SECONDS), "the upstream's close code reaches the client");
    }

    @Test
    void chatRoomWebSocketReachesConversationServiceWithItsParameters() throws Exception {
        String token = jwt.mint(44, "room");
        Recorder recorder = new Recorder();
        WebSocket ws = CLIENT.newWebSocketBuilder()
                .buildAsync(URI.create(base("ws") + "/ws/chat-room/123?participant_type=user&participant_name=Ann&token=" + token),
                        recorder)
                .get(10, TimeUnit.SECONDS);
        assertEquals("auth:Bearer " + token + " query:participant_type=user&participant_name=Ann&token=" + token,
                recorder.messages.poll(10, TimeUnit.SECONDS));
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    }

    @Test
    void clientCloseReachesTheUpstream() throws Exception {
        int before = Control.webSocketsClosedByPeer();
        Recorder recorder = new Recorder();
        WebSocket ws = open(recorder, jwt.mint(43, "ws"));
        assertTrue(recorder.messages.poll(10, TimeUnit.SECONDS).startsWith("auth:"));
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> Control.webSocketsClosedByPeer() > before);
    }

    @Test
    void webSocketWithPatInQueryGetsTheResolvedJwt() throws Exception {
        Recorder recorder = new Recorder();
        WebSocket ws = open(recorder, "pat_ok_" + UUID.randomUUID());
        assertEquals("auth:Bearer " + Upstreams.PAT_JWT + " query:token=" + Upstreams.PAT_JWT,
                recorder.messages.poll(10, TimeUnit.SECONDS));
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    }

    @Test
    void webSocketWithoutTokenIsRefused() {
        Recorder recorder = new Recorder();
        CompletableFuture<WebSocket> attempt = CLIENT.newWebSocketBuilder()
                .buildAsync(URI.create(base("ws") + "/api/v1/ws/echo"), recorder);
        ExecutionException failure = assertThrows(ExecutionException.class, () -> attempt.get(10, TimeUnit.SECONDS));
        WebSocketHandshakeException refused = assertInstanceOf(WebSocketHandshakeException.class, failure.getCause());
        assertEquals(401, refused.getResponse().statusCode());
    }
}
