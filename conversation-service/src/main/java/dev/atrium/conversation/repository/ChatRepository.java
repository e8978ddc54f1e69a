package dev.atrium.conversation.repository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.atrium.conversation.Chat;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

@ApplicationScoped
public class ChatRepository implements PanacheRepositoryBase<Chat, Long> {

    public Optional<Chat> findInConversation(long chatId, long conversationId) {
        return find("id = ?1 and conversationId = ?2", chatId, conversationId).firstResultOptional();
    }

    public Optional<Chat> findForUpdate(long chatId) {
        return find("id", chatId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** Chats of a conversation that hold its "one running chat" slot or wait for tool outputs. */
    public List<Chat> open(long conversationId) {
        return list("conversationId = ?1 and status in ?2", conversationId,
                List.of(Chat.CREATED, Chat.IN_PROGRESS, Chat.REQUIRES_ACTION));
    }

    /** Of the given running chats, those someone asked to cancel (possibly through another replica). */
    public List<Long> cancelRequested(Collection<Long> ids) {
        return getEntityManager().createQuery(
                        "select c.id from Chat c where c.id in :ids and c.cancelRequested = true", Long.class)
                .setParameter("ids", ids).getResultList();
    }
}
