package dev.atrium.auth.coze;

import java.util.List;

/** The shapes of Coze's workspace list ({@code shared/reference/coze-open-api.md} §2.7), field for field. */
public final class CozeWorkspaceApi {

    private CozeWorkspaceApi() {
    }

    public record WorkspaceList(long totalCount, List<CozeWorkspace> workspaces) {
    }

    /** {@code role_type} is owner | admin | member, {@code workspace_type} personal | team: Coze's values are ours. */
    public record CozeWorkspace(String id, String name, String iconUrl, String roleType, String workspaceType) {
    }
}
