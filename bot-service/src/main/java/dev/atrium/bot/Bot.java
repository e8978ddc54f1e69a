package dev.atrium.bot;

import java.time.Instant;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A bot of a workspace. Its editable definition is the {@code draft} ({@link BotDefinition} as JSON);
 * publishing copies it into an immutable {@link BotVersion}. The run state and activity counters live here
 * because they are not part of what a version means.
 */
@Entity
@Table(name = "bots")
public class Bot {

    @Id
    public long id;
    @Column(name = "workspace_id")
    public long workspaceId;
    @Column(name = "owner_id")
    public long ownerId;
    public String name;
    public String description;
    @Column(name = "icon_url")
    public String iconUrl;
    public String mode;
    @Column(name = "platform_type")
    public String platformType;
    /** Ciphertext of the platform (channel) config, which holds channel credentials. */
    @Column(name = "platform_config")
    public String platformConfig;
    @JdbcTypeCode(SqlTypes.JSON)
    public String draft;
    @Column(name = "latest_version")
    public int latestVersion;
    @Column(name = "published_at")
    public Instant publishedAt;
    @Column(name = "is_running")
    public boolean running;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "message_count")
    public long messageCount;
    @Column(name = "error_count")
    public long errorCount;
    @Column(name = "last_activity_at")
    public Instant lastActivityAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "deleted_at")
    public Instant deletedAt;

    public boolean isPublished() {
        return latestVersion > 0;
    }
}
