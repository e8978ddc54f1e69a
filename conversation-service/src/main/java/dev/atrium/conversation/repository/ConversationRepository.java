package dev.atrium.conversation.repository;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.atrium.conversation.Conversation;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

@ApplicationScoped
public class ConversationRepository implements PanacheRepositoryBase<Conversation, Long> {

    /** Filters of a conversation list; null means "any". */
    public record Filter(long creatorId, Set<Long> workspaces, Long botId, String status, String endUserId,
                         boolean ascending) {
    }

    public Optional<Conversation> findLive(long id) {
        return find("id = ?1 and deletedAt is null", id).firstResultOptional();
    }

    public Optional<Conversation> findLiveForUpdate(long id) {
        return find("id = ?1 and deletedAt is null", id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public PanacheQuery<Conversation> search(Filter filter) {
        StringBuilder q = new StringBuilder("creatorId = :creator and workspaceId in :ws and deletedAt is null");
        Map<String, Object> params = new HashMap<>();
        params.put("creator", filter.creatorId());
        params.put("ws", filter.workspaces());
        if (filter.botId() != null) {
            q.append(" and botId = :bot");
            params.put("bot", filter.botId());
        }
        if (filter.status() != null) {
            q.append(" and status = :status");
            params.put("status", filter.status());
        }
        if (filter.endUserId() != null) {
            q.append(" and endUserId = :user");
            params.put("user", filter.endUserId());
        }
        return find(q.toString(), filter.ascending() ? Sort.ascending("id") : Sort.descending("id"), params);
    }
}
