package dev.atrium.conversation.room;

import java.util.List;
import java.util.Optional;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class RoomAgentRepository implements PanacheRepositoryBase<RoomAgent, Long> {

    /** The room's agents in speaking order. */
    public List<RoomAgent> ofRoom(long roomId) {
        return find("roomId", Sort.ascending("position", "id"), roomId).list();
    }

    public Optional<RoomAgent> find(long roomId, long botId) {
        return find("roomId = ?1 and botId = ?2", roomId, botId).firstResultOptional();
    }

    public int nextPosition(long roomId) {
        Integer max = getEntityManager().createQuery("select max(a.position) from RoomAgent a where a.roomId = ?1", Integer.class)
                .setParameter(1, roomId).getSingleResult();
        return max == null ? 0 : max + 1;
    }
}
