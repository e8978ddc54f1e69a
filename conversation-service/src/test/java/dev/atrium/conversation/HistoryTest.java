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
import dev.atrium.conversation.support.Chats;
import dev.atrium.conversation.support.FakePlatform;
import dev.atrium.conversation.support.SseFrames;
import dev.atrium.conversation.support.SseFrames.Frame;
import dev.atrium.proto.bot.v1.BotRuntime;
import dev.atrium.proto.bot.v1.ModelConfig;
import dev.atrium.proto.bot.v1.ModelTarget;
import dev.atrium.testkit.InjectJwtKit;
import dev.atrium.testkit.InjectLlmStub;
import dev.atrium.testkit.JwtKit;
import dev.atrium.testkit.server.OpenAiStub;
import dev.atrium.testkit.server.OpenAiStub.Reply;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** History: regenerate and the answer in use, feedback, clear context, the summary of long conversations. */
@QuarkusTest
class HistoryTest {

    @InjectJwtKit
    JwtKit jwt;
    @InjectLlmStub
    OpenAiStub llm;

    @BeforeEach
    void reset() {
        llm.reset();
        FakePlatform.llm(llm.baseUrl());
    }

    private static String userContents(JsonNode request) {
        StringBuilder sb = new StringBuilder();
        request.path("messages").forEach(m -> sb.append(m.path("role").asText()).append(':').append(m.path("content").asText()).append('|'));
        return sb.toString();
    }

