package dev.atrium.auth.service;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import org.mindrot.jbcrypt.BCrypt;

import dev.atrium.auth.AuthErrors;
import dev.atrium.auth.RefreshToken;
import dev.atrium.auth.User;
import dev.atrium.auth.api.AuthApi.LoginRequest;
import dev.atrium.auth.api.AuthApi.RegisterRequest;
import dev.atrium.auth.api.AuthApi.TokenPair;
import dev.atrium.auth.config.AuthConfig;
import dev.atrium.auth.mapping.AuthMapper;
import dev.atrium.auth.repository.RefreshTokenRepository;
import dev.atrium.auth.repository.RevokedTokenRepository;
import dev.atrium.auth.repository.UserRepository;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.event.Outbox;
import dev.atrium.core.event.Topics;
import dev.atrium.core.id.Ids;
import dev.atrium.core.identity.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Registration, login, refresh-token rotation and logout. */
@ApplicationScoped
public class AccountService {


    private final UserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final RevokedTokenRepository revoked;
    private final AccessTokens accessTokens;
    private final WorkspaceService workspaces;
    private final LoginThrottle throttle;
    private final Outbox outbox;
    private final AuthConfig config;
    /** Compared against when the account does not exist, so timing does not reveal which usernames exist. */
    private final String dummyHash;

