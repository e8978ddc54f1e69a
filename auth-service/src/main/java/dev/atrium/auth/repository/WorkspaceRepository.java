package dev.atrium.auth.repository;

import java.util.List;

import dev.atrium.auth.Workspace;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class WorkspaceRepository implements PanacheRepositoryBase<Workspace, Long> {

    public List<Workspace> listForUser(long userId, int offset, int limit) {
        return find("id in (select m.key.workspaceId from WorkspaceMember m where m.key.userId = ?1) order by id", userId)
                .range(offset, offset + limit - 1).list();
    }

    public long countForUser(long userId) {
        return count("id in (select m.key.workspaceId from WorkspaceMember m where m.key.userId = ?1)", userId);
    }
}
