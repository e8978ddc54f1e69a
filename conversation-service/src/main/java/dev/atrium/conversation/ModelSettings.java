package dev.atrium.conversation;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atrium.conversation.mapping.Fields;

/**
 * How a conversation without a bot is answered: a provider of the workspace (empty: the workspace default,
 * then the platform provider), a model, and the generation settings given on the conversation itself.
 */
public record ModelSettings(String providerId, String model, String systemPrompt, Double temperature, Integer maxTokens,
                            Double topP, boolean thinkingEnabled) {

    public static ModelSettings parse(JsonNode body) {
        return new ModelSettings(
                Fields.id(body, "provider_id").map(String::valueOf).orElse(null),
                Fields.text(body, "model", 200).filter(s -> !s.isBlank()).orElse(null),
                Fields.text(body, "system_prompt", 20_000).orElse(null),
                Fields.number(body, "temperature", 0, 2).orElse(null),
                Fields.integer(body, "max_tokens", 1, 1_000_000).orElse(null),
                Fields.number(body, "top_p", 0, 1).orElse(null),
                Fields.bool(body, "thinking_enabled").orElse(false));
    }

    public static boolean given(JsonNode body) {
        for (String f : new String[] {"provider_id", "model", "system_prompt", "temperature", "max_tokens", "top_p", "thinking_enabled"}) {
            if (body.hasNonNull(f)) {
                return true;
            }
        }
        return false;
    }
}
