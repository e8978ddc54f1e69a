package dev.atrium.conversation.engine;

/**
 * One event of a chat stream: a Coze v3 event name and its data as single-line JSON. Serialised once, sent to
 * every listener (SSE, WebSocket, a waiting blocking request).
 */
public record ChatEvent(String name, String data) {

    public static final String CHAT_CREATED = "conversation.chat.created";
    public static final String CHAT_IN_PROGRESS = "conversation.chat.in_progress";
    public static final String MESSAGE_DELTA = "conversation.message.delta";
    public static final String MESSAGE_COMPLETED = "conversation.message.completed";
    public static final String CHAT_REQUIRES_ACTION = "conversation.chat.requires_action";
    public static final String CHAT_COMPLETED = "conversation.chat.completed";
    public static final String CHAT_FAILED = "conversation.chat.failed";
    public static final String ERROR = "error";
    public static final String DONE = "done";

    public static final ChatEvent DONE_EVENT = new ChatEvent(DONE, "\"[DONE]\"");

    public boolean isDone() {
        return DONE.equals(name);
    }

    /** The SSE frame: exactly an {@code event:} line, a {@code data:} line and a blank line. */
    public String frame() {
        return "event:" + name + "\ndata:" + data + "\n\n";
    }
}
