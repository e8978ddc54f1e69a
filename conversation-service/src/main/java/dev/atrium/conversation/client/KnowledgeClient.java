package dev.atrium.conversation.client;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.atrium.conversation.config.ConversationConfig;
import dev.atrium.core.grpc.IdentityServerInterceptor;
import dev.atrium.proto.knowledge.v1.KnowledgeServiceGrpc;
import dev.atrium.proto.knowledge.v1.RetrieveRequest;
import dev.atrium.proto.knowledge.v1.RetrievedChunk;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * knowledge-service's {@code Retrieve}. The engine runs off the request thread, so the caller's token is
 * passed explicitly. Retrieval is an aid, not a precondition: when it fails the chat goes on without it.
 */
@ApplicationScoped
public class KnowledgeClient {

    private static final Logger LOG = Logger.getLogger(KnowledgeClient.class);

    /** What a retrieval returned, or why it returned nothing. */
    public record Retrieval(List<RetrievedChunk> chunks, String error) {
    }

    private final KnowledgeServiceGrpc.KnowledgeServiceBlockingStub stub;
    private final ConversationConfig config;

    public KnowledgeClient(@GrpcClient("knowledge") KnowledgeServiceGrpc.KnowledgeServiceBlockingStub stub,
                           ConversationConfig config) {
        this.stub = stub;
        this.config = config;
    }

    public Retrieval retrieve(String token, RetrieveRequest request) {
        try {
            return new Retrieval(withToken(token).retrieve(request).getChunksList(), null);
        } catch (StatusRuntimeException e) {
            LOG.warnf("knowledge-service Retrieve failed: %s", e.getStatus());
            return new Retrieval(List.of(), "knowledge retrieval failed: " + e.getStatus().getCode());
        }
    }

    private KnowledgeServiceGrpc.KnowledgeServiceBlockingStub withToken(String token) {
        Metadata headers = new Metadata();
        headers.put(IdentityServerInterceptor.AUTHORIZATION, "Bearer " + token);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(config.rpcTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }
}
