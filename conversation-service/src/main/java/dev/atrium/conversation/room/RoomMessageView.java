package dev.atrium.conversation.room;

/** A room message; agents' replies carry their token usage. */
public record RoomMessageView(String id, String roomId, String participantType, String participantId,
                              String participantName, String content, String replyTo, Usage usage, long createdAt) {

    public record Usage(int inputTokens, int outputTokens, int tokenCount) {
    }

    public static RoomMessageView of(RoomMessage m) {
        return new RoomMessageView(Long.toString(m.id), Long.toString(m.roomId), m.participantType, m.participantId,
                m.participantName, m.content, m.replyTo == null ? null : Long.toString(m.replyTo),
                RoomMessage.AGENT.equals(m.participantType)
                        ? new Usage(m.inputTokens, m.outputTokens, m.inputTokens + m.outputTokens) : null,
                m.createdAt.getEpochSecond());
    }
}
