package dev.atrium.conversation.service;

import java.util.Optional;

import dev.atrium.conversation.Conversation;
import dev.atrium.conversation.ConversationErrors;
import dev.atrium.conversation.client.AuthClient;
import dev.atrium.conversation.client.AuthClient.Memberships;
import dev.atrium.conversation.repository.ConversationRepository;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.id.Ids;
import dev.atrium.core.identity.Caller;
import dev.atrium.core.identity.CurrentCaller;
import jakarta.enterprise.context.RequestScoped;

/**
 * Who may see a conversation: the user who created it, while still a member of its workspace; an app API
 * key only those of its own bot. Anything else is "not found", so ids reveal nothing across users or
 * workspaces.
 */
@RequestScoped
public class ConversationAccess {

    private final CurrentCaller current;
    private final AuthClient auth;
    private final ConversationRepository conversations;
    private Memberships memberships;

    public ConversationAccess(CurrentCaller current, AuthClient auth, ConversationRepository conversations) {
        this.current = current;
        this.auth = auth;
        this.conversations = conversations;
    }

    public Caller caller() {
        return current.require();
    }

    public Memberships memberships() {
        if (memberships == null) {
            memberships = auth.memberships(caller());
        }
        return memberships;
    }

    /** The bot an app API key is bound to. */
    public Optional<Long> keyBot() {
        Caller caller = caller();
        return Caller.API_KEY.equals(caller.credentialType()) ? Ids.parse(caller.botId()) : Optional.empty();
    }

    public Conversation owned(String id) {
        return check(Ids.parse(id).flatMap(conversations::findLive));
    }

    public Conversation ownedForUpdate(String id) {
        return check(Ids.parse(id).flatMap(conversations::findLiveForUpdate));
    }

    public Conversation check(Optional<Conversation> found) {
        Conversation c = found.orElseThrow(() -> new DomainException(ConversationErrors.CONVERSATION_NOT_FOUND));
        if (!visible(c)) {
            throw new DomainException(ConversationErrors.CONVERSATION_NOT_FOUND);
        }
        return c;
    }

    boolean visible(Conversation c) {
        Caller caller = caller();
        if (c.creatorId != caller.userId()) {
            return false;
        }
        Optional<Long> bot = keyBot();
        if (Caller.API_KEY.equals(caller.credentialType()) && (bot.isEmpty() || !bot.get().equals(c.botId))) {
            return false;
        }
        return memberships().contains(c.workspaceId);
    }

    /** The workspace a bot-less conversation goes to: the requested one (must be the caller's) or the personal one. */
    public long targetWorkspace(String requested) {
        if (requested == null || requested.isBlank()) {
            return memberships().personal().or(() -> memberships().workspaces().stream().findFirst())
                    .orElseThrow(() -> new DomainException(ConversationErrors.WORKSPACE_NOT_FOUND));
        }
        long id = Ids.parse(requested).orElseThrow(() -> new DomainException(ConversationErrors.WORKSPACE_NOT_FOUND));
        if (!memberships().contains(id)) {
            throw new DomainException(ConversationErrors.WORKSPACE_NOT_FOUND);
        }
        return id;
    }
}
