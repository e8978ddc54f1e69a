package dev.atrium.conversation.engine;

import java.util.List;

import dev.atrium.conversation.service.MessageService.NewMessage;
import dev.atrium.proto.bot.v1.KnowledgeBinding;
import dev.langchain4j.agent.tool.ToolSpecification;

/**
 * Everything the engine needs to run one chat, gathered on the request thread (where the caller is known)
 * so the engine itself never needs request context. {@code token} is the caller's JWT for the calls the
 * engine makes on their behalf (knowledge, tools). {@code questionId} is null when history is not saved;
 * then {@code unsaved} holds the request's messages.
 */
public record ChatJob(long chatId, long conversationId, long workspaceId, Long botId, long sectionId, String endUserId,
                      String connectorId, Long questionId, List<NewMessage> unsaved, String token, String systemPrompt,
                      ModelParams model, int contextRounds, KnowledgeBinding knowledge, List<String> toolIds,
                      List<ToolSpecification> clientTools, boolean resume, boolean autoSave,
                      boolean suggestFollowUps) {

    public boolean hasKnowledge() {
        return knowledge != null && knowledge.getDatasetIdsCount() > 0;
    }

    public boolean knowledgeOnDemand() {
        return hasKnowledge() && "on_demand".equals(knowledge.getRecallMode());
    }
}
