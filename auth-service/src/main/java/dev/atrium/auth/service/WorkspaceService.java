package dev.atrium.auth.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.atrium.auth.AuthErrors;
import dev.atrium.auth.User;
import dev.atrium.auth.Workspace;
import dev.atrium.auth.WorkspaceMember;
import dev.atrium.auth.api.WorkspaceApi.AddMember;
import dev.atrium.auth.api.WorkspaceApi.CreateWorkspace;
import dev.atrium.auth.api.WorkspaceApi.MemberInfo;
import dev.atrium.auth.api.WorkspaceApi.UpdateWorkspace;
import dev.atrium.auth.api.WorkspaceApi.WorkspaceInfo;
import dev.atrium.auth.mapping.AuthMapper;
import dev.atrium.auth.repository.UserRepository;
import dev.atrium.auth.repository.WorkspaceMemberRepository;
import dev.atrium.auth.repository.WorkspaceRepository;
import dev.atrium.core.api.Page;
import dev.atrium.core.api.PageQuery;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.event.Outbox;
import dev.atrium.core.event.Topics;
import dev.atrium.core.id.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Workspaces and their members. A workspace a caller does not belong to answers 404, never 403, so
 * its existence is not revealed. Owners and admins manage members; only the owner grants admin.
 */
@ApplicationScoped
public class WorkspaceService {

    private final WorkspaceRepository workspaces;
    private final WorkspaceMemberRepository members;
    private final UserRepository users;
    private final Outbox outbox;

