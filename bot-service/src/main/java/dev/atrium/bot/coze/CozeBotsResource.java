package dev.atrium.bot.coze;

import dev.atrium.bot.coze.CozeBotApi.BotList;
import dev.atrium.bot.coze.CozeBotApi.BotListItem;
import dev.atrium.bot.coze.CozeBotApi.CozeBot;
import dev.atrium.bot.service.BotService;
import dev.atrium.bot.service.WorkspaceAccess;
import dev.atrium.core.api.Envelope;
import dev.atrium.core.api.Page;
import dev.atrium.core.api.PageQuery;
import dev.atrium.core.error.CommonErrors;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.error.ErrorRange;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The SDKs' second bot API ({@code GET /v1/bots}, {@code GET /v1/bots/{bot_id}}; cozepy's {@code _list_v2} and
 * {@code _retrieve_v2}). The published bot is a runtime read, also open to an app API key bound to it; the draft
 * and the list are management reads.
 */
@Path("/v1/bots")
@Produces(MediaType.APPLICATION_JSON)
public class CozeBotsResource {

    private final BotService bots;
    private final WorkspaceAccess access;
    private final CommonErrors errors;

    public CozeBotsResource(BotService bots, WorkspaceAccess access, ErrorRange range) {
        this.bots = bots;
        this.access = access;
        this.errors = range.common();
    }

    /**
     * {@code publish_status} (default {@code published_online}, as Coze): {@code published_online} bots with a
     * published version, shown as that version; {@code published_draft} published bots whose draft changed since;
     * {@code unpublished_draft} bots never published; {@code all}. The last three show the draft.
     * {@code connector_id} is accepted and not used: there is one API channel.
     */
    @GET
    public Envelope<BotList> list(@QueryParam("workspace_id") String workspaceId, @QueryParam("page_index") String pageIndex,
                                  @QueryParam("page_size") String pageSize, @QueryParam("publish_status") String publishStatus,
                                  @QueryParam("connector_id") String connectorId) {
        access.manager();
        PageQuery page = CozeParams.page(pageIndex, pageSize, errors);
        Page<BotListItem> result = switch (publishStatus == null || publishStatus.isEmpty() ? "published_online" : publishStatus) {
            case "published_online" -> bots.publishedVersions(workspaceId, page).map(CozeBotMapper::listItem);
            case "published_draft" -> bots.listWithUnpublishedChanges(workspaceId, page).map(CozeBotMapper::listItem);
            case "unpublished_draft" -> bots.list(workspaceId, null, null, null, "unpublished", page).map(CozeBotMapper::listItem);
            case "all" -> bots.list(workspaceId, null, null, null, "all", page).map(CozeBotMapper::listItem);
            default -> throw new DomainException(errors.validation(),
                    "publish_status must be all, published_online, published_draft or unpublished_draft");
        };
        return Envelope.ok(new BotList(result.items(), result.total()));
    }

    /** {@code is_published} true or absent: the latest published version; false: the draft. */
    @GET
    @Path("/{bot_id}")
    public Envelope<CozeBot> get(@PathParam("bot_id") String botId, @QueryParam("is_published") String isPublished) {
        access.caller();
        if (CozeParams.published(isPublished, errors)) {
            return Envelope.ok(CozeBotMapper.published(bots.publishedForClient(botId)));
        }
        return Envelope.ok(CozeBotMapper.draft(bots.get(botId)));
    }
}
