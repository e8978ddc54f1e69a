package dev.atrium.auth.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public final class WorkspaceApi {

    private WorkspaceApi() {
    }

    public record CreateWorkspace(@NotBlank @Size(max = 100) String name, @Size(max = 1000) String description) {
    }

    public record UpdateWorkspace(@Size(min = 1, max = 100) String name, @Size(max = 1000) String description) {
    }

    /** Invite by user id, username or e-mail (exactly one). */
    public record AddMember(@Pattern(regexp = "[0-9]{1,19}", message = "must be an id") String userId,
                            @Size(max = 32) String username, @Size(max = 254) String email,
                            @Pattern(regexp = "admin|member", message = "must be admin or member") String role) {
    }

    public record UpdateMember(@NotBlank @Pattern(regexp = "admin|member", message = "must be admin or member") String role) {
    }

    public record WorkspaceInfo(String id, String name, String description, String workspaceType, String role,
                                String ownerId, long createdAt, long updatedAt) {
    }

    public record MemberInfo(String userId, String username, String nickname, String role, long joinedAt) {
    }
}
