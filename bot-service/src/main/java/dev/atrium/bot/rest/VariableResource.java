package dev.atrium.bot.rest;

import java.util.List;

import dev.atrium.bot.MemoryErrors;
import dev.atrium.bot.mapping.VariableView;
import dev.atrium.bot.service.MemoryAccess;
import dev.atrium.bot.service.VariableService;
import dev.atrium.core.api.Envelope;
import dev.atrium.core.error.DomainException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Variable values of a bot's end users (management API; {@code user_id} defaults to the caller). */
@Path("/api/v1/bots/{bot_id}/variables")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class VariableResource {

    public record SetRequest(String connectorId, String userId, List<VariableService.Assignment> data) {
    }

    private final MemoryAccess access;
    private final VariableService variables;

    public VariableResource(MemoryAccess access, VariableService variables) {
        this.access = access;
        this.variables = variables;
    }

    @GET
    public Envelope<List<VariableView>> list(@PathParam("bot_id") String botId, @QueryParam("connector_id") String connectorId,
                                             @QueryParam("user_id") String userId, @QueryParam("keywords") List<String> keywords) {
        return Envelope.ok(variables.list(access.manage(botId, userId, connectorId), VariableService.keywords(keywords)));
    }

    @PUT
    public Envelope<List<VariableView>> set(@PathParam("bot_id") String botId, SetRequest request) {
        SetRequest r = request == null ? new SetRequest(null, null, null) : request;
        var scope = access.manage(botId, r.userId(), r.connectorId());
        if (r.data() == null) {
            throw new DomainException(MemoryErrors.INVALID_REQUEST, "data is required: [{keyword, value}]");
        }
        return Envelope.ok(variables.set(scope, r.data()));
    }

    /** Forgets the end user's values; they see the defaults again. */
    @DELETE
    @Consumes(MediaType.WILDCARD)
    public Envelope<List<VariableView>> reset(@PathParam("bot_id") String botId, @QueryParam("connector_id") String connectorId,
                                              @QueryParam("user_id") String userId) {
        return Envelope.ok(variables.reset(access.manage(botId, userId, connectorId)));
    }
}
