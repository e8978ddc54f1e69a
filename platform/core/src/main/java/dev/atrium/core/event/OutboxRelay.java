package dev.atrium.core.event;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

/**
 * Ships outbox rows to Kafka at least once: rows are locked with {@code SKIP LOCKED} (so replicas share
 * the work), sent and acknowledged, then deleted in the same transaction. A crash between the send and
 * the delete re-sends; consumers de-duplicate by event id ({@link ProcessedEvents}).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;

    private final DataSource dataSource;
    private final String bootstrap;
    private volatile KafkaProducer<String, String> producer;

    public OutboxRelay(DataSource dataSource, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.dataSource = dataSource;
        this.bootstrap = bootstrap;
    }

    @Scheduled(every = "${atrium.outbox.interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    public void relay() {
        try {
            relayBatch();
        } catch (SQLException | RuntimeException e) {
            // rolled back, not rethrown: the next run retries, and the scheduler does not log it a second time
            LOG.warnf("outbox relay failed, will retry: %s", e.getMessage());
            io.quarkus.narayana.jta.QuarkusTransaction.setRollbackOnly();
        }
    }

    /**
     * Publishes one batch; returns how many rows left the outbox. A record Kafka refuses for good (too
     * large, invalid topic) moves to {@code outbox_dead_letter} so it cannot hold back every later
     * event; any other failure rolls the batch back to be sent again.
     */
    int relayBatch() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<Long> ids = new ArrayList<>();
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "select id, topic, record_key, payload::text from outbox order by id limit ? for update skip locked")) {
                ps.setInt(1, BATCH);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                        sends.add(producer().send(new ProducerRecord<>(rs.getString(2), rs.getString(3), rs.getString(4))));
                    }
                }
            }
            if (ids.isEmpty()) {
                return 0;
            }
            for (int i = 0; i < sends.size(); i++) {
                Throwable failure = failureOf(sends.get(i));
                if (failure instanceof RetriableException || failure instanceof TimeoutException) {
                    throw new IllegalStateException("kafka did not acknowledge an event", failure);
                }
                if (failure != null) {
                    deadLetter(c, ids.get(i), failure);
                }
            }
            try (PreparedStatement del = c.prepareStatement("delete from outbox where id = any (?)")) {
                del.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                del.executeUpdate();
            }
            return ids.size();
        }
    }

    /** Null when the send was acknowledged. */
    private static Throwable failureOf(Future<RecordMetadata> send) {
        try {
            send.get(10, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            return new TimeoutException("no acknowledgement within 10 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TimeoutException("interrupted while waiting for kafka");
        }
    }

    private static void deadLetter(Connection c, long id, Throwable failure) throws SQLException {
        LOG.errorf("kafka refused outbox event %d for good, moved to outbox_dead_letter: %s", id, failure.toString());
        try (PreparedStatement move = c.prepareStatement("""
                insert into outbox_dead_letter (id, topic, record_key, payload, created_at, failed_at, error)
                select id, topic, record_key, payload, created_at, now(), ? from outbox where id = ?""")) {
            String error = String.valueOf(failure);
            move.setString(1, error.length() > 1000 ? error.substring(0, 1000) : error);
            move.setLong(2, id);
            move.executeUpdate();
        }
    }

    private KafkaProducer<String, String> producer() {
        KafkaProducer<String, String> p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    Properties props = new Properties();
                    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
                    props.put(ProducerConfig.ACKS_CONFIG, "all");
                    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
                    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
                    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
                    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
                    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
                    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    producer = new KafkaProducer<>(props);
                }
                p = producer;
            }
        }
        return p;
    }

    void close(@Observes ShutdownEvent ignored) {
        KafkaProducer<String, String> p = producer;
        if (p != null) {
            p.close(java.time.Duration.ofSeconds(2));
        }
    }
}
