package dev.atrium.conversation.ws;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atrium.conversation.support.Accounts;
import dev.atrium.conversation.support.Accounts.Account;
import dev.atrium.conversation.support.FakePlatform;
import dev.atrium.conversation.support.WsClient;
import dev.atrium.testkit.InjectJwtKit;
import dev.atrium.testkit.InjectLlmStub;
import dev.atrium.testkit.JwtKit;
import dev.atrium.testkit.server.OpenAiStub;
import dev.atrium.testkit.server.OpenAiStub.Reply;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ConversationWebSocketTest {

    @InjectJwtKit
    JwtKit jwt;
    @InjectLlmStub
    OpenAiStub llm;
    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void reset() {
        llm.reset();
        FakePlatform.llm(llm.baseUrl());
    }

    private String conversation(Account user, String bot) {
        llm.enqueue(Reply.text("Hi"));
        return given().header("Authorization", user.bearer()).contentType(ContentType.JSON)
                .body(Map.of("bot_id", bot, "query", "hello")).post("/api/v1/chat")
                .then().statusCode(200).extract().path("data.chat.conversation_id");
    }

    @Test
    void streamsChunksThenCompleteAndTheStoredBotResponse() {
        Account user = Accounts.create(jwt, "wsa");
        String bot = Accounts.bot(user, "Be kind.");
        String conversation = conversation(user, bot);
        llm.enqueue(Reply.text("Paris is the capital"));
        try (WsClient ws = WsClient.connect(base.toString(), "/api/v1/ws/conversations/" + conversation + "?token=" + user.token())) {
            ws.send(Map.of("type", "user_message", "content", "Capital of France?", "message_type", "text"));
            List<JsonNode> got = ws.until(m -> m.path("type").asText().equals("bot_response"), 15);
            List<String> types = got.stream().map(m -> m.path("type").asText()).toList();
            assertThat(types).contains("stream_chunk");
            assertThat(types.subList(types.size() - 2, types.size())).containsExactly("stream_complete", "bot_response");
            String streamed = got.stream().filter(m -> m.path("type").asText().equals("stream_chunk"))
                    .map(m -> m.path("content").asText()).reduce("", String::concat);
            assertThat(streamed).isEqualTo("Paris is the capital");
            JsonNode response = got.get(got.size() - 1);
            assertThat(response.path("message").path("content").asText()).isEqualTo("Paris is the capital");
            assertThat(response.path("message").path("role").asText()).isEqualTo("assistant");
            String id = response.path("message").path("id").asText();
            assertThat(got.get(got.size() - 2).path("message_id").asText()).isEqualTo(id);
            assertThat(got.stream().filter(m -> m.path("type").asText().equals("stream_chunk"))
                    .allMatch(m -> m.path("message_id").asText().equals(id))).isTrue();
        }
        // the model saw the earlier turn, and the answer is stored in the conversation
        assertThat(llm.lastRequest().path("messages").findValuesAsText("content"))
                .containsExactly("Be kind.", "hello", "Hi", "Capital of France?");
        given().header("Authorization", user.bearer()).get("/api/v1/conversations/" + conversation + "/messages?order=asc")
                .then().statusCode(200).body("data.data.size()", org.hamcrest.Matchers.equalTo(4));
    }

    @Test
    void aFailingModelSendsAnError() {
        Account user = Accounts.create(jwt, "wsf");
        String bot = Accounts.bot(user, "Be kind.");
        String conversation = conversation(user, bot);
        llm.enqueue(Reply.failure(500, "provider exploded"));
        try (WsClient ws = WsClient.connect(base.toString(), "/api/v1/ws/conversations/" + conversation + "?token=" + user.token())) {
            ws.send(Map.of("type", "user_message", "content", "again"));
            JsonNode error = ws.until(m -> m.path("type").asText().equals("error"), 15).getLast();
            assertThat(error.path("code").asInt()).isEqualTo(103_502_001);
            assertThat(error.path("msg").asText()).isNotBlank();
        }
    }

    @Test
    void refusesABadTokenAndAStrangersConversation() {
        Account owner = Accounts.create(jwt, "wso");
        String conversation = conversation(owner, Accounts.bot(owner, "x"));
        try (WsClient ws = WsClient.connect(base.toString(), "/api/v1/ws/conversations/" + conversation + "?token=not-a-jwt")) {
            JsonNode error = ws.next(5);
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.path("code").asInt()).isEqualTo(103_401_001);
            assertThat(ws.closeCode(5)).isEqualTo(1008);
        }
        try (WsClient ws = WsClient.connect(base.toString(), "/api/v1/ws/conversations/" + conversation)) {
            assertThat(ws.next(5).path("code").asInt()).isEqualTo(103_401_001);
            assertThat(ws.closeCode(5)).isEqualTo(1008);
        }
        Account stranger = Accounts.create(jwt, "wss");
        try (WsClient ws = WsClient.connect(base.toString(), "/api/v1/ws/conversations/" + conversation + "?token=" + stranger.token())) {
            JsonNode error = ws.next(5);
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.path("code").asInt()).isEqualTo(103_404_002);
            assertThat(ws.closeCode(5)).isEqualTo(1008);
        }
    }
}
