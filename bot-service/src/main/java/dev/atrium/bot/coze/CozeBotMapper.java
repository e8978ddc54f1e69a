package dev.atrium.bot.coze;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.atrium.bot.Bot;
import dev.atrium.bot.BotDefinition;
import dev.atrium.bot.BotDefinition.KnowledgeSettings;
import dev.atrium.bot.BotDefinition.ModelSettings;
import dev.atrium.bot.BotErrors;
import dev.atrium.bot.coze.CozeBotApi.ApiInfo;
import dev.atrium.bot.coze.CozeBotApi.BotListItem;
import dev.atrium.bot.coze.CozeBotApi.BotRequest;
import dev.atrium.bot.coze.CozeBotApi.CozeBot;
import dev.atrium.bot.coze.CozeBotApi.Knowledge;
import dev.atrium.bot.coze.CozeBotApi.KnowledgeConfig;
import dev.atrium.bot.coze.CozeBotApi.KnowledgeInfo;
import dev.atrium.bot.coze.CozeBotApi.ModelInfo;
import dev.atrium.bot.coze.CozeBotApi.ModelInfoConfig;
import dev.atrium.bot.coze.CozeBotApi.OnboardingInfo;
import dev.atrium.bot.coze.CozeBotApi.PluginIdInfo;
import dev.atrium.bot.coze.CozeBotApi.PluginInfo;
import dev.atrium.bot.coze.CozeBotApi.PromptInfo;
import dev.atrium.bot.coze.CozeBotApi.ShortcutCommand;
import dev.atrium.bot.coze.CozeBotApi.SpaceBot;
import dev.atrium.bot.coze.CozeBotApi.Variable;
import dev.atrium.bot.coze.CozeBotApi.WorkflowIdInfo;
import dev.atrium.bot.coze.CozeBotApi.WorkflowInfo;
import dev.atrium.bot.mapping.BotView;
import dev.atrium.bot.service.BotService.Loaded;
import dev.atrium.core.error.DomainException;

/**
 * Coze bot shapes ↔ Atrium's {@link BotDefinition}. Requests become a partial native body (only the fields the
 * client sent), so {@link dev.atrium.bot.service.BotService} validates and merges them exactly as it does for
 * the native API. Tools, workflows and datasets are shown by id: their own services own names and icons.
 */
public final class CozeBotMapper {

    /** What the draft reports as its version; published versions count from 1. */
    static final String DRAFT_VERSION = "0";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CozeBotMapper() {
    }

    /** The native fields a create or update request sets; everything absent is left out so it stays as it was. */
    public static ObjectNode definition(BotRequest r) {
        ObjectNode out = JSON.objectNode();
        putText(out, "name", r.name());
        putText(out, "description", r.description());
        putText(out, "icon_file_id", r.iconFileId());
        if (r.promptInfo() != null) {
            putText(out, "system_prompt", r.promptInfo().prompt());
        }
        if (r.onboardingInfo() != null) {
            putText(out, "opening_statement", r.onboardingInfo().prologue());
            putList(out, "suggested_questions", r.onboardingInfo().suggestedQuestions());
        }
        if (r.pluginIdList() != null && r.pluginIdList().idList() != null) {
            putList(out, "tool_ids", r.pluginIdList().idList().stream().map(CozeBotMapper::toolId).toList());
        }
        if (r.workflowIdList() != null && r.workflowIdList().ids() != null) {
            putList(out, "workflow_ids", r.workflowIdList().ids().stream().map(CozeBotMapper::workflowId).toList());
        }
        if (r.modelInfoConfig() != null) {
            out.set("model", model(r.modelInfoConfig()));
        }
        if (r.knowledge() != null) {
            out.set("knowledge", knowledge(r.knowledge()));
        }
        return out;
    }

    /** The latest published version, as {@code get_online_info} shows it. */
    public static CozeBot published(Loaded loaded) {
        Bot bot = loaded.bot();
        return bot(Long.toString(bot.id), bot.createdAt.getEpochSecond(), bot.publishedAt.getEpochSecond(),
                Integer.toString(loaded.version()), loaded.definition());
    }

    /** The draft: version {@value #DRAFT_VERSION}, updated when the draft last changed. */
    public static CozeBot draft(BotView view) {
        return bot(view.id(), view.createdAt(), view.updatedAt(), DRAFT_VERSION, view.definition());
    }

    public static SpaceBot spaceBot(Loaded loaded) {
        BotDefinition d = loaded.definition();
        return new SpaceBot(Long.toString(loaded.bot().id), text(d.name()), text(d.description()), text(d.iconUrl()),
                Long.toString(loaded.bot().publishedAt.getEpochSecond()));
    }

    /** A published bot as its latest version shows it: updated when that version was published. */
    public static BotListItem listItem(Loaded loaded) {
        Bot bot = loaded.bot();
        BotDefinition d = loaded.definition();
        long published = bot.publishedAt.getEpochSecond();
        return new BotListItem(Long.toString(bot.id), text(d.name()), text(d.description()), text(d.iconUrl()), true,
                published, Long.toString(bot.ownerId), published);
    }

    /** A bot as its draft shows it. */
    public static BotListItem listItem(BotView view) {
        BotDefinition d = view.definition();
        return new BotListItem(view.id(), text(d.name()), text(d.description()), text(d.iconUrl()),
                view.latestVersion() > 0, view.updatedAt(), view.ownerId(), view.publishedAt());
    }

