package dev.atrium.bot.coze;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The shapes of Coze's bot API ({@code shared/reference/coze-open-api.md} §2.1), field for field, as the Java
 * SDK ({@code com.coze:coze-api}) and the Python SDK ({@code cozepy}) send and read them. Requests keep every
 * field optional: a field left out (or null) changes nothing, and fields not listed here are ignored.
 */
public final class CozeBotApi {

    private CozeBotApi() {
    }

    /** Body of {@code /v1/bot/create} and {@code /v1/bot/update}: create ignores {@code bot_id}, update ignores {@code space_id}. */
    public record BotRequest(String botId, String spaceId, String name, String description, String iconFileId,
                             PromptInfo promptInfo, OnboardingInfo onboardingInfo, PluginIdList pluginIdList,
                             WorkflowIdList workflowIdList, ModelInfoConfig modelInfoConfig, KnowledgeConfig knowledge) {
    }

    public record PromptInfo(String prompt) {
    }

    public record OnboardingInfo(String prologue, List<String> suggestedQuestions) {
    }

    public record PluginIdList(List<PluginIdInfo> idList) {
    }

    public record PluginIdInfo(String pluginId, String apiId) {
    }

    public record WorkflowIdList(List<WorkflowIdInfo> ids) {
    }

    public record WorkflowIdInfo(String id) {
    }

    /**
     * {@code response_format} is a number (0 text, 1 markdown, 2 json) from some clients and a name from the
     * SDKs, hence a tree. {@code top_k} is left out on purpose, so whatever a client sends there is ignored:
     * Atrium's model settings have no top-k.
     */
    public record ModelInfoConfig(String modelId, Double temperature, Double topP, Integer maxTokens,
                                  Integer contextRound, JsonNode responseFormat, Double presencePenalty,
                                  Double frequencyPenalty) {
    }

    /** {@code auto_call} true = recall on every turn, false = on demand; {@code search_strategy} 0, 1 or 20. */
    public record KnowledgeConfig(List<String> datasetIds, Boolean autoCall, Integer searchStrategy) {
    }

    /** Body of {@code /v1/bot/publish}. */
    public record PublishRequest(String botId, List<String> connectorIds) {
    }

    public record Created(String botId) {
    }

    public record Published(String botId, String version) {
    }

    /** The bot object of {@code get_online_info} and {@code GET /v1/bots/{bot_id}}; times in Unix seconds. */
    public record CozeBot(String botId, String name, String description, String iconUrl, long createTime, long updateTime,
                          String version, PromptInfo promptInfo, OnboardingInfo onboardingInfo, int botMode,
                          List<PluginInfo> pluginInfoList, ModelInfo modelInfo, Knowledge knowledge,
                          List<ShortcutCommand> shortcutCommands, List<WorkflowInfo> workflowInfoList,
                          List<Variable> variables) {
    }

    public record PluginInfo(String pluginId, String name, String description, String iconUrl, List<ApiInfo> apiInfoList) {
    }

    public record ApiInfo(String apiId, String name, String description) {
    }

    /** Parameters the bot leaves to the provider's defaults are absent rather than null. */
    public record ModelInfo(String modelId, String modelName, Double temperature, Double topP, Integer maxTokens,
                            int contextRound, String responseFormat, Double presencePenalty, Double frequencyPenalty) {
    }

    /** The union of the Java SDK's shape ({@code knowledge_infos}) and the Python SDK's (the other three). */
    public record Knowledge(List<KnowledgeInfo> knowledgeInfos, List<String> datasetIds, boolean autoCall,
                            int searchStrategy) {
    }

    public record KnowledgeInfo(String id, String name) {
    }

    public record ShortcutCommand(String id, String name, String command, String description, String queryTemplate) {
    }

    public record WorkflowInfo(String id, String name, String iconUrl, String description) {
    }

    /**
     * cozepy requires {@code variable_type}, {@code channel}, {@code enable} and {@code prompt_enable} on every
     * variable; Atrium's variables are all custom key-value variables usable in the prompt.
     */
    public record Variable(String keyword, String defaultValue, String description, String variableType, String channel,
                           boolean enable, boolean promptEnable) {
    }

    /** Data of {@code /v1/space/published_bots_list}; {@code publish_time} is a string there. */
    public record SpaceBotList(List<SpaceBot> spaceBots, long total) {
    }

    public record SpaceBot(String botId, String botName, String description, String iconUrl, String publishTime) {
    }

    /** Data of {@code GET /v1/bots}; {@code published_at} only for bots that have a published version. */
    public record BotList(List<BotListItem> items, long total) {
    }

    public record BotListItem(String id, String name, String description, String iconUrl, boolean isPublished,
                              long updatedAt, String ownerUserId, Long publishedAt) {
    }
}
