package dev.atrium.conversation.repository;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.atrium.conversation.Message;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class MessageRepository implements PanacheRepositoryBase<Message, Long> {

    /** A page of history: ids strictly before / after a message, newest first unless {@code ascending}. */
    public record Cursor(Long beforeId, Long afterId, Long chatId, boolean ascending, int limit, int offset) {
    }

    public Optional<Message> findInConversation(long messageId, long conversationId) {
        return find("id = ?1 and conversationId = ?2", messageId, conversationId).firstResultOptional();
    }

    public List<Message> page(long conversationId, Cursor cursor) {
        StringBuilder q = new StringBuilder("conversationId = :c");
        Map<String, Object> params = new HashMap<>();
        params.put("c", conversationId);
        if (cursor.beforeId() != null) {
            q.append(" and id < :before");
            params.put("before", cursor.beforeId());
        }
        if (cursor.afterId() != null) {
            q.append(" and id > :after");
            params.put("after", cursor.afterId());
        }
        if (cursor.chatId() != null) {
            q.append(" and chatId = :chat");
            params.put("chat", cursor.chatId());
        }
        // paging after an id walks forward from it; everything else walks back from the newest
        boolean ascending = cursor.ascending() || cursor.afterId() != null && cursor.beforeId() == null;
        return find(q.toString(), ascending ? Sort.ascending("id") : Sort.descending("id"), params)
                .range(cursor.offset(), cursor.offset() + cursor.limit()).list();
    }

    public List<Message> ofChat(long chatId) {
        return list("chatId", Sort.ascending("id"), chatId);
    }

    /**
     * What the model may see of a section's earlier turns: questions and the answers in use, oldest first,
     * after {@code afterId} (the summary covers what came before).
     */
    public List<Message> context(long conversationId, long sectionId, long afterId) {
        return list("conversationId = ?1 and sectionId = ?2 and id > ?3 and type in ?4 and (inUse = true or type = ?5)",
                Sort.ascending("id"), conversationId, sectionId, afterId,
                List.of(Message.QUESTION, Message.ANSWER), Message.QUESTION);
    }

    /** Makes the given chat's answer (and its tool traffic) the one in use for a question; the others step back. */
    public void setInUse(long questionId, long chatId) {
        update("inUse = false where replyTo = ?1 and chatId <> ?2", questionId, chatId);
        update("inUse = true where replyTo = ?1 and chatId = ?2", questionId, chatId);
    }
}
