package dev.atrium.bot;

import static dev.atrium.bot.BotFlowTest.post;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.atrium.bot.support.Accounts;
import dev.atrium.bot.support.Accounts.Account;
import dev.atrium.bot.support.BotChannel;
import dev.atrium.proto.bot.v1.GetBotRuntimeRequest;
import dev.atrium.testkit.InjectJwtKit;
import dev.atrium.testkit.InjectLlmStub;
import dev.atrium.testkit.JwtKit;
import dev.atrium.testkit.server.OpenAiStub;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** A provider key goes in once and then exists only as ciphertext: not in responses, rows, events or logs. */
@QuarkusTest
class SecretLeakTest {

    @RegisterExtension
    final BotChannel grpc = new BotChannel();

    @InjectJwtKit
    JwtKit jwt;

    @InjectLlmStub
    OpenAiStub llm;

    @Inject
    DataSource dataSource;

    @Test
    void aProviderKeyIsNeverStoredLoggedOrAnsweredInClear() throws Exception {
        String key = "sk-leakcheck-" + Accounts.nextId();
        Account alice = Accounts.create(jwt, "alice");
        llm.reset();
        llm.requireApiKey("sk-something-else-entirely");
        StringBuilder answers = new StringBuilder();
        String id = post(alice, "/api/v1/providers", Map.of("name", "leak", "base_url", llm.baseUrl(), "api_key", key,
                "default_model", "m")).statusCode(200).extract().path("data.id");
        answers.append(post(alice, "/api/v1/providers/" + id + "/test", null).statusCode(200).extract().asString());
        answers.append(given().header("Authorization", alice.bearer()).get("/api/v1/providers").asString());
        String bot = post(alice, "/api/v1/bots", Map.of("name", "leaky", "model", Map.of("provider_id", id),
                "platform_config", Map.of("app_secret", key, "webhook_url", "https://example.com/hook/" + key, "greeting", "hello")))
                .statusCode(200).extract().path("data.id");
        answers.append(post(alice, "/api/v1/bots/" + bot + "/publish", null).extract().asString());
        answers.append(given().header("Authorization", alice.bearer()).get("/api/v1/bots/" + bot).asString());
        llm.reset();

        // the chat engine is the one caller that must get it
        assertEquals(key, grpc.bots(alice.token()).getBotRuntime(GetBotRuntimeRequest.newBuilder().setBotId(bot).build())
                .getModel().getTarget().getApiKey());

        assertFalse(answers.toString().contains(key), answers.toString());
        assertTrue(answers.toString().contains("\"greeting\":\"hello\""), "non-secret config is shown");
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "select coalesce(p.api_key, '') || b.draft::text || coalesce(b.platform_config, '') || "
                        + "(select coalesce(string_agg(payload::text, ''), '') from outbox) "
                        + "from providers p, bots b where p.id = " + id + " and b.id = " + bot)) {
            rs.next();
            assertFalse(rs.getString(1).contains(key), "stored in clear");
        }
        Path log = Path.of("target/bot-service-test.log");
        assertTrue(Files.exists(log), "the test profile writes a log file");
        List<String> lines = Files.readAllLines(log);
        assertTrue(lines.size() > 10, "the log file has content");
        assertFalse(lines.stream().anyMatch(l -> l.contains(key)), "a log line holds the key");
    }
}
