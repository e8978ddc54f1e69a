package dev.atrium.auth.api;

import java.util.List;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request and response bodies of the auth API (JSON snake_case). */
public final class AuthApi {

    private AuthApi() {
    }

    public record RegisterRequest(
            @NotBlank @Size(min = 3, max = 32) @Pattern(regexp = "[A-Za-z0-9_.-]+", message = "may contain only letters, digits, '_', '.' and '-'") String username,
            @NotBlank @Email @Size(max = 254) String email,
            @NotNull @Size(max = 128) String password,
            @Size(max = 64) String nickname) {
    }

    /** {@code username} may also hold an e-mail address; {@code email} is accepted as an alternative field. */
    public record LoginRequest(@Size(max = 254) String username, @Size(max = 254) String email,
                               @NotNull @Size(max = 128) String password) {
    }

    public record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
    }

    public record LogoutRequest(@Size(max = 200) String refreshToken) {
    }

    public record UserInfo(String id, String username, String nickname, String email, String role, long createdAt) {
    }

    public record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn, UserInfo userInfo) {
    }

    public record CreateTokenRequest(
            @NotBlank @Size(max = 100) String name,
            @Min(1) @Max(3650) Integer expiresInDays,
            @Size(max = 20) List<@Pattern(regexp = "\\*|[a-z_]{1,32}(:[a-z_]{1,32})?", message = "is not a valid scope") String> scopes) {
    }

    public record CreateApiKeyRequest(
            @NotBlank @Size(max = 100) String name,
            @NotBlank @Pattern(regexp = "[0-9]{1,19}", message = "must be an id") String botId,
            @NotBlank @Pattern(regexp = "[0-9]{1,19}", message = "must be an id") String workspaceId,
            @Min(1) @Max(3650) Integer expiresInDays) {
    }

    /** A PAT or API key as listed: never the secret, only a hint of it. */
    public record TokenInfo(String id, String name, String tokenHint, List<String> scopes, String botId, String workspaceId,
                            long createdAt, Long expiresAt, Long lastUsedAt) {
    }

    /** Returned once at creation: the only time the secret is shown. */
    public record CreatedToken(String id, String name, String token, List<String> scopes, String botId, String workspaceId,
                               long createdAt, Long expiresAt) {
    }
}
