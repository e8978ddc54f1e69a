package dev.atrium.bot;

import java.util.List;

/**
 * What a bot is, as edited in the draft and frozen in each version (JSON, snake_case). Every field may be
 * absent in a request; {@link dev.atrium.bot.service.BotValidator} fills defaults and checks ranges.
 */
public record BotDefinition(
        String name,
        String description,
        String iconUrl,
        String iconFileId,
        String mode,
        String systemPrompt,
        ModelSettings model,
        List<ModelRef> fallback,
        KnowledgeSettings knowledge,
        List<String> toolIds,
        List<String> workflowIds,
        List<VariableDef> variables,
        String openingStatement,
        List<String> suggestedQuestions,
        List<Shortcut> shortcutCommands,
        String platformType) {

    public static final String SINGLE_AGENT = "single_agent";
    public static final String WORKFLOW = "workflow";

    /** This definition without its system prompt (what an app client may see of a bot). */
    public BotDefinition withoutSystemPrompt() {
        return new BotDefinition(name, description, iconUrl, iconFileId, mode, "", model, fallback, knowledge, toolIds, workflowIds,
                variables, openingStatement, suggestedQuestions, shortcutCommands, platformType);
    }

    /** The model a bot talks to; {@code providerId} empty means the workspace's default provider. */
    public record ModelSettings(String providerId, String model, Double temperature, Double topP, Integer maxTokens,
                                Integer contextRounds, String responseFormat, Boolean thinking, Double presencePenalty,
                                Double frequencyPenalty) {
    }

    /** One step of the fallback chain, tried in order when the model before it fails before its first token. */
    public record ModelRef(String providerId, String model) {
    }

    public record KnowledgeSettings(List<String> datasetIds, String recallMode, Integer topK, Double minScore,
                                    String searchStrategy, Boolean showSource, String noRecallReply) {
    }

    /** A user variable: {@code type} text, enum (one of {@code options}) or paragraph. */
    public record VariableDef(String keyword, String type, List<String> options, String defaultValue, Boolean required,
                              String description) {
    }

    public record Shortcut(String id, String name, String command, String description, String prompt) {
    }
}
