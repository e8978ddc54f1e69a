package dev.atrium.bot;

import java.io.Serializable;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * The stored value of one bot variable for one end user ({@code connectorUid}) of one connector. Only values
 * live here; what a variable is comes from the bot's definition ({@link BotDefinition.VariableDef}).
 */
@Entity
@Table(name = "memory_variables")
public class VariableEntry {

    @Embeddable
    public record Key(@Column(name = "bot_id") long botId, @Column(name = "connector_id") String connectorId,
                      @Column(name = "connector_uid") String connectorUid, String keyword) implements Serializable {
    }

    @EmbeddedId
    public Key key;
    public String value;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
