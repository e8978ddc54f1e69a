package dev.atrium.bot;

import static dev.atrium.bot.BotFlowTest.post;
import static dev.atrium.bot.BotFlowTest.put;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.atrium.bot.support.Accounts;
import dev.atrium.bot.support.Accounts.Account;
import dev.atrium.bot.support.BotChannel;
import dev.atrium.proto.bot.v1.BotRuntime;
import dev.atrium.proto.bot.v1.GetBotRequest;
import dev.atrium.proto.bot.v1.GetBotRuntimeRequest;
import dev.atrium.testkit.InjectJwtKit;
import dev.atrium.testkit.InjectLlmStub;
import dev.atrium.testkit.JwtKit;
import dev.atrium.testkit.server.OpenAiStub;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RuntimeGrpcTest {

    @RegisterExtension
    final BotChannel grpc = new BotChannel();

    @InjectJwtKit
    JwtKit jwt;

    @InjectLlmStub
    OpenAiStub llm;

    Account alice;
    String providerId;
    String spareId;
    String botId;

    @BeforeEach
    void setUp() {
        alice = Accounts.create(jwt, "alice");
        providerId = post(alice, "/api/v1/providers", Map.of("name", "main", "type", "openai_compatible", "base_url", llm.baseUrl(),
                "api_key", "sk-main-secret-key-000111", "models", List.of("m-main"))).statusCode(200).extract().path("data.id");
        spareId = post(alice, "/api/v1/providers", Map.of("name", "spare", "type", "deepseek", "api_key", "sk-spare-secret-key-222333",
                "default_model", "deepseek-chat")).statusCode(200).extract().path("data.id");
        botId = post(alice, "/api/v1/bots", Map.of("name", "runner", "system_prompt", "You help {{name}} in {{city}} ({{sys_uuid}}).",
                "model", Map.of("provider_id", providerId, "temperature", 0.3, "max_tokens", 512),
                "fallback", List.of(Map.of("provider_id", spareId), Map.of("provider_id", "platform", "model", "backup-model")),
                "knowledge", Map.of("dataset_ids", List.of("7"), "recall_mode", "on_demand", "top_k", 5),
                "tool_ids", List.of("t1"), "workflow_ids", List.of("w1"),
                "variables", List.of(Map.of("keyword", "name", "default_value", "friend"), Map.of("keyword", "city")),
                "shortcut_commands", List.of(Map.of("command", "/sum", "prompt", "Summarise")))).statusCode(200).extract().path("data.id");
    }

    @Test
    void servesThePublishedVersionWithResolvedPromptAndDecryptedModelChain() {
        post(alice, "/api/v1/bots/" + botId + "/publish", null).statusCode(200);
        put(alice, "/api/v1/bots/" + botId, Map.of("system_prompt", "draft only")).statusCode(200);

        BotRuntime r = grpc.bots(alice.token()).getBotRuntime(GetBotRuntimeRequest.newBuilder().setBotId(botId).build());
        assertEquals(1, r.getVersion());
        assertEquals(false, r.getDraft());
        assertEquals("You help {{name}} in {{city}} ({{sys_uuid}}).", r.getSystemPromptTemplate());
        assertEquals("You help friend in  (" + alice.userId() + ").", r.getSystemPrompt());
        assertEquals(alice.workspace(), r.getWorkspaceId());
        assertEquals(llm.baseUrl(), r.getModel().getTarget().getBaseUrl());
        assertEquals("sk-main-secret-key-000111", r.getModel().getTarget().getApiKey());
        assertEquals("m-main", r.getModel().getTarget().getModel());
        assertEquals(0.3, r.getModel().getTemperature());
        assertEquals(512, r.getModel().getMaxTokens());
        assertEquals(false, r.getModel().hasTopP());
        assertEquals(List.of("sk-spare-secret-key-222333", "sk-platform-test-key-0123456789"),
                r.getFallbackList().stream().map(t -> t.getApiKey()).toList());
        assertEquals(List.of("deepseek-chat", "backup-model"), r.getFallbackList().stream().map(t -> t.getModel()).toList());
        assertEquals("https://api.deepseek.com/v1", r.getFallback(0).getBaseUrl());
        assertEquals("on_demand", r.getKnowledge().getRecallMode());
        assertEquals(5, r.getKnowledge().getTopK());
        assertEquals(List.of("t1"), r.getToolIdsList());
        assertEquals(List.of("w1"), r.getWorkflowIdsList());
        assertEquals("/sum", r.getShortcutCommands(0).getCommand());
        assertTrue(r.getVariablesList().stream().anyMatch(v -> v.getKeyword().equals("sys_uuid") && v.getSystem()));
    }

    @Test
    void theDraftIsForMembersAndAVersionCanBeChosen() {
        post(alice, "/api/v1/bots/" + botId + "/publish", null).statusCode(200);
        put(alice, "/api/v1/bots/" + botId, Map.of("system_prompt", "v2 prompt")).statusCode(200);
        post(alice, "/api/v1/bots/" + botId + "/publish", null).statusCode(200);
        put(alice, "/api/v1/bots/" + botId, Map.of("system_prompt", "draft prompt")).statusCode(200);

        var stub = grpc.bots(alice.token());
        assertEquals("draft prompt", stub.getBotRuntime(GetBotRuntimeRequest.newBuilder().setBotId(botId).setDraft(true).build())
                .getSystemPrompt());
        assertEquals("v2 prompt", stub.getBotRuntime(GetBotRuntimeRequest.newBuilder().setBotId(botId).build()).getSystemPrompt());
        assertEquals(1, stub.getBotRuntime(GetBotRuntimeRequest.newBuilder().setBotId(botId).setVersion(1).build()).getVersion());
        assertCode(100404003, () -> stub.getBotRuntime(GetBotRuntimeRequest.newBuilder().setBotId(botId).setVersion(7).build()));

        String key = Accounts.apiKeyToken(jwt, alice, botId);
        assertEquals("v2 prompt", grpc.bots(key).getBotRuntime(GetBotRuntimeRequest.newBuilder().setBotId(botId).build()).getSystemPrompt());
        assertCode(100403003, () -> grpc.bots(key).getBotRuntime(GetBotRuntimeRequest.newBuilder().setBotId(botId).setDraft(true).build()));
    }

    @Test
    void unpublishedBotsHaveNoRuntimeButTheirDraft() {
        assertCode(100404004, () -> grpc.bots(alice.token()).getBotRuntime(GetBotRuntimeRequest.newBuilder().setBotId(botId).build()));
        assertEquals(0, grpc.bots(alice.token()).getBotRuntime(GetBotRuntimeRequest.newBuilder().setBotId(botId).setDraft(true).build())
                .getVersion());
    }

    @Test
    void strangersAndOtherBotsKeysSeeNothing() {
        post(alice, "/api/v1/bots/" + botId + "/publish", null).statusCode(200);
        Account mallory = Accounts.create(jwt, "mallory");
        assertCode(100404002, () -> grpc.bots(mallory.token()).getBotRuntime(GetBotRuntimeRequest.newBuilder().setBotId(botId).build()));
        String otherBotKey = Accounts.apiKeyToken(jwt, alice, "42");
        assertCode(100404002, () -> grpc.bots(otherBotKey).getBotRuntime(GetBotRuntimeRequest.newBuilder().setBotId(botId).build()));
        StatusRuntimeException anonymous = assertThrows(StatusRuntimeException.class,
                () -> grpc.bots(null).getBotRuntime(GetBotRuntimeRequest.newBuilder().setBotId(botId).build()));
        assertEquals(Status.Code.UNAUTHENTICATED, anonymous.getStatus().getCode());
    }

    @Test
    void storedVariableValuesFillThePrompt() {
        post(alice, "/api/v1/bots/" + botId + "/publish", null).statusCode(200);
        put(alice, "/api/v1/bots/" + botId + "/variables", Map.of("user_id", "end-user-1",
                "data", List.of(Map.of("keyword", "city", "value", "Lyon")))).statusCode(200).body("code", equalTo(0));
        BotRuntime r = grpc.bots(alice.token()).getBotRuntime(GetBotRuntimeRequest.newBuilder().setBotId(botId).setUserId("end-user-1").build());
        assertEquals("You help friend in Lyon (end-user-1).", r.getSystemPrompt());
        assertEquals("Lyon", r.getVariableValuesMap().get("city"));
    }

    @Test
    void getBotTellsOwnershipOnlyToThoseWhoMaySeeTheBot() {
        var summary = grpc.bots(alice.token()).getBot(GetBotRequest.newBuilder().setBotId(botId).build());
        assertEquals(alice.workspace(), summary.getWorkspaceId());
        assertEquals("runner", summary.getName());
        assertEquals(0, summary.getLatestVersion());
        Account mallory = Accounts.create(jwt, "mallory");
        assertCode(100404002, () -> grpc.bots(mallory.token()).getBot(GetBotRequest.newBuilder().setBotId(botId).build()));
        assertCode(100404002, () -> grpc.bots(alice.token()).getBot(GetBotRequest.newBuilder().setBotId("nope").build()));
    }

    @Test
    void listsTheBotsMemoryTables() {
        post(alice, "/api/v1/bots/" + botId + "/tables", Map.of("name", "orders", "rw_mode", "multi_user",
                "fields", List.of(Map.of("name", "item", "type", "text", "required", true)))).statusCode(200);
        post(alice, "/api/v1/bots/" + botId + "/publish", null).statusCode(200);
        BotRuntime r = grpc.bots(alice.token()).getBotRuntime(GetBotRuntimeRequest.newBuilder().setBotId(botId).build());
        assertEquals(1, r.getTablesCount());
        assertEquals("orders", r.getTables(0).getName());
        assertEquals("multi_user", r.getTables(0).getRwMode());
        assertTrue(r.getTables(0).getFieldsJson().contains("\"item\""), r.getTables(0).getFieldsJson());
    }

    private static void assertCode(int code, Runnable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
        assertEquals(Integer.toString(code), e.getTrailers().get(Metadata.Key.of("atrium-code", Metadata.ASCII_STRING_MARSHALLER)),
                () -> "status " + e.getStatus());
    }
}
