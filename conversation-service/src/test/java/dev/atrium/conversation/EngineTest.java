package dev.atrium.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
import dev.atrium.core.event.Topics;
import dev.atrium.proto.bot.v1.BotRuntime;
import dev.atrium.proto.bot.v1.KnowledgeBinding;
import dev.atrium.proto.bot.v1.ModelConfig;
import dev.atrium.proto.knowledge.v1.RetrieveResponse;
import dev.atrium.proto.knowledge.v1.RetrievedChunk;
import dev.atrium.proto.plugin.v1.ExecuteToolResponse;
import dev.atrium.proto.plugin.v1.ToolDefinition;
import dev.atrium.testkit.EventProbe;
import dev.atrium.testkit.InjectJwtKit;
import dev.atrium.testkit.InjectLlmStub;
import dev.atrium.testkit.JwtKit;
import dev.atrium.testkit.server.OpenAiStub;
import dev.atrium.testkit.server.OpenAiStub.Reply;
import dev.atrium.testkit.server.OpenAiStub.ToolCall;
import io.quarkus.test.junit.QuarkusTest;

/** The engine: fallback chain, timeouts, failures, server-side tools and their cap, knowledge, events. */
@QuarkusTest
class EngineTest {

    @InjectJwtKit
    JwtKit jwt;
    @InjectLlmStub
    OpenAiStub llm;

    @BeforeEach
    void reset() {
        llm.reset();
        FakePlatform.llm(llm.baseUrl());
    }

    private String botWithChain(Account user, String primary, String fallback) {
        return Accounts.bot(user, BotRuntime.newBuilder().setSystemPrompt("sys")
                .setModel(ModelConfig.newBuilder().setTarget(FakePlatform.stubTarget(primary)))
                .addFallback(FakePlatform.stubTarget(fallback)));
    }

