package dev.atrium.gateway.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atrium.core.event.ConsumerThread;
import dev.atrium.core.event.EventEnvelope;
import dev.atrium.gateway.auth.CredentialCache;
import dev.atrium.gateway.auth.Revocations;
import dev.atrium.gateway.config.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Follows auth's events for {@code token.revoked}. Every replica must see every event, so this uses plain
 * kafka-clients with manual partition assignment and no consumer group (nothing to rebalance, no offsets to
 * commit): on start it seeks to the first record of the last token lifetime, which restores every revocation
 * that can still matter. It runs on its own thread and retries until the broker and topic exist, so a slow or
 * absent Kafka never delays startup; readiness reports Kafka through {@code quarkus.kafka.health.enabled}.
 */
@ApplicationScoped
public class RevocationConsumer {

    public static final String TOKEN_REVOKED = "token.revoked";
    private static final Logger LOG = Logger.getLogger(RevocationConsumer.class);

    private final GatewayConfig.Revocation config;
    private final String bootstrap;
    private final Revocations revocations;
    private final CredentialCache cache;
    private final ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final ConsumerThread loop = new ConsumerThread();

    public RevocationConsumer(GatewayConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                              Revocations revocations, CredentialCache cache) {
        this.config = config.revocation();
        this.bootstrap = bootstrap;
        this.revocations = revocations;
        this.cache = cache;
    }

    void start(@Observes StartupEvent ignored) {
        if (!config.enabled()) {
            return;
        }
        loop.start("atrium-revocations", this::run);
    }

    void stop(@Observes ShutdownEvent ignored) {
        loop.stop();
    }

    private void run() {
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(properties())) {
            loop.attach(c);
            Set<TopicPartition> assigned = new HashSet<>();
            long nextRefresh = 0;
            while (loop.running()) {
                try {
                    if (System.nanoTime() >= nextRefresh) {
                        assignNew(c, assigned);
                        nextRefresh = System.nanoTime() + config.partitionRefresh().toNanos();
                    }
                    if (assigned.isEmpty()) {
                        if (!loop.pause(Duration.ofMillis(Math.min(1_000, config.partitionRefresh().toMillis())))) {
                            return;
                        }
                        continue;
                    }
                    for (ConsumerRecord<String, String> record : c.poll(Duration.ofMillis(500))) {
                        handle(record.value());
                    }
                } catch (WakeupException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.warnf("revocation consumer: %s, retrying", e.toString());
                    if (!loop.pause(Duration.ofSeconds(1))) {
                        return;
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "revocation consumer stopped");
        }
    }

    private void assignNew(KafkaConsumer<String, String> c, Set<TopicPartition> assigned) {
        List<PartitionInfo> infos = c.partitionsFor(config.topic(), Duration.ofSeconds(5));
        if (infos == null || infos.isEmpty()) {
            return;
        }
        List<TopicPartition> fresh = new ArrayList<>();
        for (PartitionInfo info : infos) {
            TopicPartition tp = new TopicPartition(info.topic(), info.partition());
            if (!assigned.contains(tp)) {
                fresh.add(tp);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        Set<TopicPartition> all = new HashSet<>(assigned);
        all.addAll(fresh);
        c.assign(all);
        long from = System.currentTimeMillis() - config.maxTokenLifetime().toMillis();
        Map<TopicPartition, Long> query = new HashMap<>();
        fresh.forEach(tp -> query.put(tp, from));
        Map<TopicPartition, OffsetAndTimestamp> offsets = c.offsetsForTimes(query, Duration.ofSeconds(10));
        for (TopicPartition tp : fresh) {
            OffsetAndTimestamp at = offsets.get(tp);
            if (at != null) {
                c.seek(tp, at.offset());
            } else {
                c.seekToEnd(List.of(tp));
            }
        }
        assigned.addAll(fresh);
        LOG.infof("following %s from %s on %d partition(s)", config.topic(), Instant.ofEpochMilli(from), all.size());
    }

    /** Applies one event; malformed or unrelated records are skipped, never retried. */
    void handle(String json) {
        if (json == null) {
            return;
        }
        EventEnvelope event;
        try {
            event = mapper.readValue(json, EventEnvelope.class);
        } catch (Exception e) {
            LOG.debugf("skipping unreadable event: %s", e.getMessage());
            return;
        }
        if (!TOKEN_REVOKED.equals(event.type()) || event.data() == null) {
            return;
        }
        long now = Instant.now().getEpochSecond();
        long lifetime = config.maxTokenLifetime().toSeconds();
        if (event.time() > 0 && event.time() < now - lifetime) {
            return;
        }
        JsonNode data = event.data();
        String tokenId = data.path("token_id").asText("");
        String type = data.path("credential_type").asText("");
        long expiresAt = data.path("expires_at").asLong(0);
        long horizon = (event.time() > 0 ? event.time() : now) + lifetime;
        if (tokenId.isEmpty()) {
            return;
        }
        switch (type) {
            case "jwt" -> revocations.revokeJti(tokenId, expiresAt > 0 ? expiresAt : horizon);
            case "session" -> revocations.revokeSession(tokenId, expiresAt > 0 ? expiresAt : horizon);
            case "pat", "api_key" -> {
                // remembered for a token lifetime so a resolution already in flight cannot re-enter the cache
                revocations.revokeCredential(tokenId, horizon);
                cache.invalidateCredential(tokenId);
            }
            default -> LOG.debugf("skipping revocation of unknown credential type %s", type);
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "gateway-revocations-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return p;
    }
}
