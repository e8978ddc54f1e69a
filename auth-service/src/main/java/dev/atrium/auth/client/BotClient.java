package dev.atrium.auth.client;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.atrium.auth.AuthErrors;
import dev.atrium.auth.config.AuthConfig;
import dev.atrium.core.error.CommonErrors;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.grpc.GrpcErrors;
import dev.atrium.core.grpc.IdentityServerInterceptor;
import dev.atrium.proto.bot.v1.BotSummary;
import dev.atrium.proto.bot.v1.BotServiceGrpc;
import dev.atrium.proto.bot.v1.GetBotRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which workspace a bot belongs to, from bot-service's {@code GetBot} (ownership only, no definition or
 * secrets), asked on behalf of the caller: bot-service shows a bot only to members of its workspace, so the
 * caller's token is forwarded. Unpublished bots count too: a key may be created before the first publish. Blocking, with a deadline
 * ({@code atrium.auth.bot-check-timeout}): call it from a worker thread and outside a transaction.
 */
@ApplicationScoped
public class BotClient {

    private static final Logger LOG = Logger.getLogger(BotClient.class);
    /** bot-service's "bot not found", also its answer for a bot of a workspace the caller is not in. */
    static final String BOT_NOT_FOUND = "100404002";

    private final BotServiceGrpc.BotServiceBlockingStub stub;
    private final AuthConfig config;

    public BotClient(@GrpcClient("bot") BotServiceGrpc.BotServiceBlockingStub stub, AuthConfig config) {
        this.stub = stub;
        this.config = config;
    }

    /**
     * The id of the bot's workspace, or empty when bot-service knows no such bot for this caller. 503
     * ({@link AuthErrors#BOT_SERVICE_UNAVAILABLE}) when bot-service cannot answer; any other error bot-service
     * answers with an Atrium code is passed on with that code.
     */
    public Optional<String> workspaceOf(long botId, String callerToken) {
        Metadata headers = new Metadata();
        headers.put(IdentityServerInterceptor.AUTHORIZATION, "Bearer " + callerToken);
        BotSummary bot;
        try {
            bot = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .withDeadlineAfter(config.botCheckTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .getBot(GetBotRequest.newBuilder().setBotId(Long.toString(botId)).build());
        } catch (StatusRuntimeException e) {
            return notFoundOrThrow(e, botId);
        }
        return Optional.of(bot.getWorkspaceId());
    }

    private Optional<String> notFoundOrThrow(StatusRuntimeException e, long botId) {
        Status.Code status = e.getStatus().getCode();
        String code = e.getTrailers() == null ? null : e.getTrailers().get(GrpcErrors.CODE);
        if (status == Status.Code.NOT_FOUND && (code == null || BOT_NOT_FOUND.equals(code))) {
            return Optional.empty();
        }
        switch (status) {
            case UNAVAILABLE -> throw unavailable(e, botId, "bot-service is unreachable; the bot could not be checked and no key was created");
            case DEADLINE_EXCEEDED -> throw unavailable(e, botId, "bot-service did not answer within "
                    + config.botCheckTimeout().toMillis() + " ms; the bot could not be checked and no key was created");
            // bot-service rejecting a token auth-service itself accepted is a configuration fault, not the caller's
            case UNAUTHENTICATED -> throw unavailable(e, botId, "bot-service did not accept the forwarded token; "
                    + "the bot could not be checked and no key was created");
            default -> {
                if (code != null) {
                    throw GrpcErrors.toDomain(e, new CommonErrors(AuthErrors.RANGE));
                }
                throw unavailable(e, botId, "bot-service failed to check the bot; no key was created");
            }
        }
    }

    private static DomainException unavailable(StatusRuntimeException e, long botId, String message) {
        LOG.warnf("bot-service GetBot for bot %d failed: %s", botId, e.getStatus());
        return new DomainException(AuthErrors.BOT_SERVICE_UNAVAILABLE, message);
    }
}
