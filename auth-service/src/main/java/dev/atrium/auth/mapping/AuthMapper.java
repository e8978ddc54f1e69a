package dev.atrium.auth.mapping;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import dev.atrium.auth.Credential;
import dev.atrium.auth.Membership;
import dev.atrium.auth.User;
import dev.atrium.auth.Workspace;
import dev.atrium.auth.WorkspaceMember;
import dev.atrium.auth.api.AuthApi.TokenInfo;
import dev.atrium.auth.api.AuthApi.UserInfo;
import dev.atrium.auth.api.WorkspaceApi.MemberInfo;
import dev.atrium.auth.api.WorkspaceApi.WorkspaceInfo;
import dev.atrium.auth.coze.CozeWorkspaceApi.CozeWorkspace;
import dev.atrium.proto.auth.v1.WorkspaceRole;

public final class AuthMapper {

    private AuthMapper() {
    }

    public static UserInfo userInfo(User u) {
        return new UserInfo(Long.toString(u.id), u.username, u.nickname, u.email, u.role, u.createdAt.getEpochSecond());
    }

    public static TokenInfo tokenInfo(Credential c) {
        return new TokenInfo(Long.toString(c.id), c.name, c.tokenHint, scopes(c), idOrNull(c.botId), idOrNull(c.workspaceId),
                c.createdAt.getEpochSecond(), seconds(c.expiresAt), seconds(c.lastUsedAt));
    }

    public static WorkspaceInfo workspaceInfo(Workspace w, String role) {
        return new WorkspaceInfo(Long.toString(w.id), w.name, w.description, w.kind, role, Long.toString(w.ownerId),
                w.createdAt.getEpochSecond(), w.updatedAt.getEpochSecond());
    }

    public static WorkspaceRole workspaceRole(Membership m) {
        return WorkspaceRole.newBuilder().setWorkspaceId(Long.toString(m.workspaceId())).setRole(m.role())
                .setWorkspaceType(m.workspaceType()).build();
    }

    /** Atrium has no workspace icons yet; Coze clients expect the field, so it is always present and empty. */
    public static CozeWorkspace cozeWorkspace(WorkspaceInfo w) {
        return new CozeWorkspace(w.id(), w.name(), "", w.role(), w.workspaceType());
    }

    public static MemberInfo memberInfo(WorkspaceMember m, User u) {
        return new MemberInfo(Long.toString(m.key.userId()), u.username, u.nickname, m.role, m.createdAt.getEpochSecond());
    }

    public static List<String> scopes(Credential c) {
        return c.scopes == null || c.scopes.isBlank() ? List.of() : Arrays.asList(c.scopes.split(" "));
    }

    public static String idOrNull(Long id) {
        return id == null ? null : Long.toString(id);
    }

    public static Long seconds(Instant instant) {
        return instant == null ? null : instant.getEpochSecond();
    }
}
