package dev.atrium.conversation.room;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One message of a room, from a user, an agent or the room itself (system). */
@Entity
@Table(name = "room_messages")
public class RoomMessage {

    public static final String USER = "user";
    public static final String AGENT = "agent";
    public static final String SYSTEM = "system";

    @Id
    public long id;
    @Column(name = "room_id")
    public long roomId;
    @Column(name = "participant_type")
    public String participantType;
    @Column(name = "participant_id")
    public String participantId;
    @Column(name = "participant_name")
    public String participantName;
    public String content;
    @Column(name = "reply_to")
    public Long replyTo;
    @Column(name = "input_tokens")
    public int inputTokens;
    @Column(name = "output_tokens")
    public int outputTokens;
    @Column(name = "created_at")
    public Instant createdAt;
}