    private static CozeBot bot(String id, long created, long updated, String version, BotDefinition d) {
        List<PluginInfo> plugins = list(d.toolIds()).stream()
                .map(t -> new PluginInfo(t, t, "", "", List.of(new ApiInfo(t, t, "")))).toList();
        List<WorkflowInfo> workflows = list(d.workflowIds()).stream().map(w -> new WorkflowInfo(w, w, "", "")).toList();
        List<ShortcutCommand> shortcuts = list(d.shortcutCommands()).stream()
                .map(s -> new ShortcutCommand(text(s.id()), text(s.name()), text(s.command()), text(s.description()),
                        text(s.prompt()))).toList();
        List<Variable> variables = list(d.variables()).stream()
                .map(v -> new Variable(v.keyword(), text(v.defaultValue()), text(v.description()), "KVVariable", "custom",
                        true, true)).toList();
        return new CozeBot(id, text(d.name()), text(d.description()), text(d.iconUrl()), created, updated, version,
                new PromptInfo(text(d.systemPrompt())),
                new OnboardingInfo(text(d.openingStatement()), list(d.suggestedQuestions())),
                BotDefinition.WORKFLOW.equals(d.mode()) ? 2 : 0, plugins, modelInfo(d.model()), knowledge(d.knowledge()),
                shortcuts, workflows, variables);
    }

    private static ModelInfo modelInfo(ModelSettings m) {
        if (m == null) {
            return new ModelInfo("", "", null, null, null, 10, "text", null, null);
        }
        String model = text(m.model());
        return new ModelInfo(model, model, m.temperature(), m.topP(), m.maxTokens(),
                m.contextRounds() == null ? 10 : m.contextRounds(), m.responseFormat() == null ? "text" : m.responseFormat(),
                m.presencePenalty(), m.frequencyPenalty());
    }

    private static Knowledge knowledge(KnowledgeSettings k) {
        if (k == null) {
            return new Knowledge(List.of(), List.of(), true, searchStrategy("hybrid"));
        }
        List<String> datasets = list(k.datasetIds());
        return new Knowledge(datasets.stream().map(id -> new KnowledgeInfo(id, id)).toList(), datasets,
                !"on_demand".equals(k.recallMode()), searchStrategy(k.searchStrategy()));
    }

    private static ObjectNode model(ModelInfoConfig c) {
        ObjectNode model = JSON.objectNode();
        putText(model, "model", c.modelId());
        putNumber(model, "temperature", c.temperature());
        putNumber(model, "top_p", c.topP());
        putNumber(model, "max_tokens", c.maxTokens());
        putNumber(model, "context_rounds", c.contextRound());
        putText(model, "response_format", responseFormat(c.responseFormat()));
        putNumber(model, "presence_penalty", c.presencePenalty());
        putNumber(model, "frequency_penalty", c.frequencyPenalty());
        return model;
    }

    private static ObjectNode knowledge(KnowledgeConfig k) {
        ObjectNode knowledge = JSON.objectNode();
        putList(knowledge, "dataset_ids", k.datasetIds());
        if (k.autoCall() != null) {
            knowledge.put("recall_mode", k.autoCall() ? "auto" : "on_demand");
        }
        if (k.searchStrategy() != null) {
            knowledge.put("search_strategy", switch (k.searchStrategy()) {
                case 0 -> "semantic";
                case 1 -> "hybrid";
                case 20 -> "full_text";
                default -> throw invalid("knowledge.search_strategy must be 0 (semantic), 1 (hybrid) or 20 (full text)");
            });
        }
        return knowledge;
    }

    private static int searchStrategy(String strategy) {
        return switch (strategy == null ? "hybrid" : strategy) {
            case "semantic" -> 0;
            case "full_text" -> 20;
            default -> 1;
        };
    }

    /** 0/1/2 as a number or a string, or the format's name; null when the client sent none. */
    static String responseFormat(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        String v = value.isIntegralNumber() || value.isTextual() ? value.asText().strip().toLowerCase(Locale.ROOT) : "";
        return switch (v) {
            case "0", "text" -> "text";
            case "1", "markdown" -> "markdown";
            case "2", "json" -> "json";
            default -> throw invalid("model_info_config.response_format must be 0 (text), 1 (markdown) or 2 (json)");
        };
    }

    /** A plugin tool is bound by its api_id; a plugin sent without one stands for itself. */
    private static String toolId(PluginIdInfo p) {
        String id = p == null ? null : p.apiId() != null && !p.apiId().isBlank() ? p.apiId() : p.pluginId();
        if (id == null || id.isBlank()) {
            throw invalid("each plugin_id_list.id_list entry needs api_id or plugin_id");
        }
        return id;
    }

    private static String workflowId(WorkflowIdInfo w) {
        if (w == null || w.id() == null || w.id().isBlank()) {
            throw invalid("each workflow_id_list.ids entry needs an id");
        }
        return w.id();
    }

    private static void putText(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void putNumber(ObjectNode node, String field, Number value) {
        if (value instanceof Integer i) {
            node.put(field, i);
        } else if (value != null) {
            node.put(field, value.doubleValue());
        }
    }

    private static void putList(ObjectNode node, String field, List<String> values) {
        if (values != null) {
            ArrayNode array = node.putArray(field);
            values.forEach(array::add);
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }

    private static DomainException invalid(String message) {
        return new DomainException(BotErrors.INVALID_BOT, message);
    }
}
