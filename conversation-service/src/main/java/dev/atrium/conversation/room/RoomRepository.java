package dev.atrium.conversation.room;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

/** Rooms; their agents and messages live in {@link RoomAgentRepository} and {@link RoomMessageRepository}. */
@ApplicationScoped
public class RoomRepository implements PanacheRepositoryBase<ChatRoom, Long> {

    public Optional<ChatRoom> findLive(long id) {
        return find("id = ?1 and deletedAt is null", id).firstResultOptional();
    }

    /** Live rooms of {@code workspaces}, newest first. */
    public List<ChatRoom> inWorkspaces(Collection<Long> workspaces, int limit, int offset) {
        if (workspaces.isEmpty()) {
            return List.of();
        }
        return find("workspaceId in ?1 and deletedAt is null", Sort.descending("id"), workspaces)
                .range(offset, offset + limit - 1).list();
    }

    public long countInWorkspaces(Collection<Long> workspaces) {
        return workspaces.isEmpty() ? 0 : count("workspaceId in ?1 and deletedAt is null", workspaces);
    }
}
