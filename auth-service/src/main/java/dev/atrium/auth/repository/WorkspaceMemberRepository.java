package dev.atrium.auth.repository;

import java.util.List;
import java.util.Optional;

import dev.atrium.auth.WorkspaceMember;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class WorkspaceMemberRepository implements PanacheRepositoryBase<WorkspaceMember, WorkspaceMember.Key> {

    public Optional<WorkspaceMember> find(long workspaceId, long userId) {
        return findByIdOptional(new WorkspaceMember.Key(workspaceId, userId));
    }

    public List<WorkspaceMember> forUser(long userId) {
        return list("key.userId = ?1 order by key.workspaceId", userId);
    }

    public List<WorkspaceMember> forWorkspace(long workspaceId, int offset, int limit) {
        return find("key.workspaceId = ?1 order by createdAt, key.userId", workspaceId).range(offset, offset + limit - 1).list();
    }

    public long countForWorkspace(long workspaceId) {
        return count("key.workspaceId", workspaceId);
    }
}
