package dev.atrium.auth;

import dev.atrium.core.error.ErrorCode;

/** auth-service's own codes (range 108; workspace errors in 120). */
public final class AuthErrors {

    public static final int RANGE = 108;
    public static final int WORKSPACE_RANGE = 120;

    public static final ErrorCode INVALID_LOGIN = ErrorCode.of(RANGE, 401, 3, "invalid username or password");
    public static final ErrorCode INVALID_REFRESH_TOKEN = ErrorCode.of(RANGE, 401, 4, "invalid or expired refresh token");
    public static final ErrorCode REFRESH_TOKEN_REUSED = ErrorCode.of(RANGE, 401, 5, "refresh token reused; the session was revoked");
    public static final ErrorCode INVALID_CREDENTIAL = ErrorCode.of(RANGE, 401, 2, "invalid, expired or revoked credential");
    public static final ErrorCode USERNAME_TAKEN = ErrorCode.of(RANGE, 409, 1, "username already registered");
    public static final ErrorCode EMAIL_TAKEN = ErrorCode.of(RANGE, 409, 2, "email already registered");
    public static final ErrorCode LOGIN_REQUIRED = ErrorCode.of(RANGE, 400, 4, "username or email is required");
    public static final ErrorCode WEAK_PASSWORD = ErrorCode.of(RANGE, 400, 3, "password does not meet the policy");
    public static final ErrorCode LOGIN_THROTTLED = ErrorCode.of(RANGE, 429, 2, "too many failed logins; try again later");
    public static final ErrorCode TOKEN_NOT_FOUND = ErrorCode.of(RANGE, 404, 2, "token not found");
    public static final ErrorCode SCOPE_REQUIRED = ErrorCode.of(RANGE, 403, 2, "the token lacks the required scope");
    public static final ErrorCode BOT_NOT_FOUND = ErrorCode.of(RANGE, 404, 3, "bot not found in this workspace");
    public static final ErrorCode BOT_SERVICE_UNAVAILABLE = ErrorCode.of(RANGE, 503, 2,
            "bot-service is unavailable; the bot could not be checked");

    public static final ErrorCode WORKSPACE_NOT_FOUND = ErrorCode.of(WORKSPACE_RANGE, 404, 1, "workspace not found");
    public static final ErrorCode WORKSPACE_FORBIDDEN = ErrorCode.of(WORKSPACE_RANGE, 403, 1, "your workspace role does not allow this");
    public static final ErrorCode MEMBER_NOT_FOUND = ErrorCode.of(WORKSPACE_RANGE, 404, 2, "member not found");
    public static final ErrorCode USER_NOT_FOUND = ErrorCode.of(WORKSPACE_RANGE, 404, 3, "user not found");
    public static final ErrorCode ALREADY_MEMBER = ErrorCode.of(WORKSPACE_RANGE, 409, 1, "user is already a member");
    public static final ErrorCode OWNER_IMMUTABLE = ErrorCode.of(WORKSPACE_RANGE, 409, 2, "the owner cannot be removed or demoted");
    public static final ErrorCode PERSONAL_WORKSPACE = ErrorCode.of(WORKSPACE_RANGE, 409, 3, "a personal workspace cannot be deleted or shared");
    public static final ErrorCode WORKSPACE_INVALID = ErrorCode.of(WORKSPACE_RANGE, 400, 1, "invalid workspace request");

    private AuthErrors() {
    }
}
