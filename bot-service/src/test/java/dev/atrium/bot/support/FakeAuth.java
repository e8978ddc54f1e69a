package dev.atrium.bot.support;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atrium.proto.auth.v1.AuthServiceGrpc;
import dev.atrium.proto.auth.v1.GetCallerPrincipalRequest;
import dev.atrium.proto.auth.v1.Principal;
import dev.atrium.proto.auth.v1.WorkspaceRole;

import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * auth-service's {@code GetCallerPrincipal} as a small grpc-java server: bot-service asks it which workspaces a
 * caller belongs to. Memberships are what tests {@link #grant} (the token itself is verified by bot-service
 * before it calls here). API-key tokens see only their own workspace, as in auth-service.
 */
public class FakeAuth implements QuarkusTestResourceLifecycleManager {

    private static final Map<Long, List<WorkspaceRole>> MEMBERSHIPS = new ConcurrentHashMap<>();
    private static final AtomicInteger CALLS = new AtomicInteger();
    private static final io.grpc.Context.Key<String> TOKEN = io.grpc.Context.key("token");
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Server server;

    public static void grant(long userId, long workspaceId, String role, String type) {
        MEMBERSHIPS.computeIfAbsent(userId, k -> new CopyOnWriteArrayList<>())
                .add(WorkspaceRole.newBuilder().setWorkspaceId(Long.toString(workspaceId)).setRole(role).setWorkspaceType(type).build());
    }

    public static void revokeAll(long userId) {
        MEMBERSHIPS.remove(userId);
    }

    public static int calls() {
        return CALLS.get();
    }

    @Override
    public Map<String, String> start() {
        ServerInterceptor tokenReader = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                String auth = headers.get(AUTHORIZATION);
                return Contexts.interceptCall(io.grpc.Context.current().withValue(TOKEN, auth), call, headers, next);
            }
        };
        AuthServiceGrpc.AuthServiceImplBase impl = new AuthServiceGrpc.AuthServiceImplBase() {
            @Override
            public void getCallerPrincipal(GetCallerPrincipalRequest request, StreamObserver<Principal> out) {
                CALLS.incrementAndGet();
                String auth = TOKEN.get();
                if (auth == null || !auth.startsWith("Bearer ")) {
                    out.onError(Status.UNAUTHENTICATED.asRuntimeException());
                    return;
                }
                JsonNode claims = claims(auth.substring(7));
                long userId = claims.path("sub").asLong();
                List<WorkspaceRole> roles = MEMBERSHIPS.getOrDefault(userId, List.of());
                String ws = claims.path("ws").asText("");
                if ("api_key".equals(claims.path("tkn").asText())) {
                    roles = roles.stream().filter(r -> r.getWorkspaceId().equals(ws)).toList();
                }
                out.onNext(Principal.newBuilder().setUserId(Long.toString(userId)).setRole("user").addAllWorkspaces(roles).build());
                out.onCompleted();
            }
        };
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("localhost", 0))
                    .addService(ServerInterceptors.intercept(impl, tokenReader)).build().start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("quarkus.grpc.clients.auth.host", "localhost",
                "quarkus.grpc.clients.auth.port", Integer.toString(server.getPort()),
                "quarkus.grpc.clients.auth.test-port", Integer.toString(server.getPort()));
    }

    private static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        try {
            return JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (java.io.IOException | RuntimeException e) {
            return JSON.createObjectNode();
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdownNow();
        }
    }
}
