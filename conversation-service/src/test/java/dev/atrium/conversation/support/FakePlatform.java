package dev.atrium.conversation.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atrium.proto.auth.v1.AuthServiceGrpc;
import dev.atrium.proto.auth.v1.GetCallerPrincipalRequest;
import dev.atrium.proto.auth.v1.Principal;
import dev.atrium.proto.auth.v1.WorkspaceRole;
import dev.atrium.proto.bot.v1.BotRuntime;
import dev.atrium.proto.bot.v1.BotServiceGrpc;
import dev.atrium.proto.bot.v1.GetBotRuntimeRequest;
import dev.atrium.proto.bot.v1.ModelTarget;
import dev.atrium.proto.bot.v1.ResolveModelRequest;
import dev.atrium.proto.bot.v1.ResolvedModel;
import dev.atrium.proto.knowledge.v1.KnowledgeServiceGrpc;
import dev.atrium.proto.knowledge.v1.RetrieveRequest;
import dev.atrium.proto.knowledge.v1.RetrieveResponse;
import dev.atrium.proto.plugin.v1.ExecuteToolRequest;
import dev.atrium.proto.plugin.v1.ExecuteToolResponse;
import dev.atrium.proto.plugin.v1.ListToolsRequest;
import dev.atrium.proto.plugin.v1.ListToolsResponse;
import dev.atrium.proto.plugin.v1.ToolDefinition;
import dev.atrium.proto.plugin.v1.ToolServiceGrpc;
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
 * The four services conversation-service calls, as one small grpc-java server implementing their real
 * contracts: auth-service's {@code GetCallerPrincipal} (memberships tests {@link #grant}), bot-service's
 * {@code GetBotRuntime}/{@code ResolveModel} (bots tests {@link #bot register}, visible to members of their
 * workspace and to an API key bound to them), knowledge-service's {@code Retrieve} and plugin-service's
 * {@code ListTools}/{@code ExecuteTool} (answers tests set). Every call records the bearer token it got.
 */
public class FakePlatform implements QuarkusTestResourceLifecycleManager {

    private static final Map<Long, List<WorkspaceRole>> MEMBERSHIPS = new ConcurrentHashMap<>();
    private static final Map<String, BotRuntime> BOTS = new ConcurrentHashMap<>();
    private static final Map<String, ToolDefinition> TOOLS = new ConcurrentHashMap<>();
    private static final Map<String, Function<ExecuteToolRequest, ExecuteToolResponse>> TOOL_IMPLS = new ConcurrentHashMap<>();
    private static final List<RetrieveRequest> RETRIEVALS = new CopyOnWriteArrayList<>();
    private static final List<ExecuteToolRequest> EXECUTIONS = new CopyOnWriteArrayList<>();
    private static final List<String> TOKENS_SEEN = new CopyOnWriteArrayList<>();
    private static volatile Function<RetrieveRequest, RetrieveResponse> knowledge = r -> RetrieveResponse.getDefaultInstance();
    private static volatile String llmBaseUrl;
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

    /** Registers a bot; its model target is filled with the LLM stub's address when it has none. */
    public static void bot(BotRuntime runtime) {
        BOTS.put(runtime.getBotId(), runtime);
    }

    public static ModelTarget stubTarget(String model) {
        return ModelTarget.newBuilder().setProviderId("platform").setProviderType("openai").setBaseUrl(llmBaseUrl)
                .setApiKey("sk-test-provider-key-0123456789").setModel(model).build();
    }

    public static void tool(ToolDefinition definition, Function<ExecuteToolRequest, ExecuteToolResponse> impl) {
        TOOLS.put(definition.getToolId(), definition);
        TOOL_IMPLS.put(definition.getToolId(), impl);
    }

    public static void knowledge(Function<RetrieveRequest, RetrieveResponse> answer) {
        knowledge = answer;
    }

    public static List<RetrieveRequest> retrievals() {
        return List.copyOf(RETRIEVALS);
    }

    public static List<ExecuteToolRequest> executions() {
        return List.copyOf(EXECUTIONS);
    }

    public static List<String> tokensSeen() {
        return List.copyOf(TOKENS_SEEN);
    }

    @Override
    public Map<String, String> start() {
        ServerInterceptor tokenReader = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                String auth = headers.get(AUTHORIZATION);
                if (auth != null) {
                    TOKENS_SEEN.add(auth);
                }
                return Contexts.interceptCall(io.grpc.Context.current().withValue(TOKEN, auth), call, headers, next);
            }
        };
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("localhost", 0))
                    .addService(ServerInterceptors.intercept(new Auth(), tokenReader))
                    .addService(ServerInterceptors.intercept(new Bots(), tokenReader))
                    .addService(ServerInterceptors.intercept(new Knowledge(), tokenReader))
                    .addService(ServerInterceptors.intercept(new Tools(), tokenReader))
                    .build().start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String port = Integer.toString(server.getPort());
        Map<String, String> config = new HashMap<>();
        for (String client : List.of("auth", "bot", "knowledge", "plugin")) {
            config.put("quarkus.grpc.clients." + client + ".host", "localhost");
            config.put("quarkus.grpc.clients." + client + ".port", port);
            config.put("quarkus.grpc.clients." + client + ".test-port", port);
        }
        return config;
    }

    /** The LLM stub's address, known once its resource started (test resources start in parallel). */
    public static void llm(String baseUrl) {
        llmBaseUrl = baseUrl;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdownNow();
        }
    }

    private static JsonNode claims() {
        String auth = TOKEN.get();
        if (auth == null || !auth.startsWith("Bearer ")) {
            return null;
        }
        String[] parts = auth.substring(7).split("\\.");
        try {
            return JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static List<WorkspaceRole> roles(JsonNode claims) {
        List<WorkspaceRole> roles = MEMBERSHIPS.getOrDefault(claims.path("sub").asLong(), List.of());
        if ("api_key".equals(claims.path("tkn").asText())) {
            String ws = claims.path("ws").asText("");
            roles = roles.stream().filter(r -> r.getWorkspaceId().equals(ws)).toList();
        }
        return roles;
    }

    private static boolean member(JsonNode claims, String workspaceId) {
        return roles(claims).stream().anyMatch(r -> r.getWorkspaceId().equals(workspaceId));
    }

    private static io.grpc.StatusRuntimeException notFound(String code) {
        Metadata trailers = new Metadata();
        trailers.put(Metadata.Key.of("atrium-code", Metadata.ASCII_STRING_MARSHALLER), code);
        return Status.NOT_FOUND.withDescription("not found").asRuntimeException(trailers);
    }

    private static final class Auth extends AuthServiceGrpc.AuthServiceImplBase {
        @Override
        public void getCallerPrincipal(GetCallerPrincipalRequest request, StreamObserver<Principal> out) {
            JsonNode claims = claims();
            if (claims == null) {
                out.onError(Status.UNAUTHENTICATED.asRuntimeException());
                return;
            }
            out.onNext(Principal.newBuilder().setUserId(claims.path("sub").asText()).setRole("user")
                    .addAllWorkspaces(roles(claims)).build());
            out.onCompleted();
        }
    }

    private static final class Bots extends BotServiceGrpc.BotServiceImplBase {
        @Override
        public void getBotRuntime(GetBotRuntimeRequest request, StreamObserver<BotRuntime> out) {
            JsonNode claims = claims();
            BotRuntime bot = BOTS.get(request.getBotId());
            boolean keyForOtherBot = claims != null && "api_key".equals(claims.path("tkn").asText())
                    && !request.getBotId().equals(claims.path("bot").asText());
            if (claims == null || bot == null || !member(claims, bot.getWorkspaceId()) || keyForOtherBot) {
                out.onError(notFound("100404002"));
                return;
            }
            BotRuntime.Builder b = bot.toBuilder();
            if (b.getModel().getTarget().getBaseUrl().isEmpty()) {
                b.getModelBuilder().setTarget(stubTarget(b.getModel().getTarget().getModel().isEmpty() ? "stub-model"
                        : b.getModel().getTarget().getModel()));
            }
            out.onNext(b.build());
            out.onCompleted();
        }

        @Override
        public void resolveModel(ResolveModelRequest request, StreamObserver<ResolvedModel> out) {
            JsonNode claims = claims();
            if (claims == null || !member(claims, request.getWorkspaceId())) {
                out.onError(notFound("100404006"));
                return;
            }
            if (!request.getProviderId().isEmpty() && !request.getProviderId().equals("platform")) {
                out.onError(notFound("100404005"));
                return;
            }
            out.onNext(ResolvedModel.newBuilder().setTarget(stubTarget(request.getModel().isEmpty() ? "stub-model"
                    : request.getModel())).build());
            out.onCompleted();
        }
    }

    private static final class Knowledge extends KnowledgeServiceGrpc.KnowledgeServiceImplBase {
        @Override
        public void retrieve(RetrieveRequest request, StreamObserver<RetrieveResponse> out) {
            RETRIEVALS.add(request);
            out.onNext(knowledge.apply(request));
            out.onCompleted();
        }
    }

    private static final class Tools extends ToolServiceGrpc.ToolServiceImplBase {
        @Override
        public void listTools(ListToolsRequest request, StreamObserver<ListToolsResponse> out) {
            List<ToolDefinition> found = new ArrayList<>();
            Set<String> wanted = Set.copyOf(request.getToolIdsList());
            TOOLS.values().stream().filter(t -> wanted.contains(t.getToolId())).forEach(found::add);
            out.onNext(ListToolsResponse.newBuilder().addAllTools(found).build());
            out.onCompleted();
        }

        @Override
        public void executeTool(ExecuteToolRequest request, StreamObserver<ExecuteToolResponse> out) {
            EXECUTIONS.add(request);
            Function<ExecuteToolRequest, ExecuteToolResponse> impl = TOOL_IMPLS.get(request.getToolId());
            if (impl == null) {
                out.onError(notFound("102404001"));
                return;
            }
            out.onNext(impl.apply(request));
            out.onCompleted();
        }
    }
}
