package dev.atrium.bot.mapping;

import java.util.List;
import java.util.Map;

/** A provider as the API shows it: the key only masked. */
public record ProviderView(String id, String workspaceId, String name, String type, String baseUrl, String apiKey,
                           boolean hasApiKey, List<String> models, String defaultModel, Map<String, Object> defaultParams,
                           boolean isDefault, boolean builtIn, Long createdAt, Long updatedAt) {
}
