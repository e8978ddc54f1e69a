package dev.atrium.conversation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

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
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class ChatFlowTest {

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
    void streamsTheCozeEventSequenceAndStoresTheAnswer() {
        Account user = Accounts.create(jwt, "ann");
        String bot = Accounts.bot(user, "You are a helpful bot.");
        llm.enqueue(Reply.text("Hello there, friend").withUsage(12, 4).withReasoning("thinking about it"));

        Response r = given().header("Authorization", user.bearer()).contentType(ContentType.JSON)
                .body(Map.of("bot_id", bot, "user_id", "u1", "stream", true,
                        "additional_messages", List.of(Map.of("role", "user", "content", "hi", "content_type", "text"))))
                .post("/api/v1/chat");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.contentType()).contains("text/event-stream");
        List<Frame> frames = SseFrames.parse(r.asString());
        List<String> names = SseFrames.names(frames);
        assertThat(names.get(0)).isEqualTo("conversation.chat.created");
        assertThat(names.get(1)).isEqualTo("conversation.chat.in_progress");
        assertThat(names).contains("conversation.message.delta", "conversation.message.completed");
        assertThat(names.subList(names.size() - 2, names.size())).containsExactly("conversation.chat.completed", "done");
        assertThat(frames.get(0).data().path("status").asText()).isEqualTo("created");
        assertThat(SseFrames.answer(frames)).isEqualTo("Hello there, friend");
        assertThat(frames.stream().filter(f -> f.event().equals("conversation.message.delta"))
                .map(f -> f.data().path("reasoning_content").asText("")).reduce("", String::concat)).isEqualTo("thinking about it");
        Frame completed = frames.get(frames.size() - 2);
        assertThat(completed.data().path("usage").path("input_count").asInt()).isEqualTo(12);
        assertThat(completed.data().path("usage").path("output_count").asInt()).isEqualTo(4);
        assertThat(completed.data().path("usage").path("token_count").asInt()).isEqualTo(16);
        assertThat(completed.data().path("last_error").path("code").asInt()).isZero();
        assertThat(frames.get(frames.size() - 1).data().asText()).isEqualTo("[DONE]");
        Frame answer = frames.stream().filter(f -> f.event().equals("conversation.message.completed")
                && f.data().path("type").asText().equals("answer")).findFirst().orElseThrow();
        assertThat(answer.data().path("content").asText()).isEqualTo("Hello there, friend");
        assertThat(frames.stream().anyMatch(f -> f.data().path("type").asText().equals("verbose")
                && f.data().path("content").asText().contains("generate_answer_finish"))).isTrue();

        // the model got the system prompt and the question
        JsonNode sent = llm.lastRequest();
        assertThat(sent.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(sent.path("messages").get(0).path("content").asText()).isEqualTo("You are a helpful bot.");
        assertThat(sent.path("messages").get(1).path("content").asText()).isEqualTo("hi");

        // and the history holds the question and the answer
        String conversation = completed.data().path("conversation_id").asText();
        given().header("Authorization", user.bearer()).get("/api/v1/conversations/" + conversation + "/messages?order=asc")
                .then().statusCode(200).body("code", equalTo(0))
                .body("data.data.size()", equalTo(2))
                .body("data.data[0].type", equalTo("question"))
                .body("data.data[1].type", equalTo("answer"))
                .body("data.data[1].content", equalTo("Hello there, friend"))
                .body("data.data[1].in_use", equalTo(true));
    }

    @Test
    void blockingChatAnswersWithTheFinalChatAndLaterTurnsSeeEarlierOnes() {
        Account user = Accounts.create(jwt, "bob");
        String bot = Accounts.bot(user, "Be brief.");
        llm.enqueue(Reply.text("Paris"));
        JsonNode first = given().header("Authorization", user.bearer()).contentType(ContentType.JSON)
                .body(Map.of("bot_id", bot, "query", "Capital of France?")).post("/api/v1/chat")
                .then().statusCode(200).body("code", equalTo(0)).body("data.chat.status", equalTo("completed"))
                .extract().as(JsonNode.class);
        String conversation = first.path("data").path("chat").path("conversation_id").asText();
        assertThat(first.path("data").path("messages").findValuesAsText("content")).contains("Paris");

        llm.enqueue(Reply.text("About 2 million"));
        given().header("Authorization", user.bearer()).contentType(ContentType.JSON)
                .body(Map.of("content", "How many people live there?"))
                .post("/api/v1/conversations/" + conversation + "/messages")
                .then().statusCode(200).body("data.user_message.content", equalTo("How many people live there?"))
                .body("data.bot_response.content", equalTo("About 2 million"));
        List<String> contents = llm.lastRequest().path("messages").findValuesAsText("content");
        assertThat(contents).containsExactly("Be brief.", "Capital of France?", "Paris", "How many people live there?");
    }

    @Test
    void followUpSuggestionsComeAsFollowUpMessagesBeforeTheChatCompletes() {
        Account user = Accounts.create(jwt, "fu");
        String bot = Accounts.bot(user, "sys");
        llm.respondWith(req -> req.path("messages").get(0).path("content").asText().startsWith("Suggest three")
                ? Reply.text("1. What about Lyon?\n2. - How big is it?\n3) Why?") : Reply.text("Paris is the capital."));
        Response r = given().header("Authorization", user.bearer()).contentType(ContentType.JSON)
                .body(Map.of("bot_id", bot, "stream", true, "suggest_follow_ups", true, "query", "Capital of France?"))
                .post("/api/v1/chat");
        List<Frame> frames = SseFrames.parse(r.asString());
        List<String> followUps = frames.stream().filter(f -> f.event().equals("conversation.message.completed")
                && f.data().path("type").asText().equals("follow_up")).map(f -> f.data().path("content").asText()).toList();
        assertThat(followUps).containsExactly("What about Lyon?", "How big is it?", "Why?");
        List<String> names = SseFrames.names(frames);
        assertThat(names.lastIndexOf("conversation.message.completed")).isLessThan(names.indexOf("conversation.chat.completed"));
        // without the flag, no suggestion is asked for
        llm.reset();
        llm.enqueue(Reply.text("ok"));
        List<Frame> plain = SseFrames.parse(given().header("Authorization", user.bearer()).contentType(ContentType.JSON)
                .body(Map.of("bot_id", bot, "stream", true, "query", "hi")).post("/api/v1/chat").asString());
        assertThat(plain).noneMatch(f -> f.data().path("type").asText().equals("follow_up"));
        assertThat(llm.requestCount()).isEqualTo(1);
    }
}
