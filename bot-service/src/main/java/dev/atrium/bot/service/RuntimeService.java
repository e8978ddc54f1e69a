package dev.atrium.bot.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.atrium.bot.BotDefinition;
import dev.atrium.bot.BotDefinition.ModelRef;
import dev.atrium.bot.BotDefinition.VariableDef;
import dev.atrium.bot.BotErrors;
import dev.atrium.bot.MemoryTable;
import dev.atrium.bot.repository.MemoryTableRepository;
import dev.atrium.bot.service.BotService.Loaded;
import dev.atrium.bot.service.ProviderService.Target;
import dev.atrium.core.text.PromptTemplate;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.id.Ids;
import dev.atrium.core.identity.Caller;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Everything the chat engine needs to run a bot, resolved: the definition of the requested version, the
 * prompt with the end user's variables filled in, and the model chain with provider credentials; and the
 * model of a conversation that has no bot.
 */
@ApplicationScoped
public class RuntimeService {

    /** A bot ready to run. {@code fallback} holds only entries that resolved; see {@link #chain}. */
    public record Runtime(Loaded loaded, String userId, String connectorId, Map<String, String> values, String systemPrompt,
                          Target model, List<Target> fallback, List<MemoryTable> tables) {
    }

    private final BotService bots;
    private final ProviderService providers;
    private final WorkspaceAccess access;
    private final VariableService variables;
    private final MemoryTableRepository tables;

    public RuntimeService(BotService bots, ProviderService providers, WorkspaceAccess access, VariableService variables,
                          MemoryTableRepository tables) {
        this.bots = bots;
        this.providers = providers;
        this.access = access;
        this.variables = variables;
        this.tables = tables;
    }

    public Runtime load(String botId, int version, boolean draft, String userId, String connectorId) {
        Caller caller = access.caller();
        Loaded loaded = bots.runtime(botId, version, draft);
        BotDefinition d = loaded.definition();
        String user = userId == null || userId.isBlank() ? Long.toString(caller.userId()) : userId;
        String connector = connectorId == null || connectorId.isBlank() ? MemoryAccess.API_CONNECTOR : connectorId;
        Map<String, String> values = values(loaded, d, user, connector);
        long workspaceId = loaded.bot().workspaceId;
        Target model = providers.resolve(workspaceId, d.model().providerId(), d.model().model());
        return new Runtime(loaded, user, connector, values, PromptTemplate.fill(d.systemPrompt(), values), model, chain(workspaceId, d.fallback()),
                tables.listFor(loaded.bot().id));
    }

    /**
     * The model endpoint for a conversation without a bot: a provider of the workspace (or the platform one),
     * for members only. An app API key's memberships hold only its own workspace, so it cannot reach others.
     * A workspace id that does not parse is as unknown as one the caller is not in.
     */
    public Target model(String workspaceId, String providerId, String model) {
        long ws = Ids.parse(workspaceId).orElseThrow(() -> new DomainException(BotErrors.WORKSPACE_NOT_FOUND));
        access.requireMember(ws, BotErrors.WORKSPACE_NOT_FOUND);
        return providers.resolve(ws, providerId, model);
    }

    /** Fallback entries whose provider is gone are skipped: a broken spare must not stop the main model. */
    private List<Target> chain(long workspaceId, List<ModelRef> refs) {
        List<Target> out = new ArrayList<>();
        for (ModelRef ref : refs) {
            try {
                out.add(providers.resolve(workspaceId, ref.providerId(), ref.model()));
            } catch (DomainException e) {
                if (!e.errorCode().equals(BotErrors.PROVIDER_NOT_FOUND) && !e.errorCode().equals(BotErrors.NO_MODEL)) {
                    throw e;
                }
            }
        }
        return out;
    }

    private Map<String, String> values(Loaded loaded, BotDefinition d, String user, String connector) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> stored = variables.of(loaded.bot().id, connector, user);
        for (VariableDef v : d.variables()) {
            values.put(v.keyword(), stored.getOrDefault(v.keyword(), v.defaultValue()));
        }
        values.putAll(VariableService.systemValues(loaded.bot().id, connector, user));
        return values;
    }
}
