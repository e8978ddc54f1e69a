package dev.atrium.conversation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.atrium.conversation.support.Accounts;
import dev.atrium.conversation.support.Accounts.Account;
import dev.atrium.conversation.support.Chats;
import dev.atrium.conversation.support.FakePlatform;
import dev.atrium.conversation.support.SseFrames.Frame;
import dev.atrium.testkit.InjectJwtKit;
import dev.atrium.testkit.InjectLlmStub;
import dev.atrium.testkit.JwtKit;
import dev.atrium.testkit.server.OpenAiStub;
import dev.atrium.testkit.server.OpenAiStub.Reply;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Other users, other workspaces and other bots' API keys see nothing; no provider key reaches a log. */
@QuarkusTest
class IsolationTest {

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
    void strangersGetNotFoundOnEveryConversationPath() {
        Account owner = Accounts.create(jwt, "own");
        Account stranger = Accounts.create(jwt, "str");
        String bot = Accounts.bot(owner, "sys");
        llm.enqueue(Reply.text("secret answer"));
        List<Frame> frames = Chats.ask(owner, bot, null, "private question");
        Frame done = Chats.last(frames, "conversation.chat.completed");
        String conversation = done.data().path("conversation_id").asText();
        String chat = done.data().path("id").asText();
        String message = Chats.completed(frames, "answer").get(0).data().path("id").asText();
        String base = "/api/v1/conversations/" + conversation;
        for (String path : List.of(base, base + "/messages", base + "/messages/" + message, base + "/chats/" + chat)) {
            given().header("Authorization", stranger.bearer()).get(path).then().statusCode(404)
                    .body("code", equalTo(103404002));
        }
        given().header("Authorization", stranger.bearer()).contentType(ContentType.JSON).body(Map.of("name", "x"))
                .put(base).then().statusCode(404);
        given().header("Authorization", stranger.bearer()).delete(base).then().statusCode(404);
        given().header("Authorization", stranger.bearer()).post(base + "/chats/" + chat + "/cancel").then().statusCode(404);
        given().header("Authorization", stranger.bearer()).contentType(ContentType.JSON)
                .body(Map.of("conversation_id", conversation, "query", "let me in")).post("/api/v1/chat")
                .then().statusCode(404).body("code", equalTo(103404002));
        // the stranger cannot chat with the owner's bot either
        given().header("Authorization", stranger.bearer()).contentType(ContentType.JSON)
                .body(Map.of("bot_id", bot, "query", "hi")).post("/api/v1/chat").then().statusCode(404);
        given().header("Authorization", stranger.bearer()).get("/api/v1/conversations").then().statusCode(200)
                .body("data.total", equalTo(0));
        given().header("Authorization", owner.bearer()).get(base).then().statusCode(200).body("data.id", equalTo(conversation));
    }

    @Test
    void anAppKeySeesOnlyItsOwnBotsConversations() {
        Account owner = Accounts.create(jwt, "keyown");
        String botA = Accounts.bot(owner, "A");
        String botB = Accounts.bot(owner, "B");
        llm.enqueue(Reply.text("from A"));
        String convA = Chats.last(Chats.ask(owner, botA, null, "hi A"), "conversation.chat.completed").data().path("conversation_id").asText();
        Account keyOfB = new Account(owner.userId(), owner.workspaceId(), Accounts.apiKeyToken(jwt, owner, botB));
        given().header("Authorization", keyOfB.bearer()).get("/api/v1/conversations/" + convA).then().statusCode(404);
        given().header("Authorization", keyOfB.bearer()).contentType(ContentType.JSON).body(Map.of("bot_id", botA, "query", "x"))
                .post("/api/v1/chat").then().statusCode(404);
        llm.enqueue(Reply.text("from B"));
        List<Frame> frames = Chats.ask(keyOfB, botB, null, "hi B");
        assertThat(Chats.completed(frames, "answer").get(0).data().path("content").asText()).isEqualTo("from B");
        given().header("Authorization", keyOfB.bearer()).get("/api/v1/conversations").then().statusCode(200)
                .body("data.total", equalTo(1));
    }

    @Test
    void anAppKeyCannotListOrCreateRooms() {
        Account owner = Accounts.create(jwt, "keyroom");
        String bot = Accounts.bot(owner, "A");
        Account key = new Account(owner.userId(), owner.workspaceId(), Accounts.apiKeyToken(jwt, owner, bot));
        given().header("Authorization", key.bearer()).get("/api/v1/chat-rooms").then().statusCode(404)
                .body("code", equalTo(103404007));
        given().header("Authorization", key.bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", "r", "agent_ids", List.of(bot))).post("/api/v1/chat-rooms").then().statusCode(404)
                .body("code", equalTo(103404007));
    }

    @Test
    void theProviderKeyNeverReachesTheLog() throws Exception {
        Account owner = Accounts.create(jwt, "leak");
        String bot = Accounts.bot(owner, "sys");
        llm.enqueue(Reply.failure(401, "invalid api key sk-test-provider-key-0123456789"));
        List<Frame> failed = Chats.ask(owner, bot, null, "fail please");
        assertThat(Chats.last(failed, "conversation.chat.failed").data().toString()).doesNotContain("sk-test-provider-key-0123456789");
        llm.enqueue(Reply.text("fine"));
        Chats.ask(owner, bot, null, "work please");
        String log = Files.readString(Path.of("target/conversation-service-test.log"));
        assertThat(log).isNotEmpty().doesNotContain("sk-test-provider-key-0123456789");
    }
}
