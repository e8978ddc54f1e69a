package dev.atrium.conversation.engine;

import java.util.List;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;

/**
 * How a model stream ended: its text, reasoning, tool calls and usage, the model that produced it and how
 * many models of the chain failed first. {@code outcome} is not OK when it did not finish.
 */
public record StreamResult(Outcome outcome, String text, String reasoning, List<ToolExecutionRequest> toolCalls,
                           AiMessage aiMessage, int inputTokens, int outputTokens, String model, int fallbacks,
                           String error) {

    public enum Outcome { OK, FAILED, TIMEOUT, CANCELED }

    public boolean ok() {
        return outcome == Outcome.OK;
    }

    public boolean hasToolCalls() {
        return toolCalls != null && !toolCalls.isEmpty();
    }
}
