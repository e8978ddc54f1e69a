package dev.atrium.conversation.room;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class RoomMessageRepository implements PanacheRepositoryBase<RoomMessage, Long> {

    /** The latest {@code limit} messages before {@code beforeId} (any when null), oldest first. */
    public List<RoomMessage> recent(long roomId, Long beforeId, int limit) {
        List<RoomMessage> newestFirst = beforeId == null
                ? find("roomId", Sort.descending("id"), roomId).range(0, limit - 1).list()
                : find("roomId = ?1 and id < ?2", Sort.descending("id"), roomId, beforeId).range(0, limit - 1).list();
        List<RoomMessage> out = new ArrayList<>(newestFirst);
        Collections.reverse(out);
        return out;
    }

    /** The agent that spoke last (round robin continues after it). */
    public Optional<String> lastAgent(long roomId) {
        return find("roomId = ?1 and participantType = ?2", Sort.descending("id"), roomId, RoomMessage.AGENT)
                .firstResultOptional().map(m -> m.participantId);
    }
}
