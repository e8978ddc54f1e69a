package dev.atrium.auth.repository;

import java.util.List;
import java.util.Optional;

import dev.atrium.auth.Membership;
import dev.atrium.auth.WorkspaceMember;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class WorkspaceMemberRepository implements PanacheRepositoryBase<WorkspaceMember, WorkspaceMember.Key> {

    private static final String MEMBERSHIPS = "select new dev.atrium.auth.Membership(m.key.workspaceId, m.role, w.kind)"
            + " from WorkspaceMember m join Workspace w on w.id = m.key.workspaceId where m.key.userId = :user";

    public Optional<WorkspaceMember> find(long workspaceId, long userId) {
        return findByIdOptional(new WorkspaceMember.Key(workspaceId, userId));
    }

    public List<WorkspaceMember> forUser(long userId) {
        return list("key.userId = ?1 order by key.workspaceId", userId);
    }

    /** The user's memberships with the kind of each workspace, joined in one query. */
    public List<Membership> membershipsOf(long userId) {
        return getEntityManager().createQuery(MEMBERSHIPS + " order by m.key.workspaceId", Membership.class)
                .setParameter("user", userId).getResultList();
    }

    /** One membership with its workspace's kind, e.g. the workspace an app API key is bound to. */
    public Optional<Membership> membershipOf(long userId, long workspaceId) {
        return getEntityManager().createQuery(MEMBERSHIPS + " and m.key.workspaceId = :workspace", Membership.class)
                .setParameter("user", userId).setParameter("workspace", workspaceId).getResultStream().findFirst();
    }

    public List<WorkspaceMember> forWorkspace(long workspaceId, int offset, int limit) {
        return find("key.workspaceId = ?1 order by createdAt, key.userId", workspaceId).range(offset, offset + limit - 1).list();
    }

    public long countForWorkspace(long workspaceId) {
        return count("key.workspaceId", workspaceId);
    }
}
