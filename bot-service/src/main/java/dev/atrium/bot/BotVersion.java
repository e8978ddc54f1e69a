package dev.atrium.bot;

import java.io.Serializable;
import java.time.Instant;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** An immutable, numbered snapshot of a bot's definition; chat runs the latest one. */
@Entity
@Table(name = "bot_versions")
public class BotVersion {

    @Embeddable
    public record Key(@Column(name = "bot_id") long botId, int version) implements Serializable {
    }

    @EmbeddedId
    public Key key;
    @JdbcTypeCode(SqlTypes.JSON)
    public String definition;
    public String changelog;
    @Column(name = "published_by")
    public long publishedBy;
    @Column(name = "created_at")
    public Instant createdAt;
}
