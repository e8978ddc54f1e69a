package dev.atrium.conversation.engine;

import java.util.List;

import dev.atrium.proto.bot.v1.ModelTarget;

/** The models a chat may use (first the primary, then the fallback chain) and how to sample them. */
public record ModelParams(List<ModelTarget> chain, Double temperature, Double topP, Integer maxTokens,
                          Double presencePenalty, Double frequencyPenalty, boolean thinking, String responseFormat) {

    public ModelParams {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a chat needs at least one model");
        }
        chain = List.copyOf(chain);
    }

    public ModelTarget primary() {
        return chain.get(0);
    }
}
