package dev.atrium.conversation.engine;

import java.util.ArrayList;
import java.util.List;

import dev.atrium.conversation.ConversationErrors;
import dev.atrium.core.error.DomainException;
import dev.atrium.proto.bot.v1.BotRuntime;
import dev.atrium.proto.bot.v1.ModelConfig;
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

    /**
     * What a bot runs on: its model (when bot-service resolved one), then its fallback chain, sampled as the
     * bot says. A bot without any model is a 400 ({@link ConversationErrors#NO_MODEL}).
     */
    public static ModelParams of(BotRuntime runtime) {
        ModelConfig m = runtime.getModel();
        List<ModelTarget> chain = new ArrayList<>();
        if (m.hasTarget() && !m.getTarget().getBaseUrl().isEmpty()) {
            chain.add(m.getTarget());
        }
        chain.addAll(runtime.getFallbackList());
        if (chain.isEmpty()) {
            throw new DomainException(ConversationErrors.NO_MODEL);
        }
        return new ModelParams(chain, m.hasTemperature() ? m.getTemperature() : null,
                m.hasTopP() ? m.getTopP() : null, m.hasMaxTokens() ? m.getMaxTokens() : null,
                m.hasPresencePenalty() ? m.getPresencePenalty() : null,
                m.hasFrequencyPenalty() ? m.getFrequencyPenalty() : null, m.getThinking(), m.getResponseFormat());
    }

    public ModelTarget primary() {
        return chain.get(0);
    }
}
