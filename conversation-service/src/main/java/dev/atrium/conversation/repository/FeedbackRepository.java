package dev.atrium.conversation.repository;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.atrium.conversation.MessageFeedback;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class FeedbackRepository implements PanacheRepositoryBase<MessageFeedback, MessageFeedback.Key> {

    public Optional<MessageFeedback> of(long messageId, long userId) {
        return find("messageId = ?1 and userId = ?2", messageId, userId).firstResultOptional();
    }

    /** Likes and dislikes of a bot's answers: kind → count. */
    public Map<String, Long> countsForBot(long botId) {
        return getEntityManager().createQuery(
                        "select f.kind, count(f) from MessageFeedback f where f.botId = :bot group by f.kind", Object[].class)
                .setParameter("bot", botId).getResultStream()
                .collect(Collectors.toMap(r -> (String) r[0], r -> (Long) r[1]));
    }
}
