package dev.atrium.conversation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
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
import dev.atrium.testkit.server.OpenAiStub.ToolCall;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Coze chat v3 ({@code /v3/chat*}) as the Coze SDKs drive it: poll, stream, client-side tools, cancel. */
@QuarkusTest
class CozeChatApiTest {

    private static final Map<String, Object> WEATHER_TOOL = Map.of("type", "function", "function", Map.of(
            "name", "get_weather", "description", "The weather of a city",
            "parameters", Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")))));
    private static final String SLOW_ANSWER = "one two three four five six seven eight nine ten eleven twelve "
            + "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty";

    @InjectJwtKit
    JwtKit jwt;
    @InjectLlmStub
    OpenAiStub llm;

    @BeforeEach
    void reset() {
        llm.reset();
        FakePlatform.llm(llm.baseUrl());
    }

    private static RequestSpecification as(String bearer) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON);
    }

    private static Map<String, Object> chatBody(String bot, String question, boolean stream) {
        return Map.of("bot_id", bot, "user_id", "u1", "stream", stream, "auto_save_history", true,
                "additional_messages", List.of(Map.of("role", "user", "content", question, "content_type", "text",
                        "type", "question", "audio", "")));
    }

    private static String newConversation(String bearer, String bot) {
        return as(bearer).body(Map.of("bot_id", bot)).post("/v1/conversation/create").then().statusCode(200)
                .extract().path("data.id");
    }