    public WorkspaceService(WorkspaceRepository workspaces, WorkspaceMemberRepository members, UserRepository users,
                            Outbox outbox) {
        this.workspaces = workspaces;
        this.members = members;
        this.users = users;
        this.outbox = outbox;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Workspace createPersonal(User user) {
        return create(user.id, user.nickname + "'s workspace", "", Workspace.PERSONAL);
    }

    @Transactional
    public WorkspaceInfo create(long userId, CreateWorkspace request) {
        Workspace w = create(userId, request.name().strip(), request.description() == null ? "" : request.description(), Workspace.TEAM);
        return AuthMapper.workspaceInfo(w, WorkspaceMember.OWNER);
    }

    @Transactional
    public Page<WorkspaceInfo> list(long userId, PageQuery page) {
        Map<Long, String> roles = new java.util.HashMap<>();
        members.forUser(userId).forEach(m -> roles.put(m.key.workspaceId(), m.role));
        List<WorkspaceInfo> items = workspaces.listForUser(userId, page.offset(), page.limit()).stream()
                .map(w -> AuthMapper.workspaceInfo(w, roles.get(w.id))).toList();
        return Page.of(items, workspaces.countForUser(userId), page);
    }

    @Transactional
    public WorkspaceInfo get(long userId, long workspaceId) {
        WorkspaceMember me = membership(userId, workspaceId);
        return AuthMapper.workspaceInfo(workspaces.findById(workspaceId), me.role);
    }

    @Transactional
    public WorkspaceInfo update(long userId, long workspaceId, UpdateWorkspace request) {
        WorkspaceMember me = requireManager(userId, workspaceId);
        Workspace w = workspaces.findById(workspaceId);
        if (request.name() != null) {
            if (request.name().isBlank()) {
                throw new DomainException(AuthErrors.WORKSPACE_INVALID, "name must not be blank");
            }
            w.name = request.name().strip();
        }
        if (request.description() != null) {
            w.description = request.description();
        }
        w.updatedAt = Instant.now();
        return AuthMapper.workspaceInfo(w, me.role);
    }

    @Transactional
    public void delete(long userId, long workspaceId) {
        WorkspaceMember me = membership(userId, workspaceId);
        if (!WorkspaceMember.OWNER.equals(me.role)) {
            throw new DomainException(AuthErrors.WORKSPACE_FORBIDDEN, "only the owner can delete a workspace");
        }
        Workspace w = workspaces.findById(workspaceId);
        if (Workspace.PERSONAL.equals(w.kind)) {
            throw new DomainException(AuthErrors.PERSONAL_WORKSPACE);
        }
        workspaces.delete(w);
        outbox.publish(Topics.AUTH, "workspace.deleted", Long.toString(workspaceId),
                Map.of("workspace_id", Long.toString(workspaceId)));
    }

    @Transactional
    public Page<MemberInfo> members(long userId, long workspaceId, PageQuery page) {
        membership(userId, workspaceId);
        List<MemberInfo> items = members.forWorkspace(workspaceId, page.offset(), page.limit()).stream()
                .map(m -> AuthMapper.memberInfo(m, users.findById(m.key.userId()))).toList();
        return Page.of(items, members.countForWorkspace(workspaceId), page);
    }

    @Transactional
    public MemberInfo addMember(long userId, long workspaceId, AddMember request) {
        WorkspaceMember me = requireManager(userId, workspaceId);
        Workspace w = workspaces.findById(workspaceId);
        if (Workspace.PERSONAL.equals(w.kind)) {
            throw new DomainException(AuthErrors.PERSONAL_WORKSPACE);
        }
        String role = request.role() == null ? WorkspaceMember.MEMBER : request.role();
        requireMayGrant(me, role);
        User invitee = findInvitee(request).orElseThrow(() -> new DomainException(AuthErrors.USER_NOT_FOUND));
        if (members.find(workspaceId, invitee.id).isPresent()) {
            throw new DomainException(AuthErrors.ALREADY_MEMBER);
        }
        WorkspaceMember m = new WorkspaceMember();
        m.key = new WorkspaceMember.Key(workspaceId, invitee.id);
        m.role = role;
        m.createdAt = Instant.now();
        members.persist(m);
        outbox.publish(Topics.AUTH, "workspace.member_added", Long.toString(workspaceId),
                Map.of("workspace_id", Long.toString(workspaceId), "user_id", Long.toString(invitee.id), "role", role));
        return AuthMapper.memberInfo(m, invitee);
    }

    @Transactional
    public MemberInfo updateMember(long userId, long workspaceId, long memberId, String role) {
        WorkspaceMember me = requireManager(userId, workspaceId);
        WorkspaceMember target = members.find(workspaceId, memberId).orElseThrow(() -> new DomainException(AuthErrors.MEMBER_NOT_FOUND));
        if (WorkspaceMember.OWNER.equals(target.role)) {
            throw new DomainException(AuthErrors.OWNER_IMMUTABLE);
        }
        requireMayGrant(me, role);
        if (WorkspaceMember.ADMIN.equals(target.role) && !WorkspaceMember.OWNER.equals(me.role)) {
            throw new DomainException(AuthErrors.WORKSPACE_FORBIDDEN, "only the owner can change an admin");
        }
        target.role = role;
        return AuthMapper.memberInfo(target, users.findById(memberId));
    }

    /** Managers remove others; any member may remove themself (leave). */
    @Transactional
    public void removeMember(long userId, long workspaceId, long memberId) {
        WorkspaceMember me = membership(userId, workspaceId);
        WorkspaceMember target = members.find(workspaceId, memberId).orElseThrow(() -> new DomainException(AuthErrors.MEMBER_NOT_FOUND));
        if (WorkspaceMember.OWNER.equals(target.role)) {
            throw new DomainException(AuthErrors.OWNER_IMMUTABLE);
        }
        boolean leaving = userId == memberId;
        if (!leaving && (!me.canManage() || WorkspaceMember.ADMIN.equals(target.role) && !WorkspaceMember.OWNER.equals(me.role))) {
            throw new DomainException(AuthErrors.WORKSPACE_FORBIDDEN);
        }
        members.delete(target);
        outbox.publish(Topics.AUTH, "workspace.member_removed", Long.toString(workspaceId),
                Map.of("workspace_id", Long.toString(workspaceId), "user_id", Long.toString(memberId)));
    }

    /** The caller's membership; 404 when there is none. */
    @Transactional(Transactional.TxType.MANDATORY)
    public WorkspaceMember membership(long userId, long workspaceId) {
        return members.find(workspaceId, userId).orElseThrow(() -> new DomainException(AuthErrors.WORKSPACE_NOT_FOUND));
    }

    private WorkspaceMember requireManager(long userId, long workspaceId) {
        WorkspaceMember me = membership(userId, workspaceId);
        if (!me.canManage()) {
            throw new DomainException(AuthErrors.WORKSPACE_FORBIDDEN);
        }
        return me;
    }

    private static void requireMayGrant(WorkspaceMember me, String role) {
        if (WorkspaceMember.ADMIN.equals(role) && !WorkspaceMember.OWNER.equals(me.role)) {
            throw new DomainException(AuthErrors.WORKSPACE_FORBIDDEN, "only the owner can grant admin");
        }
    }

    private Optional<User> findInvitee(AddMember request) {
        int given = (request.userId() != null ? 1 : 0) + (request.username() != null ? 1 : 0) + (request.email() != null ? 1 : 0);
        if (given != 1) {
            throw new DomainException(AuthErrors.WORKSPACE_INVALID, "give exactly one of user_id, username, email");
        }
        if (request.userId() != null) {
            return Ids.parse(request.userId()).flatMap(users::findByIdOptional);
        }
        return request.username() != null ? users.findByUsername(request.username()) : users.findByEmail(request.email());
    }

    private Workspace create(long ownerId, String name, String description, String kind) {
        Instant now = Instant.now();
        Workspace w = new Workspace();
        w.id = Ids.next();
        w.name = name;
        w.description = description;
        w.kind = kind;
        w.ownerId = ownerId;
        w.createdAt = now;
        w.updatedAt = now;
        workspaces.persist(w);
        WorkspaceMember owner = new WorkspaceMember();
        owner.key = new WorkspaceMember.Key(w.id, ownerId);
        owner.role = WorkspaceMember.OWNER;
        owner.createdAt = now;
        members.persist(owner);
        outbox.publish(Topics.AUTH, "workspace.created", Long.toString(w.id),
                Map.of("workspace_id", Long.toString(w.id), "owner_id", Long.toString(ownerId), "workspace_type", kind));
        return w;
    }
}
