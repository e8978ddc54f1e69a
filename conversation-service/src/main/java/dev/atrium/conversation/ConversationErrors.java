package dev.atrium.conversation;

import dev.atrium.core.error.ErrorCode;

/** conversation-service's codes (103xxxxxx). */
public final class ConversationErrors {

    public static final int RANGE = 103;

    public static final ErrorCode CONVERSATION_NOT_FOUND = ErrorCode.of(RANGE, 404, 2, "conversation not found");
    public static final ErrorCode MESSAGE_NOT_FOUND = ErrorCode.of(RANGE, 404, 3, "message not found");
    public static final ErrorCode CHAT_NOT_FOUND = ErrorCode.of(RANGE, 404, 4, "chat not found");
    public static final ErrorCode BOT_NOT_FOUND = ErrorCode.of(RANGE, 404, 5, "bot not found");
    public static final ErrorCode WORKSPACE_NOT_FOUND = ErrorCode.of(RANGE, 404, 6, "workspace not found");
    public static final ErrorCode ROOM_NOT_FOUND = ErrorCode.of(RANGE, 404, 7, "chat room not found");
    public static final ErrorCode INVALID_REQUEST = ErrorCode.of(RANGE, 400, 3, "invalid request");
    public static final ErrorCode NO_MODEL = ErrorCode.of(RANGE, 400, 4, "no LLM model is configured");
    public static final ErrorCode BOT_NOT_PUBLISHED = ErrorCode.of(RANGE, 400, 5, "the bot has no published version");
    public static final ErrorCode INVALID_TOOL_OUTPUTS = ErrorCode.of(RANGE, 400, 6, "invalid tool outputs");
    public static final ErrorCode CHAT_IN_PROGRESS = ErrorCode.of(RANGE, 409, 2, "the conversation already has a chat in progress");
    public static final ErrorCode CHAT_NOT_RUNNING = ErrorCode.of(RANGE, 409, 3, "the chat is not running");
    public static final ErrorCode CHAT_NOT_WAITING = ErrorCode.of(RANGE, 409, 4, "the chat is not waiting for tool outputs");
    public static final ErrorCode NOT_AN_ANSWER = ErrorCode.of(RANGE, 409, 5, "the message is not an answer of this conversation");
    public static final ErrorCode AUTH_UNAVAILABLE = ErrorCode.of(RANGE, 503, 2, "workspace membership could not be checked");
    public static final ErrorCode BOT_SERVICE_UNAVAILABLE = ErrorCode.of(RANGE, 503, 3, "bot-service is unavailable");
    public static final ErrorCode OVERLOADED = ErrorCode.of(RANGE, 503, 4, "too many chats are running; try again shortly");

    /** Codes of a failed chat ({@code last_error.code}). */
    public static final ErrorCode MODEL_FAILED = ErrorCode.of(RANGE, 502, 1, "the model provider failed");
    public static final ErrorCode MODEL_TIMEOUT = ErrorCode.of(RANGE, 504, 2, "the model did not answer in time");
    public static final ErrorCode CHAT_CANCELED = ErrorCode.of(RANGE, 409, 6, "the chat was canceled");
    public static final ErrorCode TOOL_LOOP = ErrorCode.of(RANGE, 500, 2, "the model kept calling tools");

    private ConversationErrors() {
    }
}
