package dev.atrium.bot.coze;

import java.util.List;
import java.util.Map;

import dev.atrium.bot.MemoryErrors;
import dev.atrium.bot.service.MemoryAccess;
import dev.atrium.bot.service.MemoryScope;
import dev.atrium.bot.service.VariableService;
import dev.atrium.core.api.Envelope;
import dev.atrium.core.error.DomainException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Coze's {@code /v1/variables} (the SDKs' {@code variables.retrieve} and {@code variables.update}). SDK users
 * call with app API keys, so this takes the runtime rule: a member of the bot's workspace, or an app API key
 * bound to this bot. {@code app_id} is accepted as another name of {@code bot_id}.
 */
@Path("/v1/variables")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CozeVariableResource {

    public record Item(String keyword, String value, long createTime, long updateTime) {
    }

    public record Items(List<Item> items) {
    }

    public record SetRequest(String botId, String appId, String connectorId, String connectorUid,
                             List<VariableService.Assignment> data) {
    }

    private final MemoryAccess access;
    private final VariableService variables;

    public CozeVariableResource(MemoryAccess access, VariableService variables) {
        this.access = access;
        this.variables = variables;
    }

    @GET
    public Envelope<Items> get(@QueryParam("bot_id") String botId, @QueryParam("app_id") String appId,
                               @QueryParam("connector_id") String connectorId, @QueryParam("connector_uid") String connectorUid,
                               @QueryParam("keywords") List<String> keywords) {
        MemoryScope scope = access.runtime(botId(botId, appId), connectorUid, connectorId);
        List<Item> items = variables.list(scope, VariableService.keywords(keywords)).stream()
                .map(v -> new Item(v.keyword(), v.value(), v.createTime(), v.updateTime())).toList();
        return Envelope.ok(new Items(items));
    }

    @PUT
    public Envelope<Map<String, Object>> set(SetRequest request) {
        SetRequest r = request == null ? new SetRequest(null, null, null, null, null) : request;
        MemoryScope scope = access.runtime(botId(r.botId(), r.appId()), r.connectorUid(), r.connectorId());
        if (r.data() == null) {
            throw new DomainException(MemoryErrors.INVALID_REQUEST, "data is required: [{keyword, value}]");
        }
        variables.set(scope, r.data());
        return Envelope.ok(Map.of());
    }

    private static String botId(String botId, String appId) {
        boolean hasBot = botId != null && !botId.isBlank();
        boolean hasApp = appId != null && !appId.isBlank();
        if (!hasBot && !hasApp) {
            throw new DomainException(MemoryErrors.INVALID_REQUEST, "bot_id or app_id is required");
        }
        if (hasBot && hasApp && !botId.equals(appId)) {
            throw new DomainException(MemoryErrors.INVALID_REQUEST, "give bot_id or app_id, not two different ids");
        }
        return hasBot ? botId : appId;
    }
}
