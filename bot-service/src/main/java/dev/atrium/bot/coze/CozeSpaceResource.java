package dev.atrium.bot.coze;

import dev.atrium.bot.coze.CozeBotApi.SpaceBot;
import dev.atrium.bot.coze.CozeBotApi.SpaceBotList;
import dev.atrium.bot.service.BotService;
import dev.atrium.bot.service.WorkspaceAccess;
import dev.atrium.core.api.Envelope;
import dev.atrium.core.api.Page;
import dev.atrium.core.error.CommonErrors;
import dev.atrium.core.error.ErrorRange;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Coze's first bot list, {@code GET /v1/space/published_bots_list} (the Java SDK's {@code bots().list}). */
@Path("/v1/space")
@Produces(MediaType.APPLICATION_JSON)
public class CozeSpaceResource {

    private final BotService bots;
    private final WorkspaceAccess access;
    private final CommonErrors errors;

    public CozeSpaceResource(BotService bots, WorkspaceAccess access, ErrorRange range) {
        this.bots = bots;
        this.access = access;
        this.errors = range.common();
    }

    /**
     * The published bots of a workspace ({@code space_id} absent: the personal one), most recently published
     * first, each as its latest version shows it. A management read, like the native list.
     */
    @GET
    @Path("/published_bots_list")
    public Envelope<SpaceBotList> publishedBots(@QueryParam("space_id") String spaceId,
                                                @QueryParam("page_index") String pageIndex,
                                                @QueryParam("page_size") String pageSize) {
        access.manager();
        Page<SpaceBot> page = bots.publishedVersions(spaceId, CozeParams.page(pageIndex, pageSize, errors))
                .map(CozeBotMapper::spaceBot);
        return Envelope.ok(new SpaceBotList(page.items(), page.total()));
    }
}
