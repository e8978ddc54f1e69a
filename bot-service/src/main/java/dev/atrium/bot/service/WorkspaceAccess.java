package dev.atrium.bot.service;

import java.util.Optional;

import dev.atrium.bot.Bot;
import dev.atrium.bot.BotErrors;
import dev.atrium.bot.client.AuthClient;
import dev.atrium.bot.client.AuthClient.Membership;
import dev.atrium.bot.client.AuthClient.Memberships;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.error.ErrorCode;
import dev.atrium.core.id.Ids;
import dev.atrium.core.identity.Caller;
import dev.atrium.core.identity.CurrentCaller;
import jakarta.enterprise.context.RequestScoped;

/**
 * The one place that decides whether the caller may touch a workspace's resources. Anything of a workspace
 * the caller does not belong to is reported as not found, so ids of other workspaces reveal nothing.
 */
@RequestScoped
public class WorkspaceAccess {

    /** Scope a PAT needs to manage bots, providers and memory; app API keys never have it. */
    public static final String SCOPE = "bots";

    private final CurrentCaller current;
    private final AuthClient auth;
    private Memberships memberships;

    public WorkspaceAccess(CurrentCaller current, AuthClient auth) {
        this.current = current;
        this.auth = auth;
    }

    /** The caller of a management request (bots scope). */
    public Caller manager() {
        return current.require(SCOPE);
    }

    /** The caller of a runtime request (chat, memory on behalf of an end user): any valid token. */
    public Caller caller() {
        return current.require();
    }

    public Memberships memberships() {
        if (memberships == null) {
            memberships = auth.memberships(caller());
        }
        return memberships;
    }

    /** The workspace a new resource goes to: the requested one (must be the caller's) or the personal one. */
    public long targetWorkspace(String requested) {
        if (requested == null || requested.isBlank()) {
            return memberships().personal().or(() -> memberships().workspaces().keySet().stream().findFirst())
                    .orElseThrow(() -> new DomainException(BotErrors.WORKSPACE_NOT_FOUND));
        }
        long id = Ids.parse(requested).orElseThrow(() -> new DomainException(BotErrors.WORKSPACE_NOT_FOUND));
        requireMember(id, BotErrors.WORKSPACE_NOT_FOUND);
        return id;
    }

    /** The caller's membership of the workspace, or {@code notFound}. */
    public Membership requireMember(long workspaceId, ErrorCode notFound) {
        return memberships().of(workspaceId).orElseThrow(() -> new DomainException(notFound));
    }

    /** Owner or admin of the workspace, else 403 (a member) or {@code notFound} (a stranger). */
    public void requireManager(long workspaceId, ErrorCode notFound) {
        if (!requireMember(workspaceId, notFound).canManage()) {
            throw new DomainException(BotErrors.WORKSPACE_ROLE);
        }
    }

    public boolean isMember(long workspaceId) {
        return memberships().of(workspaceId).isPresent();
    }

    /**
     * A bot the caller may use at runtime: a member of its workspace, or an app API key bound to it.
     * Everything else is "bot not found".
     */
    public void requireRuntimeAccess(Bot bot) {
        Caller caller = caller();
        if (Caller.API_KEY.equals(caller.credentialType())
                && !Optional.ofNullable(caller.botId()).map(b -> b.equals(Long.toString(bot.id))).orElse(false)) {
            throw new DomainException(BotErrors.BOT_NOT_FOUND);
        }
        requireMember(bot.workspaceId, BotErrors.BOT_NOT_FOUND);
    }
}
