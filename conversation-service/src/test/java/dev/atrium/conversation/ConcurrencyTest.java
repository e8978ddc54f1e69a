package dev.atrium.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atrium.conversation.support.Accounts;
import dev.atrium.conversation.support.Accounts.Account;
import dev.atrium.conversation.support.FakePlatform;
import dev.atrium.conversation.support.SseFrames;
import dev.atrium.conversation.support.SseFrames.Frame;
import dev.atrium.testkit.InjectJwtKit;
import dev.atrium.testkit.InjectLlmStub;
import dev.atrium.testkit.JwtKit;
import dev.atrium.testkit.server.OpenAiStub;
import dev.atrium.testkit.server.OpenAiStub.Reply;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Many streams at once: each gets its own answer, complete and in order, and every chat is stored. */
@QuarkusTest
class ConcurrencyTest {

    private static final int STREAMS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectJwtKit
    JwtKit jwt;
    @InjectLlmStub
    OpenAiStub llm;

    @BeforeEach
    void reset() {
        llm.reset();
        FakePlatform.llm(llm.baseUrl());
    }

    @Test
    void concurrentStreamsEachGetTheirOwnCompleteAnswer() throws Exception {
        Account user = Accounts.create(jwt, "many");
        String bot = Accounts.bot(user, "sys");
        // the stub answers each question with its own words, in small delayed chunks
        llm.respondWith(req -> {
            var messages = req.path("messages");
            String question = messages.get(messages.size() - 1).path("content").asText();
            return Reply.text("answer to " + question + " in several chunks").withChunkDelayMs(20);
        });
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            String body = JSON.writeValueAsString(Map.of("bot_id", bot, "stream", true, "query", "q" + i));
            calls.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/api/v1/chat"))
                    .header("Authorization", user.bearer()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        for (int i = 0; i < STREAMS; i++) {
            HttpResponse<String> response = calls.get(i).get();
            assertThat(response.statusCode()).isEqualTo(200);
            List<Frame> frames = SseFrames.parse(response.body());
            assertThat(SseFrames.answer(frames)).isEqualTo("answer to q" + i + " in several chunks");
            List<String> names = SseFrames.names(frames);
            assertThat(names.subList(names.size() - 2, names.size())).containsExactly("conversation.chat.completed", "done");
        }
        assertThat(llm.requestCount()).isEqualTo(STREAMS);
    }
}
