package dev.atrium.conversation.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.atrium.conversation.config.ConversationConfig;
import dev.atrium.core.grpc.IdentityServerInterceptor;
import dev.atrium.proto.plugin.v1.ExecuteToolRequest;
import dev.atrium.proto.plugin.v1.ExecuteToolResponse;
import dev.atrium.proto.plugin.v1.ListToolsRequest;
import dev.atrium.proto.plugin.v1.ToolDefinition;
import dev.atrium.proto.plugin.v1.ToolServiceGrpc;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * plugin-service's tools. A tool that cannot be listed is left out of the chat; a call that fails becomes an
 * error output the model sees, so one broken tool never fails the whole chat.
 */
@ApplicationScoped
public class ToolClient {

    private static final Logger LOG = Logger.getLogger(ToolClient.class);

    private final ToolServiceGrpc.ToolServiceBlockingStub stub;
    private final ConversationConfig config;

    public ToolClient(@GrpcClient("plugin") ToolServiceGrpc.ToolServiceBlockingStub stub, ConversationConfig config) {
        this.stub = stub;
        this.config = config;
    }

    public List<ToolDefinition> list(String token, long workspaceId, List<String> toolIds) {
        if (toolIds.isEmpty()) {
            return List.of();
        }
        try {
            return withToken(token, config.rpcTimeout()).listTools(ListToolsRequest.newBuilder()
                    .setWorkspaceId(Long.toString(workspaceId)).addAllToolIds(toolIds).build()).getToolsList();
        } catch (StatusRuntimeException e) {
            LOG.warnf("plugin-service ListTools failed, the chat runs without tools: %s", e.getStatus());
            return List.of();
        }
    }

    public ExecuteToolResponse execute(String token, ExecuteToolRequest request) {
        try {
            return withToken(token, config.engine().toolTimeout()).executeTool(request);
        } catch (StatusRuntimeException e) {
            LOG.warnf("plugin-service ExecuteTool %s failed: %s", request.getToolId(), e.getStatus());
            String reason = e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED ? "the tool timed out"
                    : "the tool could not be run (" + e.getStatus().getCode() + ")";
            return ExecuteToolResponse.newBuilder().setIsError(true).setErrorMessage(reason).setOutput(reason).build();
        }
    }

    private ToolServiceGrpc.ToolServiceBlockingStub withToken(String token, Duration deadline) {
        Metadata headers = new Metadata();
        headers.put(IdentityServerInterceptor.AUTHORIZATION, "Bearer " + token);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }
}
