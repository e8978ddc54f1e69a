package dev.atrium.conversation.room;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A bot taking part in a room, with the name others @mention it by and its place in the speaking order. */
@Entity
@Table(name = "room_agents")
public class RoomAgent {

    @Id
    public long id;
    @Column(name = "room_id")
    public long roomId;
    @Column(name = "bot_id")
    public long botId;
    public String name;
    public int position;
    @Column(name = "added_by")
    public long addedBy;
    @Column(name = "created_at")
    public Instant createdAt;
}
