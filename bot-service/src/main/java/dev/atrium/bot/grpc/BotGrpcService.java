package dev.atrium.bot.grpc;

import dev.atrium.bot.Bot;
import dev.atrium.bot.BotDefinition;
import dev.atrium.bot.BotDefinition.KnowledgeSettings;
import dev.atrium.bot.BotDefinition.ModelSettings;
import dev.atrium.bot.service.ProviderService.Target;
import dev.atrium.bot.service.RuntimeService;
import dev.atrium.bot.service.VariableService;
import dev.atrium.bot.service.RuntimeService.Runtime;
import dev.atrium.proto.bot.v1.BotRuntime;
import dev.atrium.proto.bot.v1.BotService;
import dev.atrium.proto.bot.v1.BotSummary;
import dev.atrium.proto.bot.v1.GetBotRequest;
import dev.atrium.proto.bot.v1.GetBotRuntimeRequest;
import dev.atrium.proto.bot.v1.KnowledgeBinding;
import dev.atrium.proto.bot.v1.ModelConfig;
import dev.atrium.proto.bot.v1.ModelTarget;
import dev.atrium.proto.bot.v1.ResolveModelRequest;
import dev.atrium.proto.bot.v1.ResolvedModel;
import dev.atrium.proto.bot.v1.ShortcutCommand;
import dev.atrium.proto.bot.v1.TableInfo;
import dev.atrium.proto.bot.v1.VariableDefinition;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/**
 * {@code GetBotRuntime} for the chat engine, {@code GetBot} for ownership checks and {@code ResolveModel} for
 * conversations without a bot: proto ↔ services.
 */
@GrpcService
public class BotGrpcService implements BotService {

    private final RuntimeService runtimes;
    private final dev.atrium.bot.service.BotService bots;

    public BotGrpcService(RuntimeService runtimes, dev.atrium.bot.service.BotService bots) {
        this.runtimes = runtimes;
        this.bots = bots;
    }

    @Override
    @Blocking
    public Uni<BotSummary> getBot(GetBotRequest request) {
        return Uni.createFrom().item(() -> {
            Bot bot = bots.owned(request.getBotId());
            return BotSummary.newBuilder().setBotId(Long.toString(bot.id)).setWorkspaceId(Long.toString(bot.workspaceId))
                    .setOwnerId(Long.toString(bot.ownerId)).setName(bot.name).setLatestVersion(bot.latestVersion).build();
        });
    }

    @Override
    @Blocking
    public Uni<BotRuntime> getBotRuntime(GetBotRuntimeRequest request) {
        return Uni.createFrom().item(() -> toProto(runtimes.load(request.getBotId(), request.getVersion(), request.getDraft(),
                request.getUserId(), request.getConnectorId())));
    }

    /** No fallback chain: a conversation without a bot has no stored one to resolve. */
    @Override
    @Blocking
    public Uni<ResolvedModel> resolveModel(ResolveModelRequest request) {
        return Uni.createFrom().item(() -> ResolvedModel.newBuilder()
                .setTarget(target(runtimes.model(request.getWorkspaceId(), request.getProviderId(), request.getModel()))).build());
    }

    private static BotRuntime toProto(Runtime r) {
        BotDefinition d = r.loaded().definition();
        ModelSettings m = d.model();
        ModelConfig.Builder model = ModelConfig.newBuilder().setTarget(target(r.model()))
                .setContextRounds(m.contextRounds()).setResponseFormat(m.responseFormat()).setThinking(Boolean.TRUE.equals(m.thinking()));
        if (m.temperature() != null) {
            model.setTemperature(m.temperature());
        }
        if (m.topP() != null) {
            model.setTopP(m.topP());
        }
        if (m.maxTokens() != null) {
            model.setMaxTokens(m.maxTokens());
        }
        if (m.presencePenalty() != null) {
            model.setPresencePenalty(m.presencePenalty());
        }
        if (m.frequencyPenalty() != null) {
            model.setFrequencyPenalty(m.frequencyPenalty());
        }
        KnowledgeSettings k = d.knowledge();
        BotRuntime.Builder b = BotRuntime.newBuilder()
                .setBotId(Long.toString(r.loaded().bot().id))
                .setWorkspaceId(Long.toString(r.loaded().bot().workspaceId))
                .setOwnerId(Long.toString(r.loaded().bot().ownerId))
                .setName(d.name())
                .setVersion(r.loaded().version())
                .setDraft(r.loaded().version() == 0)
                .setMode(d.mode())
                .setSystemPromptTemplate(d.systemPrompt())
                .setSystemPrompt(r.systemPrompt())
                .putAllVariableValues(r.values())
                .setModel(model)
                .setKnowledge(KnowledgeBinding.newBuilder().addAllDatasetIds(k.datasetIds()).setRecallMode(k.recallMode())
                        .setTopK(k.topK()).setMinScore(k.minScore()).setSearchStrategy(k.searchStrategy())
                        .setShowSource(Boolean.TRUE.equals(k.showSource())).setNoRecallReply(k.noRecallReply()))
                .addAllToolIds(d.toolIds())
                .addAllWorkflowIds(d.workflowIds())
                .setOpeningStatement(d.openingStatement())
                .addAllSuggestedQuestions(d.suggestedQuestions())
                .setUpdatedAt(r.loaded().bot().updatedAt.getEpochSecond());
        r.fallback().forEach(t -> b.addFallback(target(t)));
        r.tables().forEach(t -> b.addTables(TableInfo.newBuilder().setTableId(Long.toString(t.id)).setName(t.name)
                .setDescription(t.description).setRwMode(t.rwMode).setFieldsJson(t.fields)));
        d.variables().forEach(v -> b.addVariables(VariableDefinition.newBuilder().setKeyword(v.keyword()).setType(v.type())
                .addAllOptions(v.options()).setDefaultValue(v.defaultValue()).setRequired(Boolean.TRUE.equals(v.required()))
                .setDescription(v.description())));
        for (String sys : VariableService.SYSTEM) {
            b.addVariables(VariableDefinition.newBuilder().setKeyword(sys).setType("text").setSystem(true));
        }
        d.shortcutCommands().forEach(s -> b.addShortcutCommands(ShortcutCommand.newBuilder().setId(s.id()).setName(s.name())
                .setCommand(s.command()).setDescription(s.description()).setPrompt(s.prompt())));
        return b.build();
    }

    private static ModelTarget target(Target t) {
        return ModelTarget.newBuilder().setProviderId(t.providerId()).setProviderType(t.type()).setBaseUrl(t.baseUrl())
                .setApiKey(t.apiKey()).setModel(t.model()).build();
    }
}
