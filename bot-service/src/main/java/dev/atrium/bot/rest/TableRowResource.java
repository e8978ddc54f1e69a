package dev.atrium.bot.rest;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atrium.bot.BotErrors;
import dev.atrium.bot.mapping.TableRowView;
import dev.atrium.bot.service.MemoryAccess;
import dev.atrium.bot.service.TableRowService;
import dev.atrium.bot.service.TableRowService.FilterSpec;
import dev.atrium.bot.service.TableRowService.OrderSpec;
import dev.atrium.core.api.Envelope;
import dev.atrium.core.api.Page;
import dev.atrium.core.api.PageQuery;
import dev.atrium.core.error.CommonErrors;
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

/**
 * Rows of a memory table. Without {@code user_id} a workspace member administers the table (every row);
 * with it, the call acts as that end user and the table's rw_mode applies.
 */
@Path("/api/v1/bots/{bot_id}/tables/{table_id}/rows")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TableRowResource {

    public record InsertRequest(List<JsonNode> rows, String userId, String connectorId) {
    }

    public record QueryRequest(FilterSpec filter, List<OrderSpec> orderBy, Integer limit, Integer offset, String userId,
                               String connectorId) {
    }

    public record UpdateRequest(JsonNode data, String userId, String connectorId) {
    }

    public record BulkUpdateRequest(FilterSpec filter, JsonNode values, boolean all, String userId, String connectorId) {
    }

    public record BulkDeleteRequest(FilterSpec filter, boolean all, String userId, String connectorId) {
    }

    public record Affected(long affected) {
    }

    private final MemoryAccess access;
    private final TableRowService rows;

    public TableRowResource(MemoryAccess access, TableRowService rows) {
        this.access = access;
        this.rows = rows;
    }

    @POST
    public Envelope<List<TableRowView>> insert(@PathParam("bot_id") String botId, @PathParam("table_id") String tableId,
                                               InsertRequest request) {
        InsertRequest r = request == null ? new InsertRequest(null, null, null) : request;
        return Envelope.ok(rows.insert(access.manage(botId, r.userId(), r.connectorId()), tableId, r.rows()));
    }

    @POST
    @Path("/query")
    @Consumes(MediaType.WILDCARD)
    public Envelope<Page<TableRowView>> query(@PathParam("bot_id") String botId, @PathParam("table_id") String tableId,
                                              QueryRequest request) {
        QueryRequest r = request == null ? new QueryRequest(null, null, null, null, null, null) : request;
        return Envelope.ok(rows.query(access.manage(botId, r.userId(), r.connectorId()), tableId, r.filter(), r.orderBy(),
                r.limit(), r.offset()));
    }

    @GET
    public Envelope<Page<TableRowView>> list(@PathParam("bot_id") String botId, @PathParam("table_id") String tableId,
                                             @QueryParam("limit") String limit, @QueryParam("offset") String offset,
                                             @QueryParam("user_id") String userId, @QueryParam("connector_id") String connectorId) {
        // read as strings: a non-number must be a 400, and JAX-RS answers a failed Integer conversion with 404
        PageQuery page = PageQuery.parse(limit, offset, new CommonErrors(BotErrors.MEMORY));
        return Envelope.ok(rows.query(access.manage(botId, userId, connectorId), tableId, null, null, page.limit(), page.offset()));
    }

    @PUT
    @Path("/{row_id}")
    public Envelope<TableRowView> update(@PathParam("bot_id") String botId, @PathParam("table_id") String tableId,
                                         @PathParam("row_id") String rowId, UpdateRequest request) {
        UpdateRequest r = request == null ? new UpdateRequest(null, null, null) : request;
        return Envelope.ok(rows.update(access.manage(botId, r.userId(), r.connectorId()), tableId, rowId, r.data()));
    }

    @DELETE
    @Path("/{row_id}")
    @Consumes(MediaType.WILDCARD)
    public Envelope<Void> delete(@PathParam("bot_id") String botId, @PathParam("table_id") String tableId,
                                 @PathParam("row_id") String rowId, @QueryParam("user_id") String userId,
                                 @QueryParam("connector_id") String connectorId) {
        rows.delete(access.manage(botId, userId, connectorId), tableId, rowId);
        return Envelope.ok(null);
    }

    @POST
    @Path("/update")
    public Envelope<Affected> updateWhere(@PathParam("bot_id") String botId, @PathParam("table_id") String tableId,
                                          BulkUpdateRequest request) {
        BulkUpdateRequest r = request == null ? new BulkUpdateRequest(null, null, false, null, null) : request;
        return Envelope.ok(new Affected(rows.updateWhere(access.manage(botId, r.userId(), r.connectorId()), tableId, r.filter(),
                r.all(), r.values())));
    }

    @POST
    @Path("/delete")
    public Envelope<Affected> deleteWhere(@PathParam("bot_id") String botId, @PathParam("table_id") String tableId,
                                          BulkDeleteRequest request) {
        BulkDeleteRequest r = request == null ? new BulkDeleteRequest(null, false, null, null) : request;
        return Envelope.ok(new Affected(rows.deleteWhere(access.manage(botId, r.userId(), r.connectorId()), tableId,
                r.filter(), r.all())));
    }
}
