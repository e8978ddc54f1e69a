package dev.atrium.conversation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.atrium.conversation.support.Accounts;
import dev.atrium.conversation.support.Accounts.Account;
import dev.atrium.conversation.support.FakePlatform;
import dev.atrium.conversation.support.SseFrames;
import dev.atrium.testkit.InjectJwtKit;
import dev.atrium.testkit.InjectLlmStub;
import dev.atrium.testkit.JwtKit;
import dev.atrium.testkit.server.OpenAiStub;
import dev.atrium.testkit.server.OpenAiStub.Reply;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * SSE clients (fetch-event-source and friends) send {@code Accept: text/event-stream}: the chat endpoints that
 * can stream must accept it instead of answering 406, and still answer JSON when the chat is blocking or fails.
 */
@QuarkusTest
class SseAcceptTest {

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
    void streamingChatsAcceptAnEventStreamAcceptHeader() {
        Account user = Accounts.create(jwt, "sse");
        String bot = Accounts.bot(user, "You are a helpful bot.");
        Map<String, Object> body = Map.of("bot_id", bot, "user_id", "u1", "stream", true,
                "additional_messages", List.of(Map.of("role", "user", "content", "hi", "content_type", "text")));
        for (String path : List.of("/v3/chat", "/api/v1/chat")) {
            llm.enqueue(Reply.text("Hello there"));
            Response r = given().header("Authorization", user.bearer()).accept("text/event-stream")
                    .contentType(ContentType.JSON).body(body).post(path);
            assertThat(r.statusCode()).as(path + ": " + r.asString()).isEqualTo(200);
            assertThat(r.contentType()).contains("text/event-stream");
            assertThat(SseFrames.answer(SseFrames.parse(r.asString()))).isEqualTo("Hello there");
        }

        llm.enqueue(Reply.text("Blocking"));
        Response blocking = given().header("Authorization", user.bearer()).accept("text/event-stream, application/json")
                .contentType(ContentType.JSON).body(Map.of("bot_id", bot, "query", "hi")).post("/api/v1/chat");
        assertThat(blocking.statusCode()).as(blocking.asString()).isEqualTo(200);
        assertThat(blocking.contentType()).contains("application/json");
        assertThat(blocking.jsonPath().getString("data.chat.status")).isEqualTo("completed");

        Response missing = given().header("Authorization", user.bearer()).accept("text/event-stream")
                .contentType(ContentType.JSON).body(body).post("/v3/chat?conversation_id=123456789");
        assertThat(missing.statusCode()).as(missing.asString()).isEqualTo(404);
        assertThat(missing.contentType()).contains("application/json");
        assertThat(missing.jsonPath().getLong("code")).isEqualTo(103404002L);
    }
}
