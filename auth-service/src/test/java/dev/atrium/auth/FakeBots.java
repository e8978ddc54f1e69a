package dev.atrium.auth;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.atrium.proto.bot.v1.BotSummary;
import dev.atrium.proto.bot.v1.BotServiceGrpc;
import dev.atrium.proto.bot.v1.GetBotRequest;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * bot-service's {@code GetBot} as a small grpc-java server, so auth-service's check of a new API key's
 * bot runs over a real channel. It knows the bots tests {@link #newBot register} (bot id → workspace id) and
 * answers {@code NOT_FOUND} with bot-service's code for any other, as bot-service does for unknown bots and
 * for bots of workspaces the caller is not in. It records what each call carried ({@link #seen}), can answer
 * late ({@link #newSlowBot}) or with another bot-service error ({@link #newFailingBot}), and can be taken
 * {@link #down} and brought back {@link #up} on the same port.
 */
public class FakeBots implements QuarkusTestResourceLifecycleManager {

    /** One call as the fake received it. */
    record Seen(String authorization) {
    }

    private record Failure(Status status, String code) {
    }

    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> ATRIUM_CODE = Metadata.Key.of("atrium-code", Metadata.ASCII_STRING_MARSHALLER);
    private static final io.grpc.Context.Key<String> CALL_AUTHORIZATION = io.grpc.Context.key("authorization");
    private static final String BOT_NOT_FOUND = "100404002";

    private static final AtomicLong IDS = new AtomicLong(7_300_000_000_000_000L);
    private static final Map<String, String> WORKSPACES = new ConcurrentHashMap<>();
    private static final Map<String, Duration> DELAYS = new ConcurrentHashMap<>();
    private static final Map<String, Failure> FAILURES = new ConcurrentHashMap<>();
    private static final Map<String, List<Seen>> SEEN = new ConcurrentHashMap<>();

    private static volatile Server server;
    private static volatile int port;
    private static volatile ScheduledExecutorService late;

    /** A bot that lives in {@code workspaceId}; its id. */
    static String newBot(String workspaceId) {
        String id = unknownBot();
        WORKSPACES.put(id, workspaceId);
        return id;
    }

    /** A bot of {@code workspaceId} whose runtime is answered only after {@code delay}. */
    static String newSlowBot(String workspaceId, Duration delay) {
        String id = newBot(workspaceId);
        DELAYS.put(id, delay);
        return id;
    }

    /** A bot whose lookup fails with {@code status} and the bot-service code {@code atriumCode}. */
    static String newFailingBot(Status status, String atriumCode) {
        String id = unknownBot();
        FAILURES.put(id, new Failure(status, atriumCode));
        return id;
    }

    /** An id the fake has never registered. */
    static String unknownBot() {
        return Long.toString(IDS.incrementAndGet());
    }

    /** The calls made for {@code botId}, oldest first. */
    static List<Seen> seen(String botId) {
        return List.copyOf(SEEN.getOrDefault(botId, List.of()));
    }

    /** Stops listening: calls fail as they do against a bot-service that is not running. */
    static void down() throws InterruptedException {
        server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    /** Listens again on the port the service under test was configured with. */
    static void up() throws IOException {
        server = listen(port);
    }

    @Override
    public Map<String, String> start() {
        late = Executors.newSingleThreadScheduledExecutor();
        try {
            server = listen(0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake bot-service", e);
        }
        port = server.getPort();
        return Map.of("quarkus.grpc.clients.bot.host", "localhost",
                "quarkus.grpc.clients.bot.port", Integer.toString(port),
                "quarkus.grpc.clients.bot.test-port", Integer.toString(port));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdownNow();
        }
        if (late != null) {
            late.shutdownNow();
        }
    }

    private static Server listen(int onPort) throws IOException {
        ServerInterceptor authorizationReader = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                return Contexts.interceptCall(io.grpc.Context.current().withValue(CALL_AUTHORIZATION, headers.get(AUTHORIZATION)),
                        call, headers, next);
            }
        };
        BotServiceGrpc.BotServiceImplBase impl = new BotServiceGrpc.BotServiceImplBase() {
            @Override
            public void getBot(GetBotRequest request, StreamObserver<BotSummary> out) {
                String botId = request.getBotId();
                SEEN.computeIfAbsent(botId, k -> new CopyOnWriteArrayList<>())
                        .add(new Seen(CALL_AUTHORIZATION.get()));
                Duration delay = DELAYS.get(botId);
                if (delay == null) {
                    answer(botId, out);
                    return;
                }
                ServerCallStreamObserver<BotSummary> call = (ServerCallStreamObserver<BotSummary>) out;
                late.schedule(() -> {
                    if (!call.isCancelled()) {
                        answer(botId, call);
                    }
                }, delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        };
        return NettyServerBuilder.forAddress(new InetSocketAddress("localhost", onPort))
                .addService(ServerInterceptors.intercept(impl, authorizationReader)).build().start();
    }

    private static void answer(String botId, StreamObserver<BotSummary> out) {
        Failure failure = FAILURES.get(botId);
        String workspaceId = WORKSPACES.get(botId);
        if (failure != null) {
            out.onError(failure.status().asRuntimeException(trailers(failure.code())));
        } else if (workspaceId == null) {
            out.onError(Status.NOT_FOUND.withDescription("bot not found").asRuntimeException(trailers(BOT_NOT_FOUND)));
        } else {
            out.onNext(BotSummary.newBuilder().setBotId(botId).setWorkspaceId(workspaceId).setName("bot " + botId).build());
            out.onCompleted();
        }
    }

    private static Metadata trailers(String atriumCode) {
        Metadata trailers = new Metadata();
        trailers.put(ATRIUM_CODE, atriumCode);
        return trailers;
    }
}
