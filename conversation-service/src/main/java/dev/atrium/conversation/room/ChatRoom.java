package dev.atrium.conversation.room;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A room of one workspace where users and several agents (bots) talk together. {@code policy} says which
 * agents answer a user message nobody was @mentioned in; {@code maxAgentTurns} caps the replies agents
 * trigger in each other per user message.
 */
@Entity
@Table(name = "chat_rooms")
public class ChatRoom {

    public static final String ALL = "all";
    public static final String ROUND_ROBIN = "round_robin";
    public static final String MODERATOR = "moderator";
    public static final int DEFAULT_MAX_AGENT_TURNS = 3;

    @Id
    public long id;
    @Column(name = "workspace_id")
    public long workspaceId;
    public String name;
    public String description;
    public String policy;
    @Column(name = "moderator_bot_id")
    public Long moderatorBotId;
    @Column(name = "max_agent_turns")
    public int maxAgentTurns;
    @Column(name = "created_by")
    public long createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "deleted_at")
    public Instant deletedAt;
}
