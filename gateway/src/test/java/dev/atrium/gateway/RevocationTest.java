package dev.atrium.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.atrium.core.event.EventEnvelope;
import dev.atrium.core.event.Topics;
import dev.atrium.gateway.support.Control;
import dev.atrium.gateway.support.Upstreams;
import dev.atrium.testkit.InjectJwtKit;
import dev.atrium.testkit.JwtKit;
import dev.atrium.testkit.JwtResource;
import dev.atrium.testkit.KafkaResource;
import dev.atrium.testkit.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "atrium_gateway"))
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(Upstreams.class)
class RevocationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectJwtKit
    JwtKit jwt;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private KafkaProducer<String, String> producer;

    @BeforeEach
    void producer() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    @AfterEach
    void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private void publishRevocation(String tokenId, String credentialType, long eventTime) throws Exception {
        ObjectNode data = JSON.createObjectNode()
                .put("token_id", tokenId)
                .put("credential_type", credentialType)
                .put("expires_at", Instant.now().getEpochSecond() + 3600);
        EventEnvelope event = new EventEnvelope(UUID.randomUUID().toString(), "token.revoked", "auth", eventTime,
                tokenId, data);
        producer.send(new ProducerRecord<>(Topics.AUTH, tokenId, JSON.writeValueAsString(event))).get();
    }

    private static String jtiOf(String token) throws Exception {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return JSON.readTree(payload).get("jti").asText();
    }

    private static int status(String bearer) {
        return given().auth().oauth2(bearer).when().get("/api/v1/bots/1").then().extract().statusCode();
    }

    @Test
    void revokedJwtIsRejected() throws Exception {
        String token = jwt.mint(31, "carol");
        assertEquals(200, status(token));
        publishRevocation(jtiOf(token), "jwt", Instant.now().getEpochSecond());
        await().atMost(Duration.ofSeconds(20)).until(() -> status(token) == 401);
        given().auth().oauth2(token).when().get("/api/v1/bots/1")
                .then().statusCode(401).body("code", org.hamcrest.Matchers.is(108401002));
        assertEquals(200, status(jwt.mint(31, "carol")), "other tokens of the user stay valid");
    }

    @Test
    void aRevokedSessionRejectsEveryTokenOfThatSession() throws Exception {
        String sid = Long.toString(System.nanoTime());
        String first = jwt.mint(JwtKit.claims(32, "dana").session(sid));
        String second = jwt.mint(JwtKit.claims(32, "dana").session(sid));
        String otherSession = jwt.mint(JwtKit.claims(32, "dana").session(sid + "1"));
        assertEquals(200, status(first));
        publishRevocation(sid, "session", Instant.now().getEpochSecond());
        await().atMost(Duration.ofSeconds(20)).until(() -> status(first) == 401);
        assertEquals(401, status(second));
        assertEquals(200, status(otherSession), "another login of the same user stays valid");
    }

    @Test
    void revokedPatIsDroppedFromTheCache() throws Exception {
        String pat = "pat_ok_" + UUID.randomUUID();
        assertEquals(200, status(pat));
        assertEquals(200, status(pat));
        assertEquals(1, Control.grpcCalls(pat));
        publishRevocation(Upstreams.credentialId(pat), "pat", Instant.now().getEpochSecond());
        await().atMost(Duration.ofSeconds(20)).until(() -> status(pat) == 401);
        assertEquals(2, Control.grpcCalls(pat), "the cached resolution was dropped and asked for again");
    }

    @Test
    void revocationsOlderThanATokenLifetimeAreIgnored() throws Exception {
        String token = jwt.mint(32, "dave");
        String fresh = jwt.mint(33, "erin");
        publishRevocation(jtiOf(token), "jwt", Instant.now().minusSeconds(7200).getEpochSecond());
        publishRevocation(jtiOf(fresh), "jwt", Instant.now().getEpochSecond());
        // once the later event is applied, the earlier one has been read (and skipped) too
        await().atMost(Duration.ofSeconds(20)).until(() -> status(fresh) == 401);
        assertEquals(200, status(token));
    }
}
