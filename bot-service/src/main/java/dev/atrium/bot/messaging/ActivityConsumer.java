package dev.atrium.bot.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atrium.bot.config.BotConfig;
import dev.atrium.bot.repository.BotRepository;
import dev.atrium.core.event.ConsumerThread;
import dev.atrium.core.event.EventEnvelope;
import dev.atrium.core.event.ProcessedEvents;
import dev.atrium.core.id.Ids;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Counts a bot's activity from conversation-service's events ({@code message.created}: +1 message,
 * {@code chat.failed}: +1 error, both move {@code last_activity}). One consumer group for all replicas, offsets
 * committed after the batch's transactions, and each event recorded in {@code processed_event} in the same
 * transaction as its counter update, so a redelivered event is never counted twice.
 */
@ApplicationScoped
public class ActivityConsumer {

    public static final String GROUP = "bot-service.activity";
    public static final String MESSAGE_CREATED = "message.created";
    public static final String CHAT_FAILED = "chat.failed";
    private static final Logger LOG = Logger.getLogger(ActivityConsumer.class);

    private final BotConfig.Activity config;
    private final String bootstrap;
    private final BotRepository bots;
    private final ProcessedEvents processed;
    private final ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final ConsumerThread loop = new ConsumerThread();

    public ActivityConsumer(BotConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                            BotRepository bots, ProcessedEvents processed) {
        this.config = config.activity();
        this.bootstrap = bootstrap;
        this.bots = bots;
        this.processed = processed;
    }

    void start(@Observes StartupEvent ignored) {
        if (config.enabled()) {
            loop.start("atrium-bot-activity", this::run);
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        loop.stop();
    }

    private void run() {
        while (loop.running()) {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(properties())) {
                loop.attach(c);
                c.subscribe(List.of(config.topic()));
                while (loop.running()) {
                    ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(500));
                    for (ConsumerRecord<String, String> record : records) {
                        handle(record.value());
                    }
                    if (!records.isEmpty()) {
                        c.commitSync();
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("activity consumer: %s, reconnecting", e.toString());
                if (!loop.pause(Duration.ofSeconds(2))) {
                    return;
                }
            }
        }
    }

    /** Applies one event; unreadable or unrelated records are skipped, never retried. */
    void handle(String json) {
        EventEnvelope event;
        try {
            event = json == null ? null : mapper.readValue(json, EventEnvelope.class);
        } catch (JsonProcessingException e) {
            LOG.debugf("skipping unreadable event: %s", e.getOriginalMessage());
            return;
        }
        if (event == null || event.data() == null || event.id() == null) {
            return;
        }
        long messages = MESSAGE_CREATED.equals(event.type()) ? 1 : 0;
        long errors = CHAT_FAILED.equals(event.type()) ? 1 : 0;
        if (messages + errors == 0) {
            return;
        }
        var botId = Ids.parse(event.data().path("bot_id").asText(""));
        if (botId.isEmpty()) {
            return;
        }
        Instant at = event.time() > 0 ? Instant.ofEpochSecond(event.time()) : Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            if (processed.firstDelivery(GROUP, event.id())) {
                bots.addActivity(botId.get(), messages, errors, at);
            }
        });
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200");
        // notice the topic soon after conversation-service first creates it
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "5000");
        return p;
    }
}
