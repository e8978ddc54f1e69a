package dev.atrium.conversation;

import java.time.Instant;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A conversation of one user with one bot (or, without a bot, with a model chosen on the conversation). Its
 * messages are split into sections: clearing the context starts a new section, and only the current one is
 * sent to the model. {@code summary} condenses the turns of the current section that left the model window.
 */
@Entity
@Table(name = "conversations")
public class Conversation {

    @Id
    public long id;
    @Column(name = "workspace_id")
    public long workspaceId;
    @Column(name = "bot_id")
    public Long botId;
    @Column(name = "creator_id")
    public long creatorId;
    @Column(name = "end_user_id")
    public String endUserId;
    @Column(name = "connector_id")
    public String connectorId;
    public String name;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "meta_data")
    public String metaData;
    @JdbcTypeCode(SqlTypes.JSON)
    public String variables;
    /** Bot-less conversations: {@link ModelSettings} as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "model_config")
    public String modelConfig;
    public String status;
    @Column(name = "section_id")
    public long sectionId;
    public String summary;
    @Column(name = "summary_upto")
    public Long summaryUpto;
    @Column(name = "last_message_at")
    public Instant lastMessageAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "deleted_at")
    public Instant deletedAt;
}
