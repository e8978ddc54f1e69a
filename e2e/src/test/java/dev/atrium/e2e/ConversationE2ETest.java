package dev.atrium.e2e;

import static dev.atrium.e2e.Envelopes.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atrium.testkit.server.OpenAiStub;

/**
 * Chatting with a published bot through the gateway: conversation-service resolves the bot's model over gRPC
 * from bot-service (the suite's platform provider, pointing at the LLM stub), streams the Coze v3 events through
 * the gateway, keeps the history, hides the conversation from other workspaces and reports activity to
 * bot-service over Kafka.
 */
@ExtendWith(AtriumSuite.class)
@Order(100)
class ConversationE2ETest {

    private final Gateway gateway = AtriumSuite.gateway();

    @Test
    void aUserChatsWithAPublishedBotOverStreamBlockingAndMessagesAndNoOtherWorkspaceSeesIt() throws Exception {
        OpenAiStub llm = AtriumSuite.llm();
        Users.Session alice = Users.register(gateway);
        Users.Session mallory = Users.register(gateway);

        // A bot without a model of its own runs on the platform provider the suite configured.
        Gateway.Reply created = gateway.post("/api/v1/bots", Map.of("name", "chat bot",
                "system_prompt", "You are a terse e2e assistant."), alice.accessToken());
        assertOk(created);
        String botId = created.data().path("id").asText();
        Gateway.Reply published = gateway.post("/api/v1/bots/" + botId + "/publish", Map.of("changelog", "v1"), alice.accessToken());
        assertOk(published);
        long countBefore = messageCount(botId, alice.accessToken());

        // Only bot-service knows the platform key; the stub now insists on it, so a model call that arrives
        // proves conversation-service got the decrypted target from bot-service over gRPC.
        llm.requireApiKey(AtriumSuite.PLATFORM_LLM_KEY);
        try {
            // (a) Coze v3 streaming through the gateway, read strictly as the Coze SDKs parse it.
            String firstQuestion = "What is the capital of France?";
            String firstAnswer = "The capital of France is Paris, of course.";
            int before = llm.requestCount();
            llm.enqueue(OpenAiStub.Reply.text(firstAnswer).withChunkDelayMs(150).withUsage(21, 9));
            Gateway.Streamed stream = gateway.stream("/v3/chat", Map.of("bot_id", botId, "user_id", "end-user-1",
                    "stream", true, "additional_messages", List.of(Map.of("role", "user", "content", firstQuestion,
                            "content_type", "text"))), alice.accessToken());
            assertEquals(200, stream.status(), stream::toString);
            assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"), stream::toString);
            List<Event> events = parseStrictly(stream);
            assertEquals("done", events.getLast().name(), stream::toString);
            assertEquals("\"[DONE]\"", events.getLast().data(), stream::toString);
            assertEquals("conversation.chat.created", events.getFirst().name(), stream::toString);

            StringBuilder deltas = new StringBuilder();
            int deltaCount = 0;
            int firstDeltaIndex = -1;
            for (Event e : events) {
                if (e.name().equals("conversation.message.delta") && e.json().path("type").asText().equals("answer")) {
                    deltas.append(e.json().path("content").asText());
                    deltaCount++;
                    if (firstDeltaIndex < 0) {
                        firstDeltaIndex = e.dataLine();
                    }
                }
            }
            assertEquals(firstAnswer, deltas.toString(), stream::toString);
            assertTrue(deltaCount > 1, () -> "the answer should arrive in several deltas: " + stream);
            Event completed = events.stream().filter(e -> e.name().equals("conversation.chat.completed")).findFirst()
                    .orElseThrow(() -> new AssertionError("no conversation.chat.completed in " + stream));
            assertEquals("completed", completed.json().path("status").asText(), stream::toString);
            JsonNode usage = completed.json().path("usage");
            assertEquals(30, usage.path("token_count").asInt(), stream::toString);
            assertEquals(21, usage.path("input_count").asInt(), stream::toString);
            assertEquals(9, usage.path("output_count").asInt(), stream::toString);
            Event answer = events.stream().filter(e -> e.name().equals("conversation.message.completed")
                    && e.json().path("type").asText().equals("answer")).findFirst()
                    .orElseThrow(() -> new AssertionError("no completed answer in " + stream));
            assertEquals(firstAnswer, answer.json().path("content").asText(), stream::toString);
            String conversationId = completed.json().path("conversation_id").asText();
            assertFalse(conversationId.isEmpty(), stream::toString);
            // Unbuffered: the stub spaces its chunks 150 ms apart, so the first delta reaches the client well
            // before the end of the stream; a buffering hop would deliver everything at once.
            long spreadMs = TimeUnit.NANOSECONDS.toMillis(stream.arrivals().getLast() - stream.arrivals().get(firstDeltaIndex));
            assertTrue(spreadMs >= 300, () -> "events arrived together (" + spreadMs + " ms apart): buffered? " + stream);
            assertEquals(before + 1, llm.requestCount());
            assertEquals("e2e-model", llm.lastRequest().path("model").asText(), () -> llm.lastRequest().toString());

            // (b) blocking native chat in the same conversation
            String secondQuestion = "And of Italy?";
            String secondAnswer = "Rome is the capital of Italy.";
            llm.enqueue(OpenAiStub.Reply.text(secondAnswer));
            Gateway.Reply blocking = gateway.post("/api/v1/chat", Map.of("bot_id", botId, "user_id", "end-user-1",
                    "conversation_id", conversationId, "additional_messages", List.of(Map.of("role", "user",
                            "content", secondQuestion, "content_type", "text"))), alice.accessToken());
            assertOk(blocking);
            assertEquals("completed", blocking.data().path("chat").path("status").asText(), blocking::toString);
            assertEquals(conversationId, blocking.data().path("chat").path("conversation_id").asText(), blocking::toString);
            assertEquals(secondAnswer, answerOf(blocking.data().path("messages")), blocking::toString);

            // (c) a third turn through the messages API: the model sees the earlier turns, in order
            String thirdQuestion = "Which of the two is further south?";
            llm.enqueue(OpenAiStub.Reply.text("Rome."));
            Gateway.Reply sent = gateway.post("/api/v1/conversations/" + conversationId + "/messages",
                    Map.of("content", thirdQuestion), alice.accessToken());
            assertOk(sent);
            assertEquals(thirdQuestion, sent.data().path("user_message").path("content").asText(), sent::toString);
            assertEquals("Rome.", sent.data().path("bot_response").path("content").asText(), sent::toString);
            assertEquals("completed", sent.data().path("chat").path("status").asText(), sent::toString);
            List<String> seen = new ArrayList<>();
            for (JsonNode m : llm.lastRequest().path("messages")) {
                if (!m.path("role").asText().equals("system")) {
                    seen.add(m.path("role").asText() + ": " + m.path("content").asText());
                }
            }
            assertEquals(List.of("user: " + firstQuestion, "assistant: " + firstAnswer, "user: " + secondQuestion,
                    "assistant: " + secondAnswer, "user: " + thirdQuestion), seen, () -> llm.lastRequest().toString());
            assertTrue(llm.lastRequest().path("messages").get(0).path("content").asText().contains("terse e2e assistant"),
                    () -> llm.lastRequest().toString());

            Gateway.Reply history = gateway.get("/api/v1/conversations/" + conversationId + "/messages?order=asc", alice.accessToken());
            assertOk(history);
            assertTrue(history.body().contains(firstAnswer) && history.body().contains(thirdQuestion), history::toString);

            // (d) another workspace sees nothing of it
            String stranger = mallory.accessToken();
            for (Gateway.Reply denied : List.of(
                    gateway.get("/api/v1/conversations/" + conversationId, stranger),
                    gateway.get("/api/v1/conversations/" + conversationId + "/messages", stranger),
                    gateway.post("/v3/chat?conversation_id=" + conversationId, Map.of("bot_id", botId, "user_id", "x",
                            "stream", false, "additional_messages", List.of(Map.of("role", "user", "content", "hi",
                                    "content_type", "text"))), stranger))) {
                assertEquals(404, denied.status(), denied::toString);
                assertTrue(Long.toString(denied.code().orElseThrow(() -> new AssertionError("no code: " + denied))).startsWith("103"),
                        denied::toString);
            }
            assertEquals(before + 3, llm.requestCount(), "the stranger's chat must not reach the model");
        } finally {
            llm.requireApiKey(null);
        }

        // (e) the activity reaches bot-service: outbox -> Kafka -> ActivityConsumer
        Gateway.Reply status = Gateway.poll(Duration.ofSeconds(20), () -> gateway.get("/api/v1/bots/" + botId + "/status",
                alice.accessToken()), r -> r.status() == 200 && r.data().path("message_count").asLong() > countBefore);
        assertOk(status);
        assertTrue(status.data().path("message_count").asLong() > countBefore, status::toString);
        assertTrue(status.data().path("last_activity").isNumber(), status::toString);

        // (f) no process logged the platform key on the way
        var logs = AtriumSuite.logsDir();
        if (logs.isPresent()) {
            try (var files = Files.list(logs.get())) {
                for (var file : files.toList()) {
                    String text = Files.readString(file);
                    assertFalse(text.contains(AtriumSuite.PLATFORM_LLM_KEY), () -> file + " holds the platform key");
                }
            }
        }
    }

