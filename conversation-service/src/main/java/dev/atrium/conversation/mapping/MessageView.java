package dev.atrium.conversation.mapping;

import java.util.Map;

import dev.atrium.conversation.Message;

/**
 * A message in the Coze shape ({@code role, content, content_type} never null) plus Atrium's fields:
 * reasoning, usage, latency, the question an answer replies to and whether it is the answer in use.
 */
public record MessageView(String id, String conversationId, String botId, String chatId, String sectionId, String role,
                          String type, String content, String contentType, Map<String, Object> metaData,
                          String reasoningContent, String replyTo, Boolean inUse, Usage usage, Long latencyMs,
                          long createdAt, long updatedAt) {

    public record Usage(int inputTokens, int outputTokens, int tokenCount) {
    }

    public static MessageView of(Message m) {
        boolean answer = Message.ANSWER.equals(m.type);
        return new MessageView(Long.toString(m.id), Long.toString(m.conversationId), str(m.botId), str(m.chatId),
                Long.toString(m.sectionId), m.role, m.type, m.content == null ? "" : m.content,
                m.contentType, Json.map(m.metaData), m.reasoningContent == null || m.reasoningContent.isEmpty() ? null : m.reasoningContent,
                str(m.replyTo), answer ? m.inUse : null,
                answer ? new Usage(m.inputTokens, m.outputTokens, m.inputTokens + m.outputTokens) : null,
                answer ? m.latencyMs : null, m.createdAt.getEpochSecond(), m.updatedAt.getEpochSecond());
    }

    public static String str(Long id) {
        return id == null ? null : Long.toString(id);
    }
}