    public AccountService(UserRepository users, RefreshTokenRepository refreshTokens, RevokedTokenRepository revoked,
                          AccessTokens accessTokens, WorkspaceService workspaces, LoginThrottle throttle, Outbox outbox,
                          AuthConfig config) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.revoked = revoked;
        this.accessTokens = accessTokens;
        this.workspaces = workspaces;
        this.throttle = throttle;
        this.outbox = outbox;
        this.config = config;
        this.dummyHash = BCrypt.hashpw("atrium-timing-guard-1", BCrypt.gensalt(config.bcryptCost()));
    }

    @Transactional
    public TokenPair register(RegisterRequest request) {
        User user = createUser(request.username(), request.email(), request.password(), request.nickname(), User.ROLE_USER);
        return issuePair(user, Ids.next());
    }

    /** Creates a user with a personal workspace and announces it; shared by registration and admin bootstrap. */
    @Transactional(Transactional.TxType.MANDATORY)
    public User createUser(String username, String email, String password, String nickname, String role) {
        PasswordPolicy.check(password, username, email).ifPresent(why -> {
            throw new DomainException(AuthErrors.WEAK_PASSWORD, why);
        });
        if (users.findByUsername(username).isPresent()) {
            throw new DomainException(AuthErrors.USERNAME_TAKEN);
        }
        if (users.findByEmail(email).isPresent()) {
            throw new DomainException(AuthErrors.EMAIL_TAKEN);
        }
        Instant now = Instant.now();
        User user = new User();
        user.id = Ids.next();
        user.username = username;
        user.email = email.toLowerCase(Locale.ROOT);
        user.passwordHash = BCrypt.hashpw(password, BCrypt.gensalt(config.bcryptCost()));
        user.nickname = nickname == null || nickname.isBlank() ? username : nickname.strip();
        user.role = role;
        user.createdAt = now;
        user.updatedAt = now;
        users.persist(user);
        users.flush();
        workspaces.createPersonal(user);
        outbox.publish(Topics.AUTH, "user.registered", Long.toString(user.id),
                Map.of("user_id", Long.toString(user.id), "username", user.username, "email", user.email,
                        "role", user.role, "created_at", now.getEpochSecond()));
        return user;
    }

    /**
     * Each attempt is counted before the password is checked (so parallel guesses cannot all slip past
     * the limit) against the account — the user id when the name exists, so a username and its e-mail
     * share one counter — and the client address; a success takes the attempt back.
     */
    public TokenPair login(LoginRequest request, String clientAddress) {
        String login = request.username() != null && !request.username().isBlank() ? request.username() : request.email();
        if (login == null || login.isBlank()) {
            throw new DomainException(AuthErrors.LOGIN_REQUIRED);
        }
        User user = QuarkusTransaction.requiringNew().call(() -> users.findByLogin(login.strip()).orElse(null));
        String account = user == null ? "login:" + login.strip().toLowerCase(java.util.Locale.ROOT) : "id:" + user.id;
        throttle.reserveAttempt(account, clientAddress);
        boolean ok = BCrypt.checkpw(request.password(), user == null ? dummyHash : user.passwordHash) && user != null;
        if (!ok) {
            throw new DomainException(AuthErrors.INVALID_LOGIN);
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            throttle.recordSuccess(account, clientAddress);
            return issuePair(user, Ids.next());
        });
    }

    /**
     * Rotates a refresh token. A token that was already used means a copy is in someone else's hands:
     * the whole family (every token descended from that login) is revoked.
     */
    public TokenPair refresh(String refreshToken) {
        Object outcome = QuarkusTransaction.requiringNew().call(() -> {
            Instant now = Instant.now();
            RefreshToken current = refreshTokens.findByHashForUpdate(Secrets.hash(refreshToken)).orElse(null);
            if (current == null || current.revokedAt != null || current.expiresAt.isBefore(now)) {
                return AuthErrors.INVALID_REFRESH_TOKEN;
            }
            if (current.usedAt != null) {
                revokeSession(current.userId, current.familyId);
                return AuthErrors.REFRESH_TOKEN_REUSED;
            }
            current.usedAt = now;
            User user = users.findById(current.userId);
            return issuePair(user, current.familyId);
        });
        if (outcome instanceof dev.atrium.core.error.ErrorCode code) {
            throw new DomainException(code);
        }
        return (TokenPair) outcome;
    }

    /**
     * Revokes the presented access token (its jti) and, for a login session, the whole session: its
     * refresh tokens and every access token issued in it.
     */
    @Transactional
    public void logout(Caller caller) {
        Instant expires = Instant.ofEpochSecond(caller.expiresAt());
        revoked.revoke(caller.tokenId(), expires);
        outbox.publish(Topics.AUTH, "token.revoked", caller.tokenId(),
                Map.of("token_id", caller.tokenId(), "credential_type", "jwt", "user_id", Long.toString(caller.userId()),
                        "expires_at", expires.getEpochSecond()));
        if (caller.sessionId() != null) {
            Ids.parse(caller.sessionId()).ifPresent(family -> revokeSession(caller.userId(), family));
        }
    }

    /** Ends a login session: no refresh, and none of its access tokens, work any more. */
    @Transactional(Transactional.TxType.MANDATORY)
    void revokeSession(long userId, long family) {
        Instant until = accessTokens.sessionTokensValidUntil();
        refreshTokens.revokeFamily(family, Instant.now());
        revoked.revoke(RevokedTokenRepository.sessionKey(Long.toString(family)), until);
        outbox.publish(Topics.AUTH, "token.revoked", Long.toString(family),
                Map.of("token_id", Long.toString(family), "credential_type", "session", "user_id", Long.toString(userId),
                        "expires_at", until.getEpochSecond()));
    }

    @Transactional
    public User me(Caller caller) {
        return users.findByIdOptional(caller.userId()).orElseThrow(() -> new DomainException(AuthErrors.INVALID_CREDENTIAL));
    }

    private TokenPair issuePair(User user, long family) {
        Instant now = Instant.now();
        String refresh = Secrets.newToken("rt_");
        RefreshToken row = new RefreshToken();
        row.id = Ids.next();
        row.userId = user.id;
        row.familyId = family;
        row.tokenHash = Secrets.hash(refresh);
        row.createdAt = now;
        row.expiresAt = now.plus(config.refreshTokenTtl());
        refreshTokens.persist(row);
        AccessTokens.Issued access = accessTokens.forSession(user, family);
        return new TokenPair(access.token(), refresh, "bearer", config.accessTokenTtl().toSeconds(), AuthMapper.userInfo(user));
    }
}
