package dev.atrium.conversation.client;

import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.atrium.conversation.ConversationErrors;
import dev.atrium.conversation.config.ConversationConfig;
import dev.atrium.core.error.CommonErrors;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.grpc.GrpcErrors;
import dev.atrium.proto.bot.v1.BotRuntime;
import dev.atrium.proto.bot.v1.BotServiceGrpc;
import dev.atrium.proto.bot.v1.GetBotRuntimeRequest;
import dev.atrium.proto.bot.v1.ResolveModelRequest;
import dev.atrium.proto.bot.v1.ResolvedModel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * bot-service as the engine sees it. The caller's JWT travels with every call (core's client interceptor),
 * so bot-service applies its own workspace checks; its error codes (100xxxxxx) reach the client unchanged.
 */
@ApplicationScoped
public class BotClient {

    private static final Logger LOG = Logger.getLogger(BotClient.class);
    /** bot-service's "the bot has no published version". */
    private static final int NOT_PUBLISHED = 100_404_004;
    /** bot-service's "only workspace members may run a draft" (app API keys). */
    private static final int DRAFT_FORBIDDEN = 100_403_003;
    private static final CommonErrors ERRORS = new CommonErrors(ConversationErrors.RANGE);

    private final BotServiceGrpc.BotServiceBlockingStub stub;
    private final ConversationConfig config;

    public BotClient(@GrpcClient("bot") BotServiceGrpc.BotServiceBlockingStub stub, ConversationConfig config) {
        this.stub = stub;
        this.config = config;
    }

    /** The bot's latest published version (or the draft), with its prompt filled for {@code endUser}. */
    public BotRuntime runtime(long botId, boolean draft, String endUser, String connectorId) {
        try {
            return deadline().getBotRuntime(GetBotRuntimeRequest.newBuilder().setBotId(Long.toString(botId))
                    .setDraft(draft).setUserId(endUser == null ? "" : endUser)
                    .setConnectorId(connectorId == null ? "" : connectorId).build());
        } catch (StatusRuntimeException e) {
            throw translate(e, "GetBotRuntime");
        }
    }

    /**
     * What a chat runs: the latest published version; for a bot never published, its draft, which
     * bot-service shows to workspace members only (app API keys get "not published").
     */
    public BotRuntime runtimeForChat(long botId, String endUser, String connectorId) {
        try {
            return runtime(botId, false, endUser, connectorId);
        } catch (DomainException e) {
            if (e.errorCode().code() != NOT_PUBLISHED) {
                throw e;
            }
            try {
                return runtime(botId, true, endUser, connectorId);
            } catch (DomainException draftRefused) {
                if (draftRefused.errorCode().code() == DRAFT_FORBIDDEN) {
                    throw new DomainException(ConversationErrors.BOT_NOT_PUBLISHED);
                }
                throw draftRefused;
            }
        }
    }

    /** A provider's model for a conversation without a bot. */
    public ResolvedModel resolveModel(long workspaceId, String providerId, String model) {
        try {
            return deadline().resolveModel(ResolveModelRequest.newBuilder().setWorkspaceId(Long.toString(workspaceId))
                    .setProviderId(providerId == null ? "" : providerId).setModel(model == null ? "" : model).build());
        } catch (StatusRuntimeException e) {
            throw translate(e, "ResolveModel");
        }
    }

    private BotServiceGrpc.BotServiceBlockingStub deadline() {
        return stub.withDeadlineAfter(config.rpcTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static DomainException translate(StatusRuntimeException e, String call) {
        Status.Code code = e.getStatus().getCode();
        if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED
                || code == Status.Code.INTERNAL || code == Status.Code.UNKNOWN) {
            LOG.warnf("bot-service %s failed: %s", call, e.getStatus());
            return new DomainException(ConversationErrors.BOT_SERVICE_UNAVAILABLE);
        }
        return GrpcErrors.toDomain(e, ERRORS);
    }
}
