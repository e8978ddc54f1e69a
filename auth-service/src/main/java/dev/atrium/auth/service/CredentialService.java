package dev.atrium.auth.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.atrium.auth.AuthErrors;
import dev.atrium.auth.Credential;
import dev.atrium.auth.Membership;
import dev.atrium.auth.User;
import dev.atrium.auth.api.AuthApi.CreateApiKeyRequest;
import dev.atrium.auth.api.AuthApi.CreateTokenRequest;
import dev.atrium.auth.api.AuthApi.CreatedToken;
import dev.atrium.auth.api.AuthApi.TokenInfo;
import dev.atrium.auth.client.BotClient;
import dev.atrium.auth.mapping.AuthMapper;
import dev.atrium.auth.repository.CredentialRepository;
import dev.atrium.auth.repository.UserRepository;
import dev.atrium.auth.repository.WorkspaceMemberRepository;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.event.Outbox;
import dev.atrium.core.event.Topics;
import dev.atrium.core.id.Ids;
import dev.atrium.core.identity.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Personal access tokens ({@code pat_…}) and app API keys bound to one bot ({@code ak_…}): shown once,
 * stored as SHA-256 hashes, listed with a hint only, revoked with a {@code token.revoked} event so
 * gateways drop their cached resolutions at once.
 */
@ApplicationScoped
public class CredentialService {

    public static final String PAT_PREFIX = "pat_";
    public static final String API_KEY_PREFIX = "ak_";
    private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    /** A resolved credential: the user, the credential row, and the workspaces it opens. */
    public record Resolved(User user, Credential credential, List<Membership> workspaces) {
    }

    private final CredentialRepository credentials;
    private final UserRepository users;
    private final WorkspaceMemberRepository members;
    private final Outbox outbox;
    private final BotClient bots;

    public CredentialService(CredentialRepository credentials, UserRepository users, WorkspaceMemberRepository members,
                             Outbox outbox, BotClient bots) {
        this.credentials = credentials;
        this.users = users;
        this.members = members;
        this.outbox = outbox;
        this.bots = bots;
    }

    /** A narrowed PAT can only mint PATs narrowed at least as much: it cannot widen its own rights. */
    @Transactional
    public CreatedToken createPat(Caller caller, CreateTokenRequest request) {
        List<String> scopes = request.scopes() == null ? List.of() : request.scopes().stream().distinct().toList();
        boolean narrowed = !Caller.SESSION.equals(caller.credentialType()) && !caller.scopes().isEmpty()
                && !caller.scopes().contains("*");
        if (narrowed && (scopes.isEmpty() || !caller.scopes().containsAll(scopes))) {
            throw new DomainException(AuthErrors.SCOPE_REQUIRED,
                    "a scoped token can only create tokens with a subset of its scopes " + caller.scopes());
        }
        return create(caller.userId(), Credential.PAT, PAT_PREFIX, request.name(), scopes, null, null, request.expiresInDays());
    }

    /**
     * A key for a bot that bot-service confirms, on the caller's behalf, to live in the workspace. Not
     * {@code @Transactional}: the membership check and the insert each run in their own short transaction, so
     * no connection is held while bot-service is asked (up to {@code atrium.auth.bot-check-timeout}).
     */
    public CreatedToken createApiKey(Caller caller, CreateApiKeyRequest request) {
        long workspaceId = Ids.parse(request.workspaceId()).orElseThrow(() -> new DomainException(AuthErrors.WORKSPACE_NOT_FOUND));
        long botId = Ids.parse(request.botId()).orElseThrow(() -> new DomainException(AuthErrors.WORKSPACE_INVALID, "invalid bot_id"));
        QuarkusTransaction.requiringNew().run(() -> members.find(workspaceId, caller.userId())
                .orElseThrow(() -> new DomainException(AuthErrors.WORKSPACE_NOT_FOUND)));
        String botWorkspace = bots.workspaceOf(botId, caller.rawToken())
                .orElseThrow(() -> new DomainException(AuthErrors.BOT_NOT_FOUND));
        if (!Long.toString(workspaceId).equals(botWorkspace)) {
            throw new DomainException(AuthErrors.BOT_NOT_FOUND);
        }
        return QuarkusTransaction.requiringNew().call(() -> create(caller.userId(), Credential.API_KEY, API_KEY_PREFIX,
                request.name(), List.of("chat"), workspaceId, botId, request.expiresInDays()));
    }

    @Transactional
    public List<TokenInfo> list(Caller caller, String kind) {
        return credentials.listForUser(caller.userId(), kind).stream().map(AuthMapper::tokenInfo).toList();
    }

    @Transactional
    public void revoke(Caller caller, long id, String kind) {
        Credential c = credentials.findOwned(id, caller.userId(), kind)
                .filter(found -> found.revokedAt == null)
                .orElseThrow(() -> new DomainException(AuthErrors.TOKEN_NOT_FOUND));
        c.revokedAt = Instant.now();
        outbox.publish(Topics.AUTH, "token.revoked", Long.toString(c.id),
                Map.of("token_id", Long.toString(c.id), "credential_type", kind, "user_id", Long.toString(c.userId),
                        "expires_at", c.expiresAt == null ? 0 : c.expiresAt.getEpochSecond()));
    }

    /** The credential behind a presented secret, or 401. Records when it was last used (minute granularity). */
    @Transactional
    public Resolved resolve(String secret) {
        Instant now = Instant.now();
        Credential c = credentials.findByHash(Secrets.hash(secret))
                .filter(found -> found.isUsable(now))
                .filter(found -> secret.startsWith(PAT_PREFIX) == Credential.PAT.equals(found.kind))
                .orElseThrow(() -> new DomainException(AuthErrors.INVALID_CREDENTIAL));
        if (c.lastUsedAt == null || c.lastUsedAt.isBefore(now.minus(LAST_USED_GRANULARITY))) {
            c.lastUsedAt = now;
        }
        User user = users.findById(c.userId);
        List<Membership> workspaces = Credential.PAT.equals(c.kind)
                ? members.membershipsOf(c.userId)
                : members.membershipOf(c.userId, c.workspaceId).map(List::of)
                        .orElseThrow(() -> new DomainException(AuthErrors.INVALID_CREDENTIAL));
        return new Resolved(user, c, workspaces);
    }

    private CreatedToken create(long userId, String kind, String prefix, String name, List<String> scopes, Long workspaceId,
                                Long botId, Integer expiresInDays) {
        Instant now = Instant.now();
        String secret = Secrets.newToken(prefix);
        Credential c = new Credential();
        c.id = Ids.next();
        c.kind = kind;
        c.userId = userId;
        c.workspaceId = workspaceId;
        c.botId = botId;
        c.name = name.strip();
        c.tokenHash = Secrets.hash(secret);
        c.tokenHint = Secrets.hint(secret);
        c.scopes = String.join(" ", scopes);
        c.createdAt = now;
        c.expiresAt = expiresInDays == null ? null : now.plus(Duration.ofDays(expiresInDays));
        credentials.persist(c);
        return new CreatedToken(Long.toString(c.id), c.name, secret, scopes, AuthMapper.idOrNull(botId),
                AuthMapper.idOrNull(workspaceId), now.getEpochSecond(), AuthMapper.seconds(c.expiresAt));
    }
}