    @Test
    void regenerateKeepsEveryAnswerAndLaterTurnsSeeOnlyTheOneInUse() {
        Account user = Accounts.create(jwt, "regen");
        String bot = Accounts.bot(user, "sys");
        llm.enqueue(Reply.text("first answer"));
        List<Frame> frames = Chats.ask(user, bot, null, "tell me a joke");
        String conversation = Chats.last(frames, "conversation.chat.completed").data().path("conversation_id").asText();
        String firstAnswer = Chats.completed(frames, "answer").get(0).data().path("id").asText();

        llm.enqueue(Reply.text("second answer"));
        JsonNode regen = given().header("Authorization", user.bearer()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/conversations/" + conversation + "/messages/" + firstAnswer + "/regenerate")
                .then().statusCode(200).body("data.chat.status", equalTo("completed")).extract().as(JsonNode.class);
        String secondAnswer = regen.path("data").path("messages").findParents("type").stream()
                .filter(m -> m.path("type").asText().equals("answer")).findFirst().orElseThrow().path("id").asText();
        // the regenerated answer saw the question, not the first answer
        assertThat(userContents(llm.lastRequest())).contains("user:tell me a joke").doesNotContain("first answer");

        JsonNode history = given().header("Authorization", user.bearer())
                .get("/api/v1/conversations/" + conversation + "/messages?order=asc").then().statusCode(200)
                .extract().as(JsonNode.class).path("data").path("data");
        assertThat(history.findValuesAsText("content")).contains("first answer", "second answer");
        for (JsonNode m : history) {
            if (m.path("id").asText().equals(firstAnswer)) {
                assertThat(m.path("in_use").asBoolean()).isFalse();
            }
            if (m.path("id").asText().equals(secondAnswer)) {
                assertThat(m.path("in_use").asBoolean()).isTrue();
            }
        }
        llm.enqueue(Reply.text("ok"));
        Chats.ask(user, bot, conversation, "another one");
        assertThat(userContents(llm.lastRequest())).contains("assistant:second answer").doesNotContain("first answer");

        // regenerating an answer whose question was deleted is a clear 404
        String questionId = history.get(0).path("id").asText();
        given().header("Authorization", user.bearer()).delete("/api/v1/conversations/" + conversation + "/messages/" + questionId)
                .then().statusCode(200);
        given().header("Authorization", user.bearer()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/conversations/" + conversation + "/messages/" + firstAnswer + "/regenerate")
                .then().statusCode(404).body("code", equalTo(103404003));

        // the client picks the first answer again: later turns see it instead
        given().header("Authorization", user.bearer()).post("/api/v1/conversations/" + conversation + "/messages/" + firstAnswer + "/use")
                .then().statusCode(200).body("data.in_use", equalTo(true));
        llm.enqueue(Reply.text("ok"));
        Chats.ask(user, bot, conversation, "and another");
        assertThat(userContents(llm.lastRequest())).contains("assistant:first answer").doesNotContain("second answer");
    }

    @Test
    void feedbackIsOnePerUserAndCountedPerBot() {
        Account user = Accounts.create(jwt, "fbk");
        String bot = Accounts.bot(user, "sys");
        llm.enqueue(Reply.text("an answer"));
        List<Frame> frames = Chats.ask(user, bot, null, "q");
        String conversation = Chats.last(frames, "conversation.chat.completed").data().path("conversation_id").asText();
        String answer = Chats.completed(frames, "answer").get(0).data().path("id").asText();
        String question = given().header("Authorization", user.bearer()).get("/api/v1/conversations/" + conversation + "/messages?order=asc")
                .then().extract().path("data.data[0].id");
        String path = "/api/v1/conversations/" + conversation + "/messages/" + answer + "/feedback";
        given().header("Authorization", user.bearer()).contentType(ContentType.JSON).body(Map.of("feedback", "dislike", "comment", "wrong"))
                .post(path).then().statusCode(200).body("data.feedback", equalTo("dislike"));
        given().header("Authorization", user.bearer()).contentType(ContentType.JSON).body(Map.of("like_type", 1))
                .post(path).then().statusCode(200).body("data.feedback", equalTo("like"));
        given().header("Authorization", user.bearer()).get("/api/v1/chat/feedback?bot_id=" + bot)
                .then().statusCode(200).body("data.like", equalTo(1)).body("data.dislike", equalTo(0));
        given().header("Authorization", user.bearer()).contentType(ContentType.JSON).body(Map.of("feedback", "meh"))
                .post(path).then().statusCode(400).body("code", equalTo(103400003));
        given().header("Authorization", user.bearer()).contentType(ContentType.JSON).body(Map.of("feedback", "like"))
                .post("/api/v1/conversations/" + conversation + "/messages/" + question + "/feedback")
                .then().statusCode(409).body("code", equalTo(103409005));
    }

    @Test
    void clearingTheContextStartsASectionTheModelSeesAlone() {
        Account user = Accounts.create(jwt, "clr");
        String bot = Accounts.bot(user, "sys");
        llm.enqueue(Reply.text("noted"));
        List<Frame> frames = Chats.ask(user, bot, null, "my name is Zed");
        String conversation = Chats.last(frames, "conversation.chat.completed").data().path("conversation_id").asText();
        String section = given().header("Authorization", user.bearer()).post("/api/v1/conversations/" + conversation + "/clear")
                .then().statusCode(200).extract().path("data.id");
        llm.enqueue(Reply.text("I don't know"));
        List<Frame> after = Chats.ask(user, bot, conversation, "what is my name?");
        assertThat(userContents(llm.lastRequest())).doesNotContain("Zed");
        assertThat(Chats.last(after, "conversation.chat.completed").data().path("section_id").asText()).isEqualTo(section);
        // nothing is lost: the history still holds the earlier section
        given().header("Authorization", user.bearer()).get("/api/v1/conversations/" + conversation + "/messages")
                .then().statusCode(200).body("data.data.size()", equalTo(4));
    }

    @Test
    void aLongConversationIsSummarisedAndTheSummaryReplacesOldTurns() {
        Account user = Accounts.create(jwt, "sum");
        String bot = Accounts.bot(user, BotRuntime.newBuilder().setSystemPrompt("sys")
                .setModel(ModelConfig.newBuilder().setTarget(ModelTarget.getDefaultInstance()).setContextRounds(2)));
        llm.respondWith(req -> {
            String first = req.path("messages").get(0).path("content").asText();
            if (first.startsWith("You maintain the memory")) {
                String transcript = req.path("messages").get(1).path("content").asText();
                return Reply.text("SUMMARY[" + (transcript.contains("turn-1") ? "has-turn-1" : "") + "]");
            }
            return Reply.text("answer");
        });
        String conversation = null;
        for (int i = 1; i <= 6; i++) {
            List<Frame> frames = Chats.ask(user, bot, conversation, "turn-" + i);
            conversation = Chats.last(frames, "conversation.chat.completed").data().path("conversation_id").asText();
        }
        String last = userContents(llm.requests().stream()
                .filter(r -> !r.path("messages").get(0).path("content").asText().startsWith("You maintain")).reduce((a, b) -> b).orElseThrow());
        assertThat(last).contains("Summary of the earlier conversation:").contains("has-turn-1")
                .doesNotContain("user:turn-1|").contains("user:turn-6");
        assertThat(llm.requests()).anyMatch(r -> r.path("messages").get(0).path("content").asText().startsWith("You maintain"));
    }

    @Test
    void aConversationWithoutABotUsesItsOwnModelSettings() {
        Account user = Accounts.create(jwt, "nobot");
        String conversation = given().header("Authorization", user.bearer()).contentType(ContentType.JSON)
                .body(Map.of("title", "scratch", "model", "glm-5", "system_prompt", "You are terse.", "temperature", 0.3,
                        "max_tokens", 256, "thinking_enabled", false))
                .post("/api/v1/conversations").then().statusCode(200).body("data.name", equalTo("scratch"))
                .body("data.model_config.model", equalTo("glm-5")).extract().path("data.id");
        llm.enqueue(Reply.text("ok"));
        given().header("Authorization", user.bearer()).contentType(ContentType.JSON).body(Map.of("content", "hello"))
                .post("/api/v1/conversations/" + conversation + "/messages").then().statusCode(200)
                .body("data.bot_response.content", equalTo("ok"));
        JsonNode sent = llm.lastRequest();
        assertThat(sent.path("model").asText()).isEqualTo("glm-5");
        assertThat(sent.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(sent.path("messages").get(0).path("content").asText()).isEqualTo("You are terse.");
        given().header("Authorization", user.bearer()).contentType(ContentType.JSON)
                .body(Map.of("provider_id", "12345", "model", "x")).post("/api/v1/conversations")
                .then().statusCode(404).body("code", equalTo(100404005));
        given().header("Authorization", user.bearer()).contentType(ContentType.JSON)
                .body(Map.of("model", "x", "temperature", "hot")).post("/api/v1/conversations")
                .then().statusCode(400).body("code", equalTo(103400003));
    }

    @Test
    void aStreamedChatStopsWithinASecondWhenCanceledAndKeepsThePartialAnswer() throws Exception {
        Account user = Accounts.create(jwt, "stop");
        String bot = Accounts.bot(user, "sys");
        // the HTTP client of the test warms up first, so its start-up is not timed as the cancel
        given().header("Authorization", user.bearer()).get("/api/v1/conversations").then().statusCode(200);
        llm.enqueue(Reply.text("a b c d e f g h i j k l m n o p q r s t u v w x y z").withChunkDelayMs(300));
        String body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("bot_id", bot, "stream", true,
                "additional_messages", List.of(Map.of("role", "user", "content", "count slowly"))));
        java.net.http.HttpResponse<java.util.stream.Stream<String>> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + "/api/v1/chat"))
                        .header("Authorization", user.bearer()).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines());
        java.util.Iterator<String> lines = response.body().iterator();
        StringBuilder raw = new StringBuilder();
        String conversation = null;
        String chat = null;
        while (lines.hasNext()) {
            String line = lines.next();
            raw.append(line).append('\n');
            if (line.startsWith("data:") && conversation == null) {
                JsonNode data = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line.substring(5));
                conversation = data.path("conversation_id").asText();
                chat = data.path("id").asText();
            }
            if (line.equals("event:conversation.message.delta")) {
                break;
            }
        }
        long asked = System.currentTimeMillis();
        given().header("Authorization", user.bearer()).post("/api/v1/conversations/" + conversation + "/chats/" + chat + "/cancel")
                .then().statusCode(200).body("data.status", equalTo("canceled"));
        while (lines.hasNext()) {
            raw.append(lines.next()).append('\n');
        }
        // from the cancel request to the end of the stream (the model would have streamed for 7 more seconds)
        assertThat(System.currentTimeMillis() - asked).isLessThan(1500);
        List<Frame> frames = SseFrames.parse(raw.toString());
        assertThat(Chats.last(frames, "conversation.chat.failed").data().path("status").asText()).isEqualTo("canceled");
        assertThat(SseFrames.names(frames).get(frames.size() - 1)).isEqualTo("done");
        String partial = SseFrames.answer(frames);
        assertThat(partial).isNotEmpty().isNotEqualTo("a b c d e f g h i j k l m n o p q r s t u v w x y z");
        // the part the user saw is kept, marked as interrupted
        given().header("Authorization", user.bearer()).get("/api/v1/conversations/" + conversation + "/messages?order=asc")
                .then().statusCode(200).body("data.data[1].content", equalTo(partial))
                .body("data.data[1].meta_data.interrupted", equalTo("true"));
    }
}
