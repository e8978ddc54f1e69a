package dev.atrium.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atrium.core.event.Outbox;
import dev.atrium.core.event.ProcessedEvents;
import dev.atrium.core.event.Topics;
import dev.atrium.testkit.EventProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;

/** The platform's outbox and consumer de-duplication, exercised in the first service that uses them. */
@QuarkusTest
class OutboxTest {

    @Inject
    Outbox outbox;

    @Inject
    ProcessedEvents processed;

    @Inject
    javax.sql.DataSource dataSource;

    @Test
    void anEventWrittenInACommittedTransactionReachesKafka() {
        String subject = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> outbox.publish(Topics.AUTH, "test.happened", subject, Map.of("n", 7)));
        JsonNode event = EventProbe.await(Topics.AUTH, e -> e.path("subject").asText().equals(subject), Duration.ofSeconds(15));
        assertEquals("test.happened", event.path("type").asText());
        assertEquals(7, event.path("data").path("n").asInt());
        assertTrue(event.path("id").asText().matches("\\d+"));
        assertTrue(event.path("time").asLong() > 1_700_000_000L);
    }

    @Test
    void anEventOfARolledBackTransactionNeverLeaves() {
        String rolledBack = UUID.randomUUID().toString();
        String committed = UUID.randomUUID().toString();
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.publish(Topics.AUTH, "test.rolled_back", rolledBack, Map.of());
            throw new IllegalStateException("the change failed");
        }));
        QuarkusTransaction.requiringNew().run(() -> outbox.publish(Topics.AUTH, "test.marker", committed, Map.of()));
        // the marker was written after the rolled-back event, so once it is on the topic the other would be too
        EventProbe.await(Topics.AUTH, e -> e.path("subject").asText().equals(committed), Duration.ofSeconds(15));
        assertThrows(AssertionError.class, () -> EventProbe.await(Topics.AUTH,
                e -> e.path("subject").asText().equals(rolledBack), Duration.ofSeconds(2)));
    }

    @Test
    void anEventKafkaRefusesForGoodIsSetAsideAndDoesNotBlockLaterOnes() throws Exception {
        String huge = UUID.randomUUID().toString();
        String after = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            outbox.publish(Topics.AUTH, "test.huge", huge, Map.of("blob", "x".repeat(1_200_000)));
            outbox.publish(Topics.AUTH, "test.after", after, Map.of());
        });
        EventProbe.await(Topics.AUTH, e -> e.path("subject").asText().equals(after), Duration.ofSeconds(15));
        try (var c = dataSource.getConnection();
             var ps = c.prepareStatement("select error from outbox_dead_letter where record_key = ?")) {
            ps.setString(1, huge);
            var rs = ps.executeQuery();
            assertTrue(rs.next(), "the refused event was kept");
            assertTrue(rs.getString(1).contains("RecordTooLarge"), rs.getString(1));
        }
        try (var c = dataSource.getConnection();
             var ps = c.prepareStatement("select count(*) from outbox where record_key in (?, ?)")) {
            ps.setString(1, huge);
            ps.setString(2, after);
            var rs = ps.executeQuery();
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
    }

    @Test
    void publishingOutsideATransactionIsRefused() {
        assertThrows(TransactionalException.class, () -> outbox.publish(Topics.AUTH, "test.loose", "x", Map.of()));
    }

    @Test
    void aConsumerSeesEachEventOnce() {
        String eventId = UUID.randomUUID().toString().substring(0, 30);
        assertTrue(QuarkusTransaction.requiringNew().call(() -> processed.firstDelivery("test-consumer", eventId)));
        assertFalse(QuarkusTransaction.requiringNew().call(() -> processed.firstDelivery("test-consumer", eventId)));
        assertTrue(QuarkusTransaction.requiringNew().call(() -> processed.firstDelivery("other-consumer", eventId)));
    }
}
