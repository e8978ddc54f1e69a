package dev.atrium.bot.coze;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.atrium.bot.BotErrors;
import dev.atrium.bot.coze.CozeBotApi.BotRequest;
import dev.atrium.bot.coze.CozeBotApi.CozeBot;
import dev.atrium.bot.coze.CozeBotApi.Created;
import dev.atrium.bot.coze.CozeBotApi.PublishRequest;
import dev.atrium.bot.coze.CozeBotApi.Published;
import dev.atrium.bot.mapping.VersionView;
import dev.atrium.bot.service.BotService;
import dev.atrium.bot.service.WorkspaceAccess;
import dev.atrium.core.api.Envelope;
import dev.atrium.core.error.CommonErrors;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.error.ErrorRange;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Coze's bot API ({@code /v1/bot/*}) over the same {@link BotService} as {@code /api/v1/bots}: same validation,
 * access rules and events. Create, update and publish are management calls (login session or a PAT with the
 * {@code bots} scope); {@code get_online_info} is a runtime read, also open to an app API key bound to the bot.
 */
@Path("/v1/bot")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CozeBotResource {

    private final BotService bots;
    private final WorkspaceAccess access;
    private final CommonErrors errors;

    public CozeBotResource(BotService bots, WorkspaceAccess access, ErrorRange range) {
        this.bots = bots;
        this.access = access;
        this.errors = range.common();
    }

    /** {@code space_id} empty or absent: the caller's personal workspace, as in the native API. */
    @POST
    @Path("/create")
    public Envelope<Created> create(BotRequest request) {
        access.manager();
        BotRequest r = require(request);
        ObjectNode body = CozeBotMapper.definition(r);
        if (r.spaceId() != null) {
            body.put("workspace_id", r.spaceId());
        }
        return Envelope.ok(new Created(bots.create(body).id()));
    }

    /** Merges the fields sent onto the draft; data is an empty object, which both SDKs accept. */
    @POST
    @Path("/update")
    public Envelope<Map<String, Object>> update(BotRequest request) {
        access.manager();
        BotRequest r = require(request);
        bots.update(CozeParams.botId(r.botId(), errors), CozeBotMapper.definition(r));
        return Envelope.ok(Map.of());
    }

    /** {@code connector_ids} is accepted and not used: a published version is served on the one API channel. */
    @POST
    @Path("/publish")
    public Envelope<Published> publish(PublishRequest request) {
        access.manager();
        PublishRequest r = require(request);
        VersionView version = bots.publish(CozeParams.botId(r.botId(), errors), null, null);
        return Envelope.ok(new Published(version.botId(), Integer.toString(version.version())));
    }

    @GET
    @Path("/get_online_info")
    public Envelope<CozeBot> onlineInfo(@QueryParam("bot_id") String botId) {
        access.caller();
        return Envelope.ok(CozeBotMapper.published(bots.publishedForClient(CozeParams.botId(botId, errors))));
    }

    private static <T> T require(T body) {
        if (body == null) {
            throw new DomainException(BotErrors.INVALID_BOT, "the body must be a JSON object");
        }
        return body;
    }
}
