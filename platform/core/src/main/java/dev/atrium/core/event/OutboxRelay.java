package dev.atrium.core.event;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
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
            LOG.warnf("outbox relay failed, will retry: %s", e.getMessage());
            throw new IllegalStateException(e);
        }
    }

    /** Publishes one batch; returns how many events went out. */
    int relayBatch() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<long[]> ids = new ArrayList<>();
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "select id, topic, record_key, payload::text from outbox order by id limit ? for update skip locked")) {
                ps.setInt(1, BATCH);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(new long[]{rs.getLong(1)});
                        sends.add(producer().send(new ProducerRecord<>(rs.getString(2), rs.getString(3), rs.getString(4))));
                    }
                }
            }
            if (ids.isEmpty()) {
                return 0;
            }
            for (Future<RecordMetadata> send : sends) {
                try {
                    send.get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("kafka did not acknowledge an event", e);
                }
            }
            try (PreparedStatement del = c.prepareStatement("delete from outbox where id = any (?)")) {
                Long[] boxed = ids.stream().map(a -> a[0]).toArray(Long[]::new);
                del.setArray(1, c.createArrayOf("bigint", boxed));
                del.executeUpdate();
            }
            return ids.size();
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
