package dev.atrium.bot.rest;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atrium.bot.BotErrors;
import dev.atrium.bot.mapping.AppConfigView;
import dev.atrium.bot.mapping.BotStatus;
import dev.atrium.bot.mapping.BotView;
import dev.atrium.bot.mapping.VersionView;
import dev.atrium.bot.service.BotService;
import dev.atrium.core.api.Envelope;
import dev.atrium.core.api.Page;
import dev.atrium.core.api.PageQuery;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.error.ErrorRange;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/api/v1/bots")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BotResource {

    /** Body of {@code POST /bots/{id}/publish}: {@code version} republishes an earlier version (rollback). */
    public record PublishRequest(String changelog, Integer version) {
    }

    private final BotService bots;
    private final ErrorRange range;

    public BotResource(BotService bots, ErrorRange range) {
        this.bots = bots;
        this.range = range;
    }

    @POST
    public Envelope<BotView> create(JsonNode body) {
        return Envelope.ok(bots.create(require(body)));
    }

    @GET
    public Envelope<Page<BotView>> list(@QueryParam("workspace_id") String workspaceId, @QueryParam("search") String search,
                                        @QueryParam("platform_type") String platformType, @QueryParam("is_active") Boolean active,
                                        @QueryParam("publish_status") String publishStatus, @QueryParam("limit") String limit,
                                        @QueryParam("offset") String offset) {
        return Envelope.ok(bots.list(workspaceId, search, platformType, active, publishStatus,
                PageQuery.parse(limit, offset, range.common())));
    }

    @GET
    @Path("/{bot_id}")
    public Envelope<BotView> get(@PathParam("bot_id") String botId) {
        return Envelope.ok(bots.get(botId));
    }

    @PUT
    @Path("/{bot_id}")
    public Envelope<BotView> update(@PathParam("bot_id") String botId, JsonNode body) {
        return Envelope.ok(bots.update(botId, require(body)));
    }

    @DELETE
    @Path("/{bot_id}")
    @Consumes(MediaType.WILDCARD)
    public Envelope<Void> delete(@PathParam("bot_id") String botId) {
        bots.delete(botId);
        return Envelope.ok(null);
    }

    @POST
    @Path("/{bot_id}/publish")
    @Consumes(MediaType.WILDCARD)
    public Envelope<VersionView> publish(@PathParam("bot_id") String botId, PublishRequest request) {
        PublishRequest r = request == null ? new PublishRequest(null, null) : request;
        return Envelope.ok(bots.publish(botId, r.changelog(), r.version()));
    }

    @GET
    @Path("/{bot_id}/versions")
    public Envelope<Page<VersionView>> versions(@PathParam("bot_id") String botId, @QueryParam("limit") String limit,
                                                @QueryParam("offset") String offset) {
        return Envelope.ok(bots.versions(botId, PageQuery.parse(limit, offset, range.common())));
    }

    @GET
    @Path("/{bot_id}/versions/{version}")
    public Envelope<VersionView> version(@PathParam("bot_id") String botId, @PathParam("version") int version) {
        return Envelope.ok(bots.version(botId, version));
    }

    @POST
    @Path("/{bot_id}/start")
    @Consumes(MediaType.WILDCARD)
    public Envelope<BotStatus> start(@PathParam("bot_id") String botId) {
        return Envelope.ok(bots.start(botId));
    }

    @POST
    @Path("/{bot_id}/stop")
    @Consumes(MediaType.WILDCARD)
    public Envelope<BotStatus> stop(@PathParam("bot_id") String botId) {
        return Envelope.ok(bots.stop(botId));
    }

    @GET
    @Path("/{bot_id}/status")
    public Envelope<BotStatus> status(@PathParam("bot_id") String botId) {
        return Envelope.ok(bots.status(botId));
    }

    @GET
    @Path("/{bot_id}/config")
    public Envelope<AppConfigView> config(@PathParam("bot_id") String botId, @QueryParam("draft") boolean draft) {
        return Envelope.ok(bots.appConfig(botId, draft));
    }

    private static JsonNode require(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new DomainException(BotErrors.INVALID_BOT, "the body must be a JSON object");
        }
        return body;
    }
}
