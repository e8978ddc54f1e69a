package dev.atrium.bot.rest;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atrium.bot.mapping.MemoryTableView;
import dev.atrium.bot.service.MemoryAccess;
import dev.atrium.bot.service.MemoryTableService;
import dev.atrium.core.api.Envelope;
import dev.atrium.core.api.Page;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Definitions of a bot's memory tables; {@code table_id} also accepts the table's name. */
@Path("/api/v1/bots/{bot_id}/tables")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MemoryTableResource {

    private final MemoryAccess access;
    private final MemoryTableService tables;

    public MemoryTableResource(MemoryAccess access, MemoryTableService tables) {
        this.access = access;
        this.tables = tables;
    }

    @POST
    public Envelope<MemoryTableView> create(@PathParam("bot_id") String botId, JsonNode body) {
        return Envelope.ok(tables.create(access.manage(botId, null, null), body));
    }

    @GET
    public Envelope<Page<MemoryTableView>> list(@PathParam("bot_id") String botId) {
        return Envelope.ok(tables.list(access.manage(botId, null, null)));
    }

    @GET
    @Path("/{table_id}")
    public Envelope<MemoryTableView> get(@PathParam("bot_id") String botId, @PathParam("table_id") String tableId) {
        return Envelope.ok(tables.get(access.manage(botId, null, null), tableId));
    }

    @PUT
    @Path("/{table_id}")
    public Envelope<MemoryTableView> update(@PathParam("bot_id") String botId, @PathParam("table_id") String tableId,
                                            JsonNode body) {
        return Envelope.ok(tables.update(access.manage(botId, null, null), tableId, body));
    }

    @DELETE
    @Path("/{table_id}")
    @Consumes(MediaType.WILDCARD)
    public Envelope<Void> delete(@PathParam("bot_id") String botId, @PathParam("table_id") String tableId) {
        tables.delete(access.manage(botId, null, null), tableId);
        return Envelope.ok(null);
    }
}
