package dev.atrium.core.event;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atrium.core.error.ErrorRange;
import dev.atrium.core.id.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The transactional outbox: {@link #publish} writes the event into the {@code outbox} table inside the
 * caller's transaction (it refuses to run without one), so the event exists exactly when the change
 * does. {@link OutboxRelay} ships the rows to Kafka afterwards.
 */
@ApplicationScoped
public class Outbox {

    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final String source;

    public Outbox(DataSource dataSource, ObjectMapper mapper, ErrorRange service) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.source = service.name();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope publish(String topic, String type, String subject, Object data) {
        EventEnvelope event = new EventEnvelope(Ids.nextString(), type, source, Instant.now().getEpochSecond(),
                subject, mapper.valueToTree(data));
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "insert into outbox (id, topic, record_key, payload, created_at) values (?, ?, ?, ?::jsonb, now())")) {
            ps.setLong(1, Long.parseLong(event.id()));
            ps.setString(2, topic);
            ps.setString(3, subject);
            ps.setString(4, mapper.writeValueAsString(event));
            ps.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("could not write event " + type + " to the outbox", e);
        }
        return event;
    }
}
