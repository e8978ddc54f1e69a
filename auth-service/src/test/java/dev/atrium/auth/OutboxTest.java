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
