package dev.atrium.conversation.mapping;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atrium.conversation.Chat;
import dev.atrium.conversation.ConversationErrors;

/** A chat in the Coze v3 shape: {@code last_error} always present, usage with both naming styles. */
public record ChatView(String id, String conversationId, String botId, String sectionId, String status,
                       long createdAt, Long completedAt, Long failedAt, Map<String, Object> metaData, Error lastError,
                       JsonNode requiredAction, Usage usage, Long latencyMs, String model) {

    public record Error(int code, String msg) {
    }

    public record Usage(int tokenCount, int outputCount, int inputCount, int inputTokens, int outputTokens) {
        public static Usage of(int input, int output) {
            return new Usage(input + output, output, input, input, output);
        }
    }

    /**
     * A canceled chat as its stream reports it: Coze's stream has no "canceled" event, so it ends as
     * {@code conversation.chat.failed} with status {@code canceled} and the cancel code in {@code last_error}.
     */
    public static ChatView canceled(Chat c) {
        ChatView v = of(c, Chat.CANCELED);
        return new ChatView(v.id(), v.conversationId(), v.botId(), v.sectionId(), Chat.CANCELED, v.createdAt(),
                v.completedAt(), v.failedAt(), v.metaData(),
                new Error(ConversationErrors.CHAT_CANCELED.code(), ConversationErrors.CHAT_CANCELED.message()),
                null, v.usage(), v.latencyMs(), v.model());
    }

    public static ChatView of(Chat c) {
        return of(c, c.status);
    }

    /** The chat as it looked in a given state (the stream reports {@code created} before it runs). */
    public static ChatView of(Chat c, String status) {
        boolean terminal = Chat.TERMINAL.contains(status);
        return new ChatView(Long.toString(c.id), Long.toString(c.conversationId), MessageView.str(c.botId),
                Long.toString(c.sectionId), status, c.createdAt.getEpochSecond(),
                c.completedAt == null ? null : c.completedAt.getEpochSecond(),
                c.failedAt == null ? null : c.failedAt.getEpochSecond(), Json.map(c.metaData),
                new Error(c.lastErrorCode, c.lastErrorMsg == null ? "" : c.lastErrorMsg),
                Chat.REQUIRES_ACTION.equals(status) && c.requiredAction != null ? Json.tree(c.requiredAction) : null,
                terminal || Chat.REQUIRES_ACTION.equals(status) ? Usage.of(c.inputTokens, c.outputTokens) : null,
                terminal ? c.latencyMs : null, c.model);
    }
}
