package dev.atrium.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.atrium.proto.auth.v1.AuthServiceGrpc;
import dev.atrium.proto.auth.v1.CredentialType;
import dev.atrium.proto.auth.v1.Principal;
import dev.atrium.proto.auth.v1.ResolveCredentialRequest;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

/**
 * Real upstreams for the gateway under test: one Vert.x HTTP server per service (auth, bot, conversation,
 * knowledge, plugin) answering with an echo of what it received, plus SSE, hanging, WebSocket and OpenAPI
 * endpoints; workflow points at a closed port; and a grpc-java AuthService on its own port. Tests talk to
 * {@code /__control/*} on any upstream to release SSE streams and read counters.
 */
public class Upstreams implements QuarkusTestResourceLifecycleManager {

    /** The access JWT the fake auth-service hands out for every good PAT / API key. */
    public static final String PAT_JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI3In0.cGF0LWp3dA";
    public static final String PAT_USER = "7";
    public static final List<String> HTTP_SERVICES = List.of("auth", "bot", "conversation", "knowledge", "plugin");

    private final Map<String, AtomicInteger> grpcCalls = new ConcurrentHashMap<>();
    private final Map<String, HttpServerResponse> heldStreams = new ConcurrentHashMap<>();
    private final Map<String, Boolean> released = new ConcurrentHashMap<>();
    private final AtomicInteger webSocketsClosedByPeer = new AtomicInteger();
    private Vertx vertx;
    private Server grpc;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, String> config = new HashMap<>();
        for (String service : HTTP_SERVICES) {
            HttpServer server = vertx.createHttpServer()
                    .requestHandler(req -> handle(service, req))
                    .webSocketHandler(this::webSocket);
            int port = await(server.listen(0, "localhost")).actualPort();
            config.put("atrium.gateway.services." + service, "http://localhost:" + port);
        }
        config.put("atrium.gateway.services.workflow", "http://localhost:" + closedPort());
        config.put("atrium.gateway.routes.conversation", "/api/v1/conversations,/api/v1/chat,/api/v1/chat-rooms,"
                + "/api/v1/ws,/ws/chat-room,/v3/chat,/v1/conversation,/v1/conversations,/api/v1/bots/shared");
        try {
            grpc = NettyServerBuilder.forAddress(new InetSocketAddress("localhost", 0))
                    .addService(new FakeAuthService()).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config.put("quarkus.grpc.clients.auth.host", "localhost");
        config.put("quarkus.grpc.clients.auth.port", Integer.toString(grpc.getPort()));
        // in test mode Quarkus points gRPC clients at the application's own test port unless told otherwise
        config.put("quarkus.grpc.clients.auth.test-port", Integer.toString(grpc.getPort()));
        return config;
    }

    @Override
    public void stop() {
        if (grpc != null) {
            grpc.shutdownNow();
        }
        if (vertx != null) {
            await(vertx.close());
        }
    }

    private void handle(String service, HttpServerRequest req) {
        String path = req.path();
        if (path.startsWith("/__control/")) {
            control(req);
            return;
        }
        if (path.equals("/q/openapi")) {
            openApi(service, req);
            return;
        }
        if (path.equals("/api/v1/bots/sse")) {
            sse(req);
            return;
        }
        if (path.equals("/api/v1/bots/hang")) {
            return;
        }
        req.body().onSuccess(body -> {
            JsonObject headers = new JsonObject();
            req.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            JsonObject echo = new JsonObject()
                    .put("service", service)
                    .put("method", req.method().name())
                    .put("uri", req.uri())
                    .put("headers", headers)
                    .put("body_length", body.length());
            req.response().putHeader("Content-Type", "application/json")
                    .putHeader("Access-Control-Allow-Origin", "https://upstream.invalid")
                    .putHeader("X-Upstream", service)
                    .end(echo.encode());
        });
    }

    /** Sends one event, then holds the stream open until a test releases it, then sends the last event. */
    private void sse(HttpServerRequest req) {
        String id = req.getParam("id");
        HttpServerResponse resp = req.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
        resp.write("data: one\n\n");
        heldStreams.put(id, resp);
        if (released.containsKey(id)) {
            finish(id);
        }
    }

