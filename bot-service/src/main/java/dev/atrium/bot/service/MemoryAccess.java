package dev.atrium.bot.service;

import java.util.regex.Pattern;

import dev.atrium.bot.Bot;
import dev.atrium.bot.MemoryErrors;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.identity.Caller;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who may touch a bot's memory, decided before anything else so that a bot of another workspace is "not
 * found" whatever else is wrong with the request.
 */
@ApplicationScoped
public class MemoryAccess {

    /** Connector ids as Coze uses them ("1024" API, "999" SDK) or short names of our channels. */
    private static final Pattern CONNECTOR = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    public static final String API_CONNECTOR = "1024";
    private static final int MAX_USER_ID = 128;

    private final WorkspaceAccess access;
    private final BotService bots;

    public MemoryAccess(WorkspaceAccess access, BotService bots) {
        this.access = access;
        this.bots = bots;
    }

    /**
     * The native management API: a token with the bots scope of a member of the bot's workspace. Without
     * {@code userId} the call administers the tables (all rows); with it, it acts as that end user.
     */
    public MemoryScope manage(String botId, String userId, String connectorId) {
        Caller caller = access.manager();
        Bot bot = bots.readable(botId);
        boolean admin = userId == null || userId.isBlank();
        return new MemoryScope(bot, false, admin, admin ? Long.toString(caller.userId()) : endUser(userId), connector(connectorId), false);
    }

    /**
     * Chat, workflows, SDKs (gRPC and the Coze facade): any token of a member of the bot's workspace, or an
     * app API key bound to this bot. Always on behalf of an end user, by default the caller.
     */
    public MemoryScope runtime(String botId, String userId, String connectorId) {
        Caller caller = access.caller();
        Bot bot = bots.owned(botId);
        String user = userId == null || userId.isBlank() ? Long.toString(caller.userId()) : endUser(userId);
        return new MemoryScope(bot, true, false, user, connector(connectorId), Caller.API_KEY.equals(caller.credentialType()));
    }

    private static String connector(String connectorId) {
        if (connectorId == null || connectorId.isBlank()) {
            return API_CONNECTOR;
        }
        if (!CONNECTOR.matcher(connectorId).matches()) {
            throw new DomainException(MemoryErrors.INVALID_REQUEST, "connector_id is 1-64 letters, digits, '.', '_' or '-'");
        }
        return connectorId;
    }

    private static String endUser(String userId) {
        if (userId.length() > MAX_USER_ID || userId.chars().anyMatch(Character::isISOControl)) {
            throw new DomainException(MemoryErrors.INVALID_REQUEST, "user_id has at most " + MAX_USER_ID
                    + " characters and no control characters");
        }
        return userId;
    }
}