    private long messageCount(String botId, String token) {
        Gateway.Reply status = gateway.get("/api/v1/bots/" + botId + "/status", token);
        assertOk(status);
        assertTrue(status.data().path("message_count").isIntegralNumber(), status::toString);
        return status.data().path("message_count").asLong();
    }

    private static String answerOf(JsonNode messages) {
        String answer = null;
        for (JsonNode m : messages) {
            if (m.path("type").asText().equals("answer")) {
                answer = m.path("content").asText();
            }
        }
        return answer;
    }

    /** One SSE frame; {@code dataLine} is the index of its data line in the body. */
    private record Event(String name, String data, JsonNode json, int dataLine) {
    }

    /**
     * The Coze v3 framing every SDK accepts: frames of exactly {@code event:} line, {@code data:} line with
     * single-line JSON, blank line; nothing else (no ids, comments or heartbeats).
     */
    private static List<Event> parseStrictly(Gateway.Streamed stream) {
        List<String> lines = stream.lines();
        List<Event> events = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.isBlank()) {
                i++;
                continue;
            }
            int at = i;
            assertTrue(line.startsWith("event:"), () -> "line " + at + " is not an event line: '" + line + "' in " + stream);
            assertTrue(at + 1 < lines.size() && lines.get(at + 1).startsWith("data:"),
                    () -> "event line " + at + " is not directly followed by its data line in " + stream);
            String name = line.substring("event:".length()).trim();
            String data = lines.get(at + 1).substring("data:".length()).trim();
            JsonNode json;
            try {
                json = Gateway.JSON.readTree(data);
            } catch (java.io.IOException e) {
                throw new AssertionError("data of " + name + " at line " + (at + 1) + " is not JSON: " + data, e);
            }
            assertNotNull(json, () -> "empty data for " + name);
            assertTrue(at + 2 >= lines.size() || lines.get(at + 2).isEmpty(),
                    () -> "frame at line " + at + " is not ended by a blank line in " + stream);
            events.add(new Event(name, data, json, at + 1));
            i = at + 2;
        }
        assertFalse(events.isEmpty(), () -> "no events in " + stream);
        for (int k = 0; k < events.size() - 1; k++) {
            assertFalse(events.get(k).name().equals("done"), () -> "events after done in " + stream);
        }
        return events;
    }
}