    private void finish(String id) {
        HttpServerResponse resp = heldStreams.remove(id);
        if (resp != null) {
            resp.write("data: two\n\n");
            resp.end();
        }
    }

    private void control(HttpServerRequest req) {
        HttpServerResponse resp = req.response().putHeader("Content-Type", "text/plain");
        switch (req.path()) {
            case "/__control/release" -> {
                String id = req.getParam("id");
                released.put(id, true);
                finish(id);
                resp.end("ok");
            }
            case "/__control/grpc-calls" ->
                    resp.end(Integer.toString(grpcCalls.getOrDefault(req.getParam("credential"), new AtomicInteger()).get()));
            case "/__control/ws-closed" -> resp.end(Integer.toString(webSocketsClosedByPeer.get()));
            default -> resp.setStatusCode(404).end();
        }
    }

    private void webSocket(ServerWebSocket ws) {
        if (!ws.path().equals("/api/v1/ws/echo") && !ws.path().startsWith("/ws/chat-room/")) {
            ws.reject(404);
            return;
        }
        boolean[] closingHere = {false};
        ws.writeTextMessage("auth:" + ws.headers().get("Authorization") + " query:" + ws.query());
        ws.textMessageHandler(text -> {
            if (text.equals("close-me")) {
                closingHere[0] = true;
                ws.close((short) 4000, "bye");
            } else {
                ws.writeTextMessage(text);
            }
        });
        ws.closeHandler(v -> {
            if (!closingHere[0]) {
                webSocketsClosedByPeer.incrementAndGet();
            }
        });
    }

    /** Each service describes one path and a schema {@code Thing} whose shape differs per service. */
    private static void openApi(String service, HttpServerRequest req) {
        JsonObject thing = new JsonObject().put("type", "object")
                .put("properties", new JsonObject().put(service + "_field", new JsonObject().put("type", "string")));
        JsonObject response = new JsonObject().put("200", new JsonObject().put("description", "ok")
                .put("content", new JsonObject().put("application/json", new JsonObject()
                        .put("schema", new JsonObject().put("$ref", "#/components/schemas/Thing")))));
        JsonObject doc = new JsonObject()
                .put("openapi", "3.1.0")
                .put("info", new JsonObject().put("title", service).put("version", "1"))
                .put("paths", new JsonObject().put("/api/v1/" + service + "/things",
                        new JsonObject().put("get", new JsonObject().put("responses", response))))
                .put("components", new JsonObject().put("schemas", new JsonObject().put("Thing", thing)));
        req.response().putHeader("Content-Type", "application/json").end(doc.encode());
    }

    private final class FakeAuthService extends AuthServiceGrpc.AuthServiceImplBase {
        @Override
        public void resolveCredential(ResolveCredentialRequest request, StreamObserver<Principal> observer) {
            String credential = request.getCredential();
            grpcCalls.computeIfAbsent(credential, c -> new AtomicInteger()).incrementAndGet();
            if (credential.startsWith("pat_down")) {
                observer.onError(Status.UNAVAILABLE.withDescription("auth is down").asRuntimeException());
                return;
            }
            if (!credential.startsWith("pat_ok") && !credential.startsWith("ak_ok")) {
                observer.onError(Status.UNAUTHENTICATED.withDescription("unknown credential").asRuntimeException());
                return;
            }
            long now = Instant.now().getEpochSecond();
            observer.onNext(Principal.newBuilder()
                    .setUserId(PAT_USER)
                    .setUsername("pat-user")
                    .setRole("user")
                    .setCredentialType(credential.startsWith("ak_") ? CredentialType.CREDENTIAL_TYPE_API_KEY
                            : CredentialType.CREDENTIAL_TYPE_PAT)
                    .setCredentialId(credentialId(credential))
                    .setAccessToken(PAT_JWT)
                    .setAccessTokenExpiresAt(now + 900)
                    .build());
            observer.onCompleted();
        }
    }

    /** The id the fake auth-service reports for a credential (what revocation events name). */
    public static String credentialId(String credential) {
        return "id-" + credential;
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
