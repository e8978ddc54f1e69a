package dev.atrium.bot;

import static dev.atrium.bot.BotFlowTest.createBot;
import static dev.atrium.bot.BotFlowTest.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.atrium.bot.support.Accounts;
import dev.atrium.bot.support.Accounts.Account;
import dev.atrium.core.event.Topics;
import dev.atrium.testkit.EventProbe;
import dev.atrium.testkit.InjectJwtKit;
import dev.atrium.testkit.JwtKit;
import io.quarkus.test.junit.QuarkusTest;

/** Bot status counters follow conversation events on Kafka, and bot changes announce themselves there. */
@QuarkusTest
class ActivityTest {

    @InjectJwtKit
    JwtKit jwt;

    @Test
    void countsMessagesAndFailuresOnceEachEvenWhenRedelivered() throws Exception {
        Account alice = Accounts.create(jwt, "alice");
        String bot = createBot(alice, "busy bot");
        long now = Instant.now().getEpochSecond();
        try (KafkaProducer<String, String> producer = producer()) {
            for (String[] e : new String[][]{{"e1", "message.created"}, {"e2", "message.created"}, {"e3", "chat.failed"},
                    {"e1", "message.created"}, {"e4", "chat.completed"}}) {
                String json = "{\"id\":\"" + bot + e[0] + "\",\"type\":\"" + e[1] + "\",\"source\":\"conversation\",\"time\":" + now
                        + ",\"subject\":\"1\",\"data\":{\"bot_id\":\"" + bot + "\"}}";
                producer.send(new ProducerRecord<>(Topics.CONVERSATION, bot, json)).get();
            }
            producer.send(new ProducerRecord<>(Topics.CONVERSATION, bot, "not json")).get();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", alice.bearer()).get("/api/v1/bots/" + bot + "/status").then().statusCode(200)
                        .body("data.message_count", equalTo(2)).body("data.error_count", equalTo(1))
                        .body("data.last_activity", equalTo((int) now)));
    }

    @Test
    void publishesBotEventsThroughTheOutbox() {
        Account alice = Accounts.create(jwt, "alice");
        String bot = createBot(alice, "announced");
        post(alice, "/api/v1/bots/" + bot + "/publish", null).statusCode(200);
        given().header("Authorization", alice.bearer()).delete("/api/v1/bots/" + bot).then().statusCode(200);
        for (String type : new String[]{"bot.created", "bot.published", "bot.deleted"}) {
            var event = EventProbe.await(Topics.BOT, e -> type.equals(e.path("type").asText()) && bot.equals(e.path("subject").asText()),
                    Duration.ofSeconds(20));
            org.junit.jupiter.api.Assertions.assertEquals(alice.workspace(), event.path("data").path("workspace_id").asText());
        }
        var published = EventProbe.await(Topics.BOT, e -> "bot.published".equals(e.path("type").asText())
                && bot.equals(e.path("subject").asText()), Duration.ofSeconds(5));
        org.junit.jupiter.api.Assertions.assertEquals(1, published.path("data").path("version").asInt());
    }

    private static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }
}
