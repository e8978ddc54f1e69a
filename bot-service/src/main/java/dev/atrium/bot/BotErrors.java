package dev.atrium.bot;

import dev.atrium.core.error.ErrorCode;

/** bot-service's codes: 100 agent, 101 app, 106 memory, 107 channel, 110 prompt, 112 shortcut. */
public final class BotErrors {

    public static final int AGENT = 100;
    public static final int APP = 101;
    public static final int MEMORY = 106;
    public static final int CHANNEL = 107;
    public static final int PROMPT = 110;
    public static final int SHORTCUT = 112;

    public static final ErrorCode BOT_NOT_FOUND = ErrorCode.of(AGENT, 404, 2, "bot not found");
    public static final ErrorCode VERSION_NOT_FOUND = ErrorCode.of(AGENT, 404, 3, "bot version not found");
    public static final ErrorCode NOT_PUBLISHED = ErrorCode.of(AGENT, 404, 4, "the bot has no published version");
    public static final ErrorCode PROVIDER_NOT_FOUND = ErrorCode.of(AGENT, 404, 5, "provider not found");
    public static final ErrorCode WORKSPACE_NOT_FOUND = ErrorCode.of(AGENT, 404, 6, "workspace not found");
    public static final ErrorCode INVALID_BOT = ErrorCode.of(AGENT, 400, 3, "invalid bot definition");
    public static final ErrorCode NO_MODEL = ErrorCode.of(AGENT, 400, 4, "no LLM model is configured for this bot");
    public static final ErrorCode INVALID_PROVIDER = ErrorCode.of(AGENT, 400, 5, "invalid provider");
    public static final ErrorCode PROVIDER_NAME_TAKEN = ErrorCode.of(AGENT, 409, 2, "a provider with this name already exists");
    public static final ErrorCode PROVIDER_IN_USE = ErrorCode.of(AGENT, 409, 3, "the provider is used by a bot");
    public static final ErrorCode BUILT_IN_PROVIDER = ErrorCode.of(AGENT, 409, 4, "the platform provider cannot be changed");
    public static final ErrorCode START_UNPUBLISHED = ErrorCode.of(AGENT, 409, 5, "publish the bot before starting it");
    public static final ErrorCode WORKSPACE_ROLE = ErrorCode.of(AGENT, 403, 2, "your workspace role does not allow this");
    public static final ErrorCode DRAFT_FORBIDDEN = ErrorCode.of(AGENT, 403, 3, "only workspace members may run a draft");
    public static final ErrorCode SECRETS_UNAVAILABLE = ErrorCode.of(AGENT, 503, 2, "stored secrets cannot be decrypted with the configured key");
    public static final ErrorCode AUTH_UNAVAILABLE = ErrorCode.of(AGENT, 503, 3, "workspace membership could not be checked");

    public static final ErrorCode INVALID_PROMPT = ErrorCode.of(PROMPT, 400, 1, "invalid system prompt");
    public static final ErrorCode INVALID_SHORTCUT = ErrorCode.of(SHORTCUT, 400, 1, "invalid shortcut command");
    public static final ErrorCode INVALID_CHANNEL = ErrorCode.of(CHANNEL, 400, 1, "invalid platform type or config");
    public static final ErrorCode INVALID_APP_CONFIG = ErrorCode.of(APP, 400, 1, "invalid app config request");

    private BotErrors() {
    }
}
