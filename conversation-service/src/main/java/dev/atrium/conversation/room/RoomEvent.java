package dev.atrium.conversation.room;

/**
 * One event of a room: its name and data as single-line JSON, written once and sent to the sender's SSE
 * stream and to every WebSocket participant of the room.
 */
public record RoomEvent(String name, String data) {

    public static final String CONNECTED = "connected";
    public static final String HISTORY = "history";
    public static final String AGENTS = "agents";
    public static final String MESSAGE = "message";
    public static final String TYPING = "typing";
    public static final String DELTA = "delta";
    public static final String PROCESS_STEP = "process_step";
    public static final String DONE = "done";
    public static final String ERROR = "error";
    public static final String SYSTEM = "system";

    public boolean isDone() {
        return DONE.equals(name);
    }

    /** The SSE frame: an {@code event:} line, a {@code data:} line and a blank line, as {@code ChatStreams}. */
    public String frame() {
        return "event:" + name + "\ndata:" + data + "\n\n";
    }

    /** The WebSocket text frame: {@code {"event": ..., "data": ...}}. */
    public String json() {
        return "{\"event\":\"" + name + "\",\"data\":" + data + "}";
    }
}
