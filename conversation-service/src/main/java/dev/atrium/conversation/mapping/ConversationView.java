package dev.atrium.conversation.mapping;

import java.util.Map;

import dev.atrium.conversation.Conversation;

/**
 * A conversation, in the Coze shape ({@code id, created_at, meta_data, last_section_id} are required by its
 * SDKs) with Atrium's fields beside it.
 */
public record ConversationView(String id, String botId, String workspaceId, String name, String title, String userId,
                               String connectorId, Map<String, Object> metaData, Map<String, Object> variables,
                               Map<String, Object> modelConfig, String status, String lastSectionId, String creatorId,
                               long createdAt, long updatedAt, Long lastMessageAt) {

    public static ConversationView of(Conversation c) {
        return new ConversationView(Long.toString(c.id), c.botId == null ? null : Long.toString(c.botId),
                Long.toString(c.workspaceId), c.name, c.name, c.endUserId, c.connectorId, Json.map(c.metaData),
                Json.map(c.variables), c.modelConfig == null ? null : Json.map(c.modelConfig), c.status,
                Long.toString(c.sectionId), Long.toString(c.creatorId), c.createdAt.getEpochSecond(),
                c.updatedAt.getEpochSecond(), c.lastMessageAt == null ? null : c.lastMessageAt.getEpochSecond());
    }
}