    @Test
    void providerErrorBeforeTheFirstTokenFallsBackToTheNextModel() {
        Account user = Accounts.create(jwt, "fb");
        String bot = botWithChain(user, "broken-model", "good-model");
        llm.respondWith(req -> req.path("model").asText().equals("broken-model")
                ? Reply.failure(500, "upstream exploded") : Reply.text("from the fallback"));
        List<Frame> frames = Chats.ask(user, bot, null, "hello");
        assertThat(SseFrames.answer(frames)).isEqualTo("from the fallback");
        Frame done = Chats.last(frames, "conversation.chat.completed");
        assertThat(done.data().path("model").asText()).isEqualTo("good-model");
        assertThat(llm.requests()).extracting(r -> r.path("model").asText()).containsExactly("broken-model", "good-model");
        // the fallback and the completed chat are counted for operators
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                io.restassured.RestAssured.get("/q/metrics").asString())
                .contains("atrium_chat_fallbacks_total").contains("atrium_chats_total{status=\"completed\"")
                .contains("atrium_chats_running"));
    }

    @Test
    void aModelSilentPastTheFirstTokenTimeoutFallsBackToo() {
        Account user = Accounts.create(jwt, "slow");
        String bot = botWithChain(user, "stalling-model", "quick-model");
        llm.respondWith(req -> req.path("model").asText().equals("stalling-model")
                ? Reply.stall(6000) : Reply.text("quick answer"));
        long started = System.currentTimeMillis();
        List<Frame> frames = Chats.ask(user, bot, null, "hello");
        assertThat(SseFrames.answer(frames)).isEqualTo("quick answer");
        // the test profile's first-token timeout is 2 s
        assertThat(System.currentTimeMillis() - started).isLessThan(5500);
    }

    @Test
    void whenEveryModelFailsTheStreamEndsWithChatFailedAndTheEventCarriesTheBot() {
        Account user = Accounts.create(jwt, "fail");
        String bot = botWithChain(user, "m1", "m2");
        llm.respondWith(req -> Reply.failure(503, "overloaded"));
        List<Frame> frames = Chats.ask(user, bot, null, "hello");
        List<String> names = SseFrames.names(frames);
        assertThat(names.subList(names.size() - 2, names.size())).containsExactly("conversation.chat.failed", "done");
        Frame failed = Chats.last(frames, "conversation.chat.failed");
        assertThat(failed.data().path("status").asText()).isEqualTo("failed");
        assertThat(failed.data().path("last_error").path("code").asInt()).isEqualTo(103502001);
        assertThat(failed.data().path("last_error").path("msg").asText()).isNotBlank();
        String chatId = failed.data().path("id").asText();
        JsonNode event = EventProbe.await(Topics.CONVERSATION, e -> e.path("type").asText().equals("chat.failed")
                && e.path("data").path("chat_id").asText().equals(chatId), Duration.ofSeconds(20));
        assertThat(event.path("data").path("bot_id").asText()).isEqualTo(bot);
    }

    @Test
    void emitsConversationMessageAndChatEventsWithTheBot() {
        Account user = Accounts.create(jwt, "ev");
        String bot = Accounts.bot(user, "sys");
        llm.enqueue(Reply.text("fine"));
        List<Frame> frames = Chats.ask(user, bot, null, "hello");
        String conversation = Chats.last(frames, "conversation.chat.completed").data().path("conversation_id").asText();
        String chat = Chats.last(frames, "conversation.chat.completed").data().path("id").asText();
        EventProbe.await(Topics.CONVERSATION, e -> e.path("type").asText().equals("conversation.created")
                && e.path("subject").asText().equals(conversation), Duration.ofSeconds(20));
        JsonNode answer = EventProbe.await(Topics.CONVERSATION, e -> e.path("type").asText().equals("message.created")
                && e.path("data").path("chat_id").asText().equals(chat) && e.path("data").path("type").asText().equals("answer"),
                Duration.ofSeconds(20));
        assertThat(answer.path("data").path("bot_id").asText()).isEqualTo(bot);
        JsonNode completed = EventProbe.await(Topics.CONVERSATION, e -> e.path("type").asText().equals("chat.completed")
                && e.path("data").path("chat_id").asText().equals(chat), Duration.ofSeconds(20));
        assertThat(completed.path("data").path("bot_id").asText()).isEqualTo(bot);
    }

    @Test
    void serverSideToolsRunThroughPluginServiceAndTheirResultsAreStreamed() {
        Account user = Accounts.create(jwt, "tool");
        String toolId = Long.toString(Accounts.nextId());
        FakePlatform.tool(ToolDefinition.newBuilder().setToolId(toolId).setName("get_time").setDescription("current time")
                        .setParametersSchema("{\"type\":\"object\",\"properties\":{\"zone\":{\"type\":\"string\"}},\"required\":[\"zone\"]}").build(),
                req -> ExecuteToolResponse.newBuilder().setOutput("12:00 in " + req.getArgumentsJson()).build());
        String bot = Accounts.bot(user, BotRuntime.newBuilder().setSystemPrompt("sys").addToolIds(toolId));
        llm.enqueue(Reply.toolCalls(ToolCall.of("get_time", "{\"zone\":\"UTC\"}")));
        llm.enqueue(Reply.text("It is noon."));
        List<Frame> frames = Chats.ask(user, bot, null, "what time is it?");
        assertThat(SseFrames.answer(frames)).isEqualTo("It is noon.");
        Frame call = Chats.completed(frames, "function_call").get(0);
        assertThat(call.data().path("content").asText()).contains("get_time").contains("UTC");
        Frame result = Chats.completed(frames, "tool_response").get(0);
        assertThat(result.data().path("content").asText()).contains("12:00");
        assertThat(FakePlatform.executions()).anyMatch(e -> e.getToolId().equals(toolId)
                && e.getArgumentsJson().contains("UTC") && e.getBotId().equals(bot));
        // the offered function and, on the second call, its result
        JsonNode first = llm.requests().get(0);
        assertThat(first.path("tools").get(0).path("function").path("name").asText()).isEqualTo("get_time");
        JsonNode second = llm.lastRequest();
        assertThat(second.path("messages").findValuesAsText("role")).contains("tool");
        assertThat(second.toString()).contains("12:00 in");
    }

    @Test
    void aPluginToolMarkedClientSideIsLeftToTheClient() {
        Account user = Accounts.create(jwt, "local");
        String toolId = Long.toString(Accounts.nextId());
        FakePlatform.tool(ToolDefinition.newBuilder().setToolId(toolId).setName("read_local_file").setClientSide(true)
                .setParametersSchema("{\"type\":\"object\"}").build(),
                req -> ExecuteToolResponse.newBuilder().setOutput("must not run").build());
        String bot = Accounts.bot(user, BotRuntime.newBuilder().setSystemPrompt("sys").addToolIds(toolId));
        llm.enqueue(Reply.toolCalls(ToolCall.of("read_local_file", "{}")));
        List<Frame> frames = Chats.ask(user, bot, null, "open my file");
        Frame action = Chats.last(frames, "conversation.chat.requires_action");
        assertThat(action.data().path("required_action").path("submit_tool_outputs").path("tool_calls").get(0)
                .path("function").path("name").asText()).isEqualTo("read_local_file");
        assertThat(FakePlatform.executions()).noneMatch(e -> e.getToolId().equals(toolId));
    }

    @Test
    void aModelThatKeepsCallingToolsIsStoppedAfterTheCap() {
        Account user = Accounts.create(jwt, "loop");
        String toolId = Long.toString(Accounts.nextId());
        FakePlatform.tool(ToolDefinition.newBuilder().setToolId(toolId).setName("again").setParametersSchema("{}").build(),
                req -> ExecuteToolResponse.newBuilder().setOutput("call me again").build());
        String bot = Accounts.bot(user, BotRuntime.newBuilder().setSystemPrompt("sys").addToolIds(toolId));
        llm.respondWith(req -> Reply.toolCalls(ToolCall.of("again", "{}")));
        List<Frame> frames = Chats.ask(user, bot, null, "loop forever");
        Frame failed = Chats.last(frames, "conversation.chat.failed");
        assertThat(failed.data().path("last_error").path("code").asInt()).isEqualTo(103500002);
        // six rounds of tools ran; the seventh request for tools was refused before running anything
        assertThat(llm.requestCount()).isEqualTo(7);
        assertThat(FakePlatform.executions().stream().filter(e -> e.getToolId().equals(toolId)).count()).isEqualTo(6);
    }

    @Test
    void knowledgeIsRetrievedEveryTurnAndCitedInThePrompt() {
        Account user = Accounts.create(jwt, "kb");
        FakePlatform.knowledge(req -> RetrieveResponse.newBuilder().addChunks(RetrievedChunk.newBuilder()
                .setChunkId("c1").setDatasetId(req.getDatasetIds(0)).setDocumentId("d1").setDocumentName("handbook.pdf")
                .setContent("Refunds take 5 days.").setScore(0.9)).build());
        String bot = Accounts.bot(user, BotRuntime.newBuilder().setSystemPrompt("Support bot.")
                .setKnowledge(KnowledgeBinding.newBuilder().addDatasetIds("ds-1").setRecallMode("auto").setTopK(3).setShowSource(true)));
        llm.enqueue(Reply.text("5 days"));
        List<Frame> frames = Chats.ask(user, bot, null, "how long do refunds take?");
        String system = llm.lastRequest().path("messages").get(0).path("content").asText();
        assertThat(system).startsWith("Support bot.").contains("Refunds take 5 days.");
        assertThat(FakePlatform.retrievals()).anyMatch(r -> r.getQuery().equals("how long do refunds take?")
                && r.getDatasetIdsList().contains("ds-1"));
        List<Frame> verbose = Chats.completed(frames, "verbose");
        assertThat(verbose).anyMatch(f -> f.data().path("content").asText().contains("knowledge_recall")
                && f.data().path("content").asText().contains("handbook.pdf"));
        Frame answer = Chats.completed(frames, "answer").get(0);
        assertThat(answer.data().path("meta_data").path("citations").asText()).contains("handbook.pdf");
    }

    @Test
    void onDemandKnowledgeIsAToolTheModelMayCall() {
        Account user = Accounts.create(jwt, "kb2");
        FakePlatform.knowledge(req -> RetrieveResponse.newBuilder().addChunks(RetrievedChunk.newBuilder()
                .setChunkId("c2").setDocumentName("faq").setContent("Opening hours are 9-5.").setScore(0.8)).build());
        String bot = Accounts.bot(user, BotRuntime.newBuilder().setSystemPrompt("sys")
                .setKnowledge(KnowledgeBinding.newBuilder().addDatasetIds("ds-2").setRecallMode("on_demand")));
        llm.enqueue(Reply.toolCalls(ToolCall.of("search_knowledge", "{\"query\":\"opening hours\"}")));
        llm.enqueue(Reply.text("9 to 5"));
        List<Frame> frames = Chats.ask(user, bot, null, "when are you open?");
        assertThat(SseFrames.answer(frames)).isEqualTo("9 to 5");
        assertThat(llm.requests().get(0).path("messages").get(0).path("content").asText()).doesNotContain("Opening hours");
        assertThat(llm.lastRequest().toString()).contains("Opening hours are 9-5.");
        assertThat(FakePlatform.retrievals()).anyMatch(r -> r.getQuery().equals("opening hours"));
    }

    @Test
    void aNoRecallReplyAnswersWithoutTheModelWhenNothingIsFound() {
        Account user = Accounts.create(jwt, "kb3");
        FakePlatform.knowledge(req -> RetrieveResponse.getDefaultInstance());
        String bot = Accounts.bot(user, BotRuntime.newBuilder().setSystemPrompt("sys")
                .setKnowledge(KnowledgeBinding.newBuilder().addDatasetIds("ds-3").setRecallMode("auto")
                        .setNoRecallReply("I don't know that.")));
        List<Frame> frames = Chats.ask(user, bot, null, "anything?");
        assertThat(SseFrames.answer(frames)).isEqualTo("I don't know that.");
        assertThat(llm.requestCount()).isZero();
    }

    @Test
    void badInputIsAJsonErrorBeforeAnyStreamStarts() {
        Account user = Accounts.create(jwt, "bad");
        io.restassured.RestAssured.given().header("Authorization", user.bearer()).contentType("application/json")
                .body(Map.of("bot_id", "not-a-number", "query", "hi", "stream", true)).post("/api/v1/chat")
                .then().statusCode(400).contentType("application/json")
                .body("code", org.hamcrest.Matchers.equalTo(103400003));
        String bot = Accounts.bot(user, "sys");
        io.restassured.RestAssured.given().header("Authorization", user.bearer()).contentType("application/json")
                .body(Map.of("bot_id", bot, "stream", true)).post("/api/v1/chat")
                .then().statusCode(400).body("msg", org.hamcrest.Matchers.containsString("user message"));
        // multimodal content that is not an array of parts is refused, not stored
        io.restassured.RestAssured.given().header("Authorization", user.bearer()).contentType("application/json")
                .body(Map.of("bot_id", bot, "query", "hi", "content_type", "object_string")).post("/api/v1/chat")
                .then().statusCode(400).body("code", org.hamcrest.Matchers.equalTo(103400003));
        // client tools need stored history to resume
        io.restassured.RestAssured.given().header("Authorization", user.bearer()).contentType("application/json")
                .body(Map.of("bot_id", bot, "query", "hi", "auto_save_history", false,
                        "tools", List.of(Map.of("type", "function", "function", Map.of("name", "f")))))
                .post("/api/v1/chat").then().statusCode(400).body("code", org.hamcrest.Matchers.equalTo(103400003));
        // clients may not write the engine's message types
        io.restassured.RestAssured.given().header("Authorization", user.bearer()).contentType("application/json")
                .body(Map.of("bot_id", bot, "additional_messages", List.of(Map.of("role", "user", "content", "x", "type", "function_call"))))
                .post("/api/v1/chat").then().statusCode(400).body("code", org.hamcrest.Matchers.equalTo(103400003));
    }
}
