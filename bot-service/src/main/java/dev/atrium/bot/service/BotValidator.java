package dev.atrium.bot.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.atrium.bot.BotDefinition;
import dev.atrium.bot.BotDefinition.KnowledgeSettings;
import dev.atrium.bot.BotDefinition.ModelRef;
import dev.atrium.bot.BotDefinition.ModelSettings;
import dev.atrium.bot.BotDefinition.Shortcut;
import dev.atrium.bot.BotDefinition.VariableDef;
import dev.atrium.bot.BotErrors;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.error.ErrorCode;
import dev.atrium.core.id.Ids;
import dev.atrium.core.text.PromptTemplate;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns what clients send into a valid {@link BotDefinition}: accepts the field names of the seeds
 * ({@code llm_config}, {@code avatar_url}, {@code knowledge_base_ids}, {@code plugins}, {@code prompt}), merges a
 * partial update onto the draft, fills defaults and checks every range. Errors name the field.
 */
@ApplicationScoped
public class BotValidator {

    private static final Pattern KEYWORD = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,49}");
    private static final Pattern COMMAND = Pattern.compile("/[A-Za-z0-9_-]{1,32}");
    private static final Pattern PLATFORM = Pattern.compile("[a-z][a-z0-9_]{1,31}");
    private static final Set<String> RESPONSE_FORMATS = Set.of("text", "markdown", "json");
    private static final Set<String> RECALL = Set.of("auto", "on_demand");
    private static final Set<String> STRATEGIES = Set.of("semantic", "full_text", "hybrid");
    private static final Set<String> VARIABLE_TYPES = Set.of("text", "enum", "paragraph");

    private final ObjectMapper mapper;

    public BotValidator(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The canonical form of a request body: aliases renamed, {@code llm_config} split into {@code model} and
     * {@code system_prompt}. {@code llm_config.provider}/{@code api_key}/{@code base_url} are left in
     * {@code inline_provider} for the service to resolve.
     */
    public ObjectNode canonical(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw invalid(BotErrors.INVALID_BOT, "the body must be a JSON object");
        }
        ObjectNode in = ((ObjectNode) body).deepCopy();
        in.remove("inline_provider");
        ObjectNode out = mapper.createObjectNode();
        requireObject(in, "model", true);
        requireObject(in, "model_config", true);
        requireObject(in, "knowledge", false);
        requireObject(in, "llm_config", false);
        rename(in, "avatar_url", "icon_url");
        rename(in, "prompt", "system_prompt");
        rename(in, "model_config", "model");
        rename(in, "knowledge_base_ids", null);
        rename(in, "plugins", "tool_ids");
        rename(in, "workflows", "workflow_ids");
        rename(in, "prologue", "opening_statement");
        if (in.has("avatar")) {
            String avatar = in.remove("avatar").asText("");
            out.put(avatar.startsWith("http://") || avatar.startsWith("https://") ? "icon_url" : "icon_file_id", avatar);
        }
        if (in.has("bot_mode")) {
            JsonNode botMode = in.remove("bot_mode");
            if (!botMode.isIntegralNumber() || botMode.asInt() < 0 || botMode.asInt() > 2) {
                throw invalid(BotErrors.INVALID_BOT, "bot_mode must be 0, 1 or 2");
            }
            out.put("mode", botMode.asInt() == 2 ? BotDefinition.WORKFLOW : BotDefinition.SINGLE_AGENT);
        }
        if (body.has("knowledge_base_ids")) {
            ObjectNode knowledge = in.has("knowledge") && in.get("knowledge").isObject()
                    ? (ObjectNode) in.get("knowledge") : in.putObject("knowledge");
            knowledge.set("dataset_ids", body.get("knowledge_base_ids"));
        }
        if (in.has("model") && in.get("model").isTextual()) {
            String model = in.get("model").asText();
            in.putObject("model").put("model", model);
        }
        if (in.has("llm_config")) {
            JsonNode llm = in.remove("llm_config");
            if (!llm.isObject()) {
                throw invalid(BotErrors.INVALID_BOT, "llm_config must be an object");
            }
            ObjectNode model = in.has("model") && in.get("model").isObject() ? (ObjectNode) in.get("model") : in.putObject("model");
            for (Iterator<Map.Entry<String, JsonNode>> it = llm.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                switch (e.getKey()) {
                    case "system_prompt" -> in.set("system_prompt", e.getValue());
                    case "provider", "api_key", "base_url" -> {
                        ObjectNode inline = in.has("inline_provider") ? (ObjectNode) in.get("inline_provider") : in.putObject("inline_provider");
                        inline.set(e.getKey(), e.getValue());
                    }
                    case "provider_id" -> model.set("provider_id", e.getValue());
                    default -> model.set(e.getKey(), e.getValue());
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = in.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.set(e.getKey(), e.getValue());
        }
        out.remove("platform_config");
        return out;
    }

    /** {@code patch} merged onto {@code base}: objects recursively, anything else replaced, null removes. */
    public ObjectNode merge(ObjectNode base, ObjectNode patch) {
        ObjectNode result = base.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = e.getValue();
            if (value.isNull()) {
                result.remove(e.getKey());
            } else if (value.isObject() && result.path(e.getKey()).isObject()) {
                result.set(e.getKey(), merge((ObjectNode) result.get(e.getKey()), (ObjectNode) value));
            } else {
                result.set(e.getKey(), value);
            }
        }
        return result;
    }

    /** The definition with every default filled and every range checked. */
    public BotDefinition validate(ObjectNode json) {
        ObjectNode known = json.deepCopy();
        known.remove("inline_provider");
        BotDefinition d;
        try {
            d = mapper.treeToValue(known, BotDefinition.class);
        } catch (JsonProcessingException e) {
            throw invalid(BotErrors.INVALID_BOT, "a field has the wrong type: " + e.getOriginalMessage());
        }
        String name = text(d.name(), "name", 1, 100, null);
        if (name == null) {
            throw invalid(BotErrors.INVALID_BOT, "name is required");
        }
        String iconUrl = text(d.iconUrl(), "icon_url", 0, 2048, "");
        if (!iconUrl.isEmpty() && !iconUrl.startsWith("http://") && !iconUrl.startsWith("https://")) {
            throw invalid(BotErrors.INVALID_BOT, "icon_url must be an http(s) URL");
        }
        String mode = d.mode() == null ? BotDefinition.SINGLE_AGENT : d.mode();
        if (!mode.equals(BotDefinition.SINGLE_AGENT) && !mode.equals(BotDefinition.WORKFLOW)) {
            throw invalid(BotErrors.INVALID_BOT, "mode must be single_agent or workflow");
        }
        String prompt = d.systemPrompt() == null ? "" : d.systemPrompt();
        if (prompt.length() > 20_000) {
            throw invalid(BotErrors.INVALID_PROMPT, "system_prompt is longer than 20000 characters");
        }
        String platformType = d.platformType() == null ? "web" : d.platformType();
        if (!PLATFORM.matcher(platformType).matches()) {
            throw invalid(BotErrors.INVALID_CHANNEL, "platform_type must be a lower-case name such as web, api, feishu");
        }
        List<VariableDef> variables = variables(d.variables());
        return new BotDefinition(name, text(d.description(), "description", 0, 2000, ""), iconUrl,
                text(d.iconFileId(), "icon_file_id", 0, 64, ""), mode, prompt, model(d.model()), fallback(d.fallback()),
                knowledge(d.knowledge()), ids(d.toolIds(), "tool_ids"), ids(d.workflowIds(), "workflow_ids"), variables,
                text(d.openingStatement(), "opening_statement", 0, 2000, ""), questions(d.suggestedQuestions()),
                shortcuts(d.shortcutCommands()), platformType);
    }

    /** Placeholder names used in a prompt, in order of appearance. */
    public static Set<String> placeholders(String prompt) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PromptTemplate.PLACEHOLDER.matcher(prompt);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private ModelSettings model(ModelSettings m) {
        if (m == null) {
            return new ModelSettings(null, null, null, null, null, 10, "text", false, null, null);
        }
        String providerId = blankToNull(m.providerId());
        String model = text(m.model(), "model.model", 0, 200, null);
        range(m.temperature(), "model.temperature", 0, 2);
        range(m.topP(), "model.top_p", 0, 1);
        range(m.maxTokens(), "model.max_tokens", 1, 1_000_000);
        range(m.presencePenalty(), "model.presence_penalty", -2, 2);
        range(m.frequencyPenalty(), "model.frequency_penalty", -2, 2);
        int rounds = m.contextRounds() == null ? 10 : m.contextRounds();
        range(rounds, "model.context_rounds", 0, 100);
        String format = m.responseFormat() == null ? "text" : m.responseFormat();
        if (!RESPONSE_FORMATS.contains(format)) {
            throw invalid(BotErrors.INVALID_BOT, "model.response_format must be text, markdown or json");
        }
        return new ModelSettings(providerId, blankToNull(model), m.temperature(), m.topP(), m.maxTokens(), rounds, format,
                Boolean.TRUE.equals(m.thinking()), m.presencePenalty(), m.frequencyPenalty());
    }

    private List<ModelRef> fallback(List<ModelRef> chain) {
        if (chain == null) {
            return List.of();
        }
        if (chain.size() > 5) {
            throw invalid(BotErrors.INVALID_BOT, "fallback holds at most 5 models");
        }
        List<ModelRef> out = new ArrayList<>();
        for (ModelRef ref : chain) {
            if (ref == null || (blankToNull(ref.providerId()) == null && blankToNull(ref.model()) == null)) {
                throw invalid(BotErrors.INVALID_BOT, "each fallback entry needs provider_id or model");
            }
            out.add(new ModelRef(blankToNull(ref.providerId()), text(ref.model(), "fallback.model", 0, 200, null)));
        }
        return out;
    }

    private KnowledgeSettings knowledge(KnowledgeSettings k) {
        if (k == null) {
            return new KnowledgeSettings(List.of(), "auto", 3, 0.5, "hybrid", false, "");
        }
        List<String> datasets = ids(k.datasetIds(), "knowledge.dataset_ids");
        if (datasets.size() > 20) {
            throw invalid(BotErrors.INVALID_BOT, "knowledge.dataset_ids holds at most 20 ids");
        }
        String recall = k.recallMode() == null ? "auto" : k.recallMode();
        if (!RECALL.contains(recall)) {
            throw invalid(BotErrors.INVALID_BOT, "knowledge.recall_mode must be auto or on_demand");
        }
        int topK = k.topK() == null ? 3 : k.topK();
        range(topK, "knowledge.top_k", 1, 20);
        double minScore = k.minScore() == null ? 0.5 : k.minScore();
        range(minScore, "knowledge.min_score", 0, 1);
        String strategy = k.searchStrategy() == null ? "hybrid" : k.searchStrategy();
        if (!STRATEGIES.contains(strategy)) {
            throw invalid(BotErrors.INVALID_BOT, "knowledge.search_strategy must be semantic, full_text or hybrid");
        }
        return new KnowledgeSettings(datasets, recall, topK, minScore, strategy, Boolean.TRUE.equals(k.showSource()),
                text(k.noRecallReply(), "knowledge.no_recall_reply", 0, 1000, ""));
    }

    private List<VariableDef> variables(List<VariableDef> defs) {
        if (defs == null) {
            return List.of();
        }
        if (defs.size() > 50) {
            throw invalid(BotErrors.INVALID_BOT, "a bot has at most 50 variables");
        }
        Set<String> seen = new HashSet<>();
        List<VariableDef> out = new ArrayList<>();
        for (VariableDef v : defs) {
            if (v == null || v.keyword() == null || !KEYWORD.matcher(v.keyword()).matches()) {
                throw invalid(BotErrors.INVALID_BOT, "variable keywords are 1-50 letters, digits or _ and start with a letter");
            }
            if (v.keyword().startsWith("sys_")) {
                throw invalid(BotErrors.INVALID_BOT, "variable " + v.keyword() + ": the sys_ prefix is reserved for system variables");
            }
            if (!seen.add(v.keyword())) {
                throw invalid(BotErrors.INVALID_BOT, "variable " + v.keyword() + " is defined twice");
            }
            String type = v.type() == null ? "text" : v.type().toLowerCase();
            if (!VARIABLE_TYPES.contains(type)) {
                throw invalid(BotErrors.INVALID_BOT, "variable " + v.keyword() + ": type must be text, enum or paragraph");
            }
            List<String> options = v.options() == null ? List.of() : v.options();
            if (type.equals("enum")) {
                if (options.isEmpty() || options.size() > 50 || options.stream().anyMatch(o -> o == null || o.isBlank() || o.length() > 200)
                        || new HashSet<>(options).size() != options.size()) {
                    throw invalid(BotErrors.INVALID_BOT, "variable " + v.keyword() + ": an enum needs 1-50 distinct non-empty options");
                }
            } else {
                options = List.of();
            }
            String def = text(v.defaultValue(), "variable " + v.keyword() + " default_value", 0, type.equals("paragraph") ? 10_000 : 2000, "");
            if (type.equals("enum") && !def.isEmpty() && !options.contains(def)) {
                throw invalid(BotErrors.INVALID_BOT, "variable " + v.keyword() + ": default_value must be one of the options");
            }
            out.add(new VariableDef(v.keyword(), type, List.copyOf(options), def, Boolean.TRUE.equals(v.required()),
                    text(v.description(), "variable description", 0, 500, "")));
        }
        return out;
    }

    private List<String> questions(List<String> questions) {
        if (questions == null) {
            return List.of();
        }
        if (questions.size() > 10 || questions.stream().anyMatch(q -> q == null || q.isBlank() || q.length() > 500)) {
            throw invalid(BotErrors.INVALID_BOT, "suggested_questions holds at most 10 non-empty questions of up to 500 characters");
        }
        return questions.stream().map(String::strip).toList();
    }

    private List<Shortcut> shortcuts(List<Shortcut> shortcuts) {
        if (shortcuts == null) {
            return List.of();
        }
        if (shortcuts.size() > 20) {
            throw invalid(BotErrors.INVALID_SHORTCUT, "a bot has at most 20 shortcut commands");
        }
        Set<String> commands = new HashSet<>();
        List<Shortcut> out = new ArrayList<>();
        for (Shortcut s : shortcuts) {
            if (s == null || s.command() == null || !COMMAND.matcher(s.command()).matches()) {
                throw invalid(BotErrors.INVALID_SHORTCUT, "a shortcut command is / followed by 1-32 letters, digits, _ or -");
            }
            if (!commands.add(s.command().toLowerCase())) {
                throw invalid(BotErrors.INVALID_SHORTCUT, "shortcut " + s.command() + " is defined twice");
            }
            String name = s.name() == null || s.name().isBlank() ? s.command().substring(1) : s.name().strip();
            if (name.length() > 50) {
                throw invalid(BotErrors.INVALID_SHORTCUT, "a shortcut name has at most 50 characters");
            }
            String prompt = s.prompt() == null ? "" : s.prompt();
            if (prompt.length() > 2000 || (s.description() != null && s.description().length() > 500)) {
                throw invalid(BotErrors.INVALID_SHORTCUT, "shortcut " + s.command() + ": prompt up to 2000, description up to 500 characters");
            }
            out.add(new Shortcut(s.id() == null || s.id().isBlank() ? Ids.nextString() : s.id(), name, s.command(),
                    s.description() == null ? "" : s.description(), prompt));
        }
        return out;
    }

    private static List<String> ids(List<String> ids, String field) {
        if (ids == null) {
            return List.of();
        }
        if (ids.size() > 50 || ids.stream().anyMatch(i -> i == null || i.isBlank() || i.length() > 64)) {
            throw invalid(BotErrors.INVALID_BOT, field + " holds at most 50 non-empty ids");
        }
        return List.copyOf(new LinkedHashSet<>(ids.stream().map(String::strip).toList()));
    }

    private static String text(String value, String field, int min, int max, String absent) {
        if (value == null) {
            return absent;
        }
        String v = value.strip();
        if (v.length() < min || v.length() > max) {
            throw invalid(BotErrors.INVALID_BOT, field + " must have " + min + "-" + max + " characters");
        }
        return v;
    }

    private static void range(Number n, String field, double min, double max) {
        if (n != null && (n.doubleValue() < min || n.doubleValue() > max || Double.isNaN(n.doubleValue()))) {
            throw invalid(BotErrors.INVALID_BOT, field + " must be between " + fmt(min) + " and " + fmt(max));
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** A nested setting must be an object (or null to reset it; {@code model} may also be a model name). */
    private static void requireObject(ObjectNode node, String field, boolean textAllowed) {
        JsonNode v = node.get(field);
        if (v != null && !v.isNull() && !v.isObject() && !(textAllowed && v.isTextual())) {
            throw invalid(BotErrors.INVALID_BOT, field + " must be an object");
        }
    }

    private static void rename(ObjectNode node, String from, String to) {
        if (node.has(from)) {
            JsonNode value = node.remove(from);
            if (to != null && !node.has(to)) {
                node.set(to, value);
            }
        }
    }

    static DomainException invalid(ErrorCode code, String message) {
        return new DomainException(code, message);
    }
}