    /** Polls {@code /v3/chat/retrieve} the way the SDKs do: while the chat is in progress. */
    static JsonNode awaitTerminal(String bearer, String conversation, String chat) {
        java.util.concurrent.atomic.AtomicReference<JsonNode> last = new java.util.concurrent.atomic.AtomicReference<>();
        org.awaitility.Awaitility.await("chat " + chat + " leaves in_progress").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    JsonNode data = given().header("Authorization", bearer).queryParam("conversation_id", conversation)
                            .queryParam("chat_id", chat).get("/v3/chat/retrieve")
                            .then().statusCode(200).body("code", equalTo(0)).extract().as(JsonNode.class).path("data");
                    last.set(data);
                    return !"in_progress".equals(data.path("status").asText());
                });
        return last.get();
    }

    @Test
    void nonStreamingChatIsInProgressThenPollsToCompletedWithUsage() {
        Account user = Accounts.create(jwt, "nora");
        String bot = Accounts.bot(user, "Be brief.");
        String conversation = newConversation(user.bearer(), bot);
        llm.enqueue(Reply.text("Paris it is").withUsage(10, 5).withLatencyMs(300));

        JsonNode chat = as(user.bearer()).queryParam("conversation_id", conversation)
                .body(chatBody(bot, "Capital of France?", false)).post("/v3/chat")
                .then().statusCode(200).body("code", equalTo(0)).body("data.status", equalTo("in_progress"))
                .body("data.conversation_id", equalTo(conversation)).body("data.bot_id", equalTo(bot))
                .extract().as(JsonNode.class).path("data");
        String chatId = chat.path("id").asText();
        assertThat(chat.path("id").isTextual()).isTrue();

        JsonNode done = awaitTerminal(user.bearer(), conversation, chatId);
        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(done.path("usage").path("token_count").asInt()).isEqualTo(15);
        assertThat(done.path("usage").path("input_count").asInt()).isEqualTo(10);
        assertThat(done.path("usage").path("output_count").asInt()).isEqualTo(5);
        assertThat(done.path("completed_at").asLong()).isPositive();
        assertThat(done.path("last_error").path("code").asInt()).isZero();

        // Python and JS retrieve with POST and no body
        given().header("Authorization", user.bearer()).queryParam("conversation_id", conversation)
                .queryParam("chat_id", chatId).post("/v3/chat/retrieve")
                .then().statusCode(200).body("data.status", equalTo("completed"))
                .body("data.usage.token_count", equalTo(15));

        JsonNode messages = given().header("Authorization", user.bearer()).queryParam("conversation_id", conversation)
                .queryParam("chat_id", chatId).get("/v3/chat/message/list")
                .then().statusCode(200).body("code", equalTo(0)).extract().as(JsonNode.class).path("data");
        assertThat(messages.isArray()).isTrue();
        assertThat(messages.findValuesAsText("type")).contains("answer", "verbose").doesNotContain("question");
        for (JsonNode m : messages) {
            assertThat(m.path("role").isTextual() && m.path("content").isTextual() && m.path("content_type").isTextual())
                    .as("role, content and content_type of %s", m).isTrue();
            if (m.path("type").asText().equals("answer")) {
                assertThat(m.path("content").asText()).isEqualTo("Paris it is");
                assertThat(m.path("chat_id").asText()).isEqualTo(chatId);
            }
            if (m.path("type").asText().equals("verbose")) {
                assertThat(m.path("content").asText()).contains("generate_answer_finish");
            }
        }
    }

    @Test
    void chatWithoutConversationIdCreatesOne() {
        Account user = Accounts.create(jwt, "otto");
        String bot = Accounts.bot(user, "Hi.");
        llm.enqueue(Reply.text("hello"));
        JsonNode chat = as(user.bearer()).body(chatBody(bot, "hi", false)).post("/v3/chat")
                .then().statusCode(200).body("data.status", equalTo("in_progress")).extract().as(JsonNode.class).path("data");
        String conversation = chat.path("conversation_id").asText();
        assertThat(conversation).isNotBlank();
        assertThat(awaitTerminal(user.bearer(), conversation, chat.path("id").asText()).path("status").asText())
                .isEqualTo("completed");
        given().header("Authorization", user.bearer()).queryParam("conversation_id", conversation)
                .get("/v1/conversation/retrieve").then().statusCode(200).body("data.bot_id", equalTo(bot));
        as(user.bearer()).queryParam("conversation_id", conversation).body(Map.of("order", "asc"))
                .post("/v1/conversation/message/list")
                .then().statusCode(200).body("data[0].content", equalTo("hi")).body("data[0].type", equalTo("question"));
    }

    @Test
    void streamingChatFollowsTheCozeFraming() {
        Account user = Accounts.create(jwt, "sia");
        String bot = Accounts.bot(user, "Hi.");
        String conversation = newConversation(user.bearer(), bot);
        llm.enqueue(Reply.text("Streaming works fine").withUsage(7, 3));
        Response r = as(user.bearer()).queryParam("conversation_id", conversation).body(chatBody(bot, "stream?", true))
                .post("/v3/chat");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.contentType()).contains("text/event-stream");
        List<Frame> frames = SseFrames.parse(r.asString());
        List<String> names = SseFrames.names(frames);
        assertThat(names.subList(0, 2)).containsExactly("conversation.chat.created", "conversation.chat.in_progress");
        assertThat(names.subList(names.size() - 2, names.size())).containsExactly("conversation.chat.completed", "done");
        assertThat(SseFrames.answer(frames)).isEqualTo("Streaming works fine");
        Frame completed = frames.get(frames.size() - 2);
        assertThat(completed.data().path("conversation_id").asText()).isEqualTo(conversation);
        assertThat(completed.data().path("usage").path("token_count").asInt()).isEqualTo(10);
        assertThat(frames.get(frames.size() - 1).data().asText()).isEqualTo("[DONE]");
        for (Frame f : frames) {
            if (f.event().startsWith("conversation.message.")) {
                assertThat(f.data().path("role").isTextual() && f.data().path("content").isTextual()
                        && f.data().path("content_type").isTextual()).as("required message fields of %s", f).isTrue();
            }
        }
    }

    @Test
    void clientSideToolsRequireActionAndResumeWithTheSubmittedOutputs() {
        Account user = Accounts.create(jwt, "tia");
        String bot = Accounts.bot(user, "Use tools.");
        String conversation = newConversation(user.bearer(), bot);
        ToolCall call = ToolCall.of("get_weather", "{\"city\":\"Paris\"}");
        llm.enqueue(Reply.toolCalls(call));
        Map<String, Object> body = new java.util.HashMap<>(chatBody(bot, "Weather in Paris?", true));
        body.put("tools", List.of(WEATHER_TOOL));

        Response r = as(user.bearer()).queryParam("conversation_id", conversation).body(body).post("/v3/chat");
        assertThat(r.statusCode()).isEqualTo(200);
        List<Frame> frames = SseFrames.parse(r.asString());
        List<String> names = SseFrames.names(frames);
        assertThat(names.subList(names.size() - 2, names.size()))
                .containsExactly("conversation.chat.requires_action", "done");
        JsonNode waiting = frames.get(frames.size() - 2).data();
        assertThat(waiting.path("status").asText()).isEqualTo("requires_action");
        JsonNode toolCall = waiting.path("required_action").path("submit_tool_outputs").path("tool_calls").get(0);
        assertThat(waiting.path("required_action").path("type").asText()).isEqualTo("submit_tool_outputs");
        assertThat(toolCall.path("function").path("name").asText()).isEqualTo("get_weather");
        assertThat(toolCall.path("function").path("arguments").asText()).contains("Paris");
        String callId = toolCall.path("id").asText();
        assertThat(callId).isNotBlank();
        String chatId = waiting.path("id").asText();
        assertThat(llm.lastRequest().path("tools").toString()).contains("get_weather");

        given().header("Authorization", user.bearer()).queryParam("conversation_id", conversation)
                .queryParam("chat_id", chatId).get("/v3/chat/retrieve")
                .then().statusCode(200).body("data.status", equalTo("requires_action"))
                .body("data.required_action.submit_tool_outputs.tool_calls[0].id", equalTo(callId));

        // an unknown or missing tool_call_id is refused, and the chat keeps waiting
        for (Map<String, Object> wrong : List.<Map<String, Object>>of(Map.of("tool_call_id", "call_nope", "output", "x"),
                Map.of("output", "sunny"))) {
            as(user.bearer()).queryParam("conversation_id", conversation).queryParam("chat_id", chatId)
                    .body(Map.of("tool_outputs", List.of(wrong), "stream", true)).post("/v3/chat/submit_tool_outputs")
                    .then().statusCode(400).body("code", equalTo(103400006));
        }
        as(user.bearer()).queryParam("conversation_id", conversation).queryParam("chat_id", chatId)
                .body(Map.of("tool_outputs", List.of(), "stream", true)).post("/v3/chat/submit_tool_outputs")
                .then().statusCode(400).body("code", equalTo(103400006));

        llm.enqueue(Reply.text("It is sunny in Paris"));
        Response resumed = as(user.bearer()).queryParam("conversation_id", conversation).queryParam("chat_id", chatId)
                .body(Map.of("tool_outputs", List.of(Map.of("tool_call_id", callId, "output", "sunny")), "stream", true))
                .post("/v3/chat/submit_tool_outputs");
        assertThat(resumed.statusCode()).isEqualTo(200);
        assertThat(resumed.contentType()).contains("text/event-stream");
        List<Frame> after = SseFrames.parse(resumed.asString());
        List<String> afterNames = SseFrames.names(after);
        assertThat(afterNames.subList(afterNames.size() - 2, afterNames.size()))
                .containsExactly("conversation.chat.completed", "done");
        assertThat(SseFrames.answer(after)).isEqualTo("It is sunny in Paris");
        assertThat(after.get(after.size() - 2).data().path("id").asText()).isEqualTo(chatId);

        JsonNode toolMessage = null;
        for (JsonNode m : llm.lastRequest().path("messages")) {
            if (m.path("role").asText().equals("tool")) {
                toolMessage = m;
            }
        }
        assertThat(toolMessage).as("the model got the tool result: %s", llm.lastRequest()).isNotNull();
        assertThat(toolMessage.path("tool_call_id").asText()).isEqualTo(callId);
        assertThat(toolMessage.path("content").asText()).isEqualTo("sunny");
        // the resumed chat offers the client's function again, with its parameters
        assertThat(llm.lastRequest().path("tools").get(0).path("function").path("parameters").path("properties").has("city"))
                .as("tools of the resumed request: %s", llm.lastRequest().path("tools")).isTrue();
        assertThat(awaitTerminal(user.bearer(), conversation, chatId).path("status").asText()).isEqualTo("completed");
    }

    @Test
    void aSecondChatWhileOneRunsIsAConflict() throws InterruptedException {
        Account user = Accounts.create(jwt, "cid");
        String bot = Accounts.bot(user, "Hi.");
        String conversation = newConversation(user.bearer(), bot);
        llm.enqueue(Reply.text(SLOW_ANSWER).withChunkDelayMs(250));
        String first = as(user.bearer()).queryParam("conversation_id", conversation).body(chatBody(bot, "slow", false))
                .post("/v3/chat").then().statusCode(200).body("data.status", equalTo("in_progress")).extract().path("data.id");
        assertThat(llm.awaitRequestCount(1, Duration.ofSeconds(5))).isTrue();

        as(user.bearer()).queryParam("conversation_id", conversation).body(chatBody(bot, "another", false)).post("/v3/chat")
                .then().statusCode(409).body("code", equalTo(103409002));
        as(user.bearer()).queryParam("conversation_id", conversation).body(chatBody(bot, "another", true)).post("/v3/chat")
                .then().statusCode(409).body("code", equalTo(103409002));

        as(user.bearer()).body(Map.of("conversation_id", conversation, "chat_id", first)).post("/v3/chat/cancel")
                .then().statusCode(200).body("data.status", equalTo("canceled"));
    }

    @Test
    void cancelStopsARunningChatWithinASecond() throws InterruptedException {
        Account user = Accounts.create(jwt, "cam");
        String bot = Accounts.bot(user, "Hi.");
        String conversation = newConversation(user.bearer(), bot);
        llm.enqueue(Reply.text(SLOW_ANSWER).withChunkDelayMs(300));
        String chat = as(user.bearer()).queryParam("conversation_id", conversation).body(chatBody(bot, "slow", false))
                .post("/v3/chat").then().statusCode(200).extract().path("data.id");
        assertThat(llm.awaitRequestCount(1, Duration.ofSeconds(5))).isTrue();

        long started = System.nanoTime();
        as(user.bearer()).body(Map.of("conversation_id", conversation, "chat_id", chat, "extra", "ignored"))
                .post("/v3/chat/cancel")
                .then().statusCode(200).body("code", equalTo(0)).body("data.id", equalTo(chat))
                .body("data.conversation_id", equalTo(conversation)).body("data.status", equalTo("canceled"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));

        given().header("Authorization", user.bearer()).queryParam("conversation_id", conversation)
                .queryParam("chat_id", chat).get("/v3/chat/retrieve")
                .then().statusCode(200).body("data.status", equalTo("canceled"));
        as(user.bearer()).body(Map.of("conversation_id", conversation, "chat_id", chat)).post("/v3/chat/cancel")
                .then().statusCode(409).body("code", equalTo(103409003));

        // the conversation is free again
        llm.enqueue(Reply.text("ok"));
        String next = as(user.bearer()).queryParam("conversation_id", conversation).body(chatBody(bot, "again", false))
                .post("/v3/chat").then().statusCode(200).extract().path("data.id");
        assertThat(awaitTerminal(user.bearer(), conversation, next).path("status").asText()).isEqualTo("completed");
    }

    @Test
    void cancelOfACompletedChatIsAConflict() {
        Account user = Accounts.create(jwt, "cole");
        String bot = Accounts.bot(user, "Hi.");
        String conversation = newConversation(user.bearer(), bot);
        llm.enqueue(Reply.text("done"));
        String chat = as(user.bearer()).queryParam("conversation_id", conversation).body(chatBody(bot, "q", false))
                .post("/v3/chat").then().statusCode(200).extract().path("data.id");
        assertThat(awaitTerminal(user.bearer(), conversation, chat).path("status").asText()).isEqualTo("completed");
        as(user.bearer()).body(Map.of("conversation_id", conversation, "chat_id", chat)).post("/v3/chat/cancel")
                .then().statusCode(409).body("code", equalTo(103409003));
    }

    @Test
    void aStrangerCannotReachAnotherUsersChat() {
        Account owner = Accounts.create(jwt, "ova");
        Account stranger = Accounts.create(jwt, "stu");
        String bot = Accounts.bot(owner, "Hi.");
        String conversation = newConversation(owner.bearer(), bot);
        llm.enqueue(Reply.text("mine"));
        String chat = as(owner.bearer()).queryParam("conversation_id", conversation).body(chatBody(bot, "q", false))
                .post("/v3/chat").then().statusCode(200).extract().path("data.id");
        awaitTerminal(owner.bearer(), conversation, chat);
        given().header("Authorization", stranger.bearer()).queryParam("conversation_id", conversation)
                .queryParam("chat_id", chat).get("/v3/chat/retrieve").then().statusCode(404).body("code", equalTo(103404002));
        given().header("Authorization", stranger.bearer()).queryParam("conversation_id", conversation)
                .queryParam("chat_id", chat).get("/v3/chat/message/list").then().statusCode(404).body("code", equalTo(103404002));
        as(stranger.bearer()).body(Map.of("conversation_id", conversation, "chat_id", chat)).post("/v3/chat/cancel")
                .then().statusCode(404).body("code", equalTo(103404002));
        as(stranger.bearer()).queryParam("conversation_id", conversation).body(chatBody(bot, "q", false)).post("/v3/chat")
                .then().statusCode(404).body("code", equalTo(103404002));
    }
}
