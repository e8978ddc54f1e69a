package dev.atrium.e2e;

import static dev.atrium.e2e.Envelopes.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bots and providers through the gateway, with real auth-service workspaces behind the access checks. */
@ExtendWith(AtriumSuite.class)
class BotE2ETest {

    private final Gateway gateway = AtriumSuite.gateway();

    @Test
    void aUserBuildsPublishesAndRunsABotThatNoOtherWorkspaceCanSee() {
        Users.Session alice = Users.register(gateway);
        Users.Session mallory = Users.register(gateway);

        String secret = "sk-e2e-provider-" + Users.uniqueName();
        Gateway.Reply provider = gateway.post("/api/v1/providers", Map.of("name", "stub", "type", "openai_compatible",
                "base_url", AtriumSuite.llm().baseUrl(), "api_key", secret, "models", List.of("stub-model")), alice.accessToken());
        assertOk(provider);
        assertFalse(provider.body().contains(secret), provider::toString);
        String providerId = provider.data().path("id").asText();

        Gateway.Reply tested = gateway.post("/api/v1/providers/" + providerId + "/test", Map.of(), alice.accessToken());
        assertOk(tested);
        assertTrue(tested.data().path("ok").asBoolean(), tested::toString);

        Gateway.Reply created = gateway.post("/api/v1/bots", Map.of("name", "e2e bot", "system_prompt", "Hi {{who}}",
                "model", Map.of("provider_id", providerId), "variables", List.of(Map.of("keyword", "who", "default_value", "you")),
                "opening_statement", "Welcome"), alice.accessToken());
        assertOk(created);
        String botId = created.data().path("id").asText();
        String workspace = created.data().path("workspace_id").asText();
        assertFalse(workspace.isEmpty(), created::toString);

        Gateway.Reply published = gateway.post("/api/v1/bots/" + botId + "/publish", Map.of("changelog", "v1"), alice.accessToken());
        assertOk(published);
        assertEquals(1, published.data().path("version").asInt(), published::toString);
        Gateway.Reply config = gateway.get("/api/v1/bots/" + botId + "/config", alice.accessToken());
        assertOk(config);
        assertEquals("Welcome", config.data().path("opening_statement").asText(), config::toString);

        for (String path : List.of("/api/v1/bots/" + botId, "/api/v1/bots/" + botId + "/versions", "/api/v1/providers/" + providerId)) {
            Gateway.Reply stranger = gateway.get(path, mallory.accessToken());
            assertEquals(404, stranger.status(), () -> path + ": " + stranger);
            assertTrue(stranger.code().orElseThrow() / 1_000_000 == 100, stranger::toString);
        }
        Gateway.Reply squat = gateway.post("/api/v1/bots", Map.of("name", "x", "workspace_id", workspace), mallory.accessToken());
        assertEquals(404, squat.status(), squat::toString);
        Gateway.Reply list = gateway.get("/api/v1/bots", mallory.accessToken());
        assertOk(list);
        assertFalse(list.body().contains(botId), list::toString);
    }

    @Test
    void teamMembersShareBotsAndAppKeysOnlyChat() {
        Users.Session owner = Users.register(gateway);
        Users.Session colleague = Users.register(gateway);
        Gateway.Reply team = gateway.post("/api/v1/workspaces", Map.of("name", "e2e team"), owner.accessToken());
        assertOk(team);
        String teamId = team.data().path("id").asText();
        Gateway.Reply bot = gateway.post("/api/v1/bots", Map.of("name", "team bot", "workspace_id", teamId), owner.accessToken());
        assertOk(bot);
        String botId = bot.data().path("id").asText();
        assertEquals(404, gateway.get("/api/v1/bots/" + botId, colleague.accessToken()).status());

        assertOk(gateway.post("/api/v1/workspaces/" + teamId + "/members", Map.of("username", colleague.username(), "role", "member"),
                owner.accessToken()));
        // memberships are cached per token for a few seconds: a fresh login sees the new one at once
        Gateway.Reply relogin = gateway.post("/api/v1/auth/login", Map.of("username", colleague.username(), "password", Users.PASSWORD), null);
        String colleagueToken = relogin.data().path("access_token").asText();
        assertOk(gateway.get("/api/v1/bots/" + botId, colleagueToken));
        Gateway.Reply colleaguesList = gateway.get("/api/v1/bots?workspace_id=" + teamId, colleagueToken);
        assertOk(colleaguesList);
        assertEquals(1, colleaguesList.data().path("total").asInt(), colleaguesList::toString);

        assertOk(gateway.post("/api/v1/bots/" + botId + "/publish", Map.of(), owner.accessToken()));
        Gateway.Reply key = gateway.post("/api/v1/auth/api-keys", Map.of("name", "app", "bot_id", botId, "workspace_id", teamId),
                owner.accessToken());
        assertOk(key);
        String apiKey = key.data().path("token").asText();
        Gateway.Reply asApp = Gateway.poll(Duration.ofSeconds(5), () -> gateway.get("/api/v1/bots/" + botId + "/config", apiKey),
                r -> r.status() == 200);
        assertOk(asApp);
        assertEquals(403, gateway.get("/api/v1/bots", apiKey).status());
        assertEquals(403, gateway.put("/api/v1/bots/" + botId, Map.of("name", "hijack"), apiKey).status());
    }

    @Test
    void thePlatformProviderFromTheEnvironmentIsListedMasked() {
        Users.Session user = Users.register(gateway);
        Gateway.Reply providers = gateway.get("/api/v1/providers", user.accessToken());
        assertOk(providers);
        assertFalse(providers.body().contains(AtriumSuite.PLATFORM_LLM_KEY), providers::toString);
        var platform = providers.data().get(0);
        assertEquals("platform", platform.path("id").asText(), providers::toString);
        assertEquals("e2e-model", platform.path("default_model").asText(), providers::toString);
        Gateway.Reply tested = gateway.post("/api/v1/providers/platform/test", Map.of(), user.accessToken());
        assertOk(tested);
        assertTrue(tested.data().path("ok").asBoolean(), tested::toString);
    }

    @Test
    void cozeClientsBuildAndReadBotsWithAPersonalAccessToken() {
        Users.Session user = Users.register(gateway);
        Gateway.Reply pat = gateway.post("/api/v1/auth/tokens", Map.of("name", "coze sdk"), user.accessToken());
        assertOk(pat);
        String token = pat.data().path("token").asText();

        Gateway.Reply spaces = gateway.get("/v1/workspaces", token);
        assertOk(spaces);
        String space = spaces.data().path("workspaces").get(0).path("id").asText();
        assertEquals("personal", spaces.data().path("workspaces").get(0).path("workspace_type").asText(), spaces::toString);

        Gateway.Reply created = gateway.post("/v1/bot/create", Map.of("space_id", space, "name", "coze bot",
                "prompt_info", Map.of("prompt", "Be brief."), "onboarding_info", Map.of("prologue", "Hello", "suggested_questions",
                        List.of("Why?")), "model_info_config", Map.of("model_id", "e2e-model", "temperature", 0.5), "audio", ""), token);
        assertOk(created);
        String botId = created.data().path("bot_id").asText();
        Gateway.Reply published = gateway.post("/v1/bot/publish", Map.of("bot_id", botId, "connector_ids", List.of("1024")), token);
        assertOk(published);
        assertEquals("1", published.data().path("version").asText(), published::toString);

        Gateway.Reply online = gateway.get("/v1/bot/get_online_info?bot_id=" + botId, token);
        assertOk(online);
        assertEquals("Be brief.", online.data().path("prompt_info").path("prompt").asText(), online::toString);
        assertEquals("Hello", online.data().path("onboarding_info").path("prologue").asText(), online::toString);
        Gateway.Reply listed = gateway.get("/v1/space/published_bots_list?space_id=" + space, token);
        assertOk(listed);
        assertEquals(botId, listed.data().path("space_bots").get(0).path("bot_id").asText(), listed::toString);
        assertTrue(listed.data().path("space_bots").get(0).path("publish_time").isTextual(), listed::toString);
    }

    @Test
    void memoryThroughTheGatewayIsPerEndUserAndPrivateToTheWorkspace() {
        Users.Session owner = Users.register(gateway);
        Users.Session stranger = Users.register(gateway);
        Gateway.Reply bot = gateway.post("/api/v1/bots", Map.of("name", "memory bot",
                "variables", List.of(Map.of("keyword", "city", "default_value", "Paris"))), owner.accessToken());
        assertOk(bot);
        String botId = bot.data().path("id").asText();
        String workspace = bot.data().path("workspace_id").asText();
        assertOk(gateway.post("/api/v1/bots/" + botId + "/publish", Map.of(), owner.accessToken()));

        Gateway.Reply table = gateway.post("/api/v1/bots/" + botId + "/tables", Map.of("name", "notes", "rw_mode", "single_user",
                "fields", List.of(Map.of("name", "text", "type", "text", "required", true), Map.of("name", "stars", "type", "number"))),
                owner.accessToken());
        assertOk(table);
        String tableId = table.data().path("table_id").asText();
        String rows = "/api/v1/bots/" + botId + "/tables/" + tableId + "/rows";
        assertOk(gateway.post(rows, Map.of("user_id", "u1", "rows", List.of(Map.of("text", "first", "stars", 3))), owner.accessToken()));
        assertOk(gateway.post(rows, Map.of("user_id", "u2", "rows", List.of(Map.of("text", "other", "stars", 5))), owner.accessToken()));
        Gateway.Reply mine = gateway.post(rows + "/query", Map.of("user_id", "u1", "filter",
                Map.of("conditions", List.of(Map.of("field", "stars", "op", "gte", "value", 1)))), owner.accessToken());
        assertOk(mine);
        assertEquals(1, mine.data().path("total").asInt(), mine::toString);
        assertEquals("first", mine.data().path("items").get(0).path("data").path("text").asText(), mine::toString);

        Gateway.Reply key = gateway.post("/api/v1/auth/api-keys", Map.of("name", "app", "bot_id", botId, "workspace_id", workspace),
                owner.accessToken());
        assertOk(key);
        String apiKey = key.data().path("token").asText();
        assertOk(gateway.put("/v1/variables", Map.of("bot_id", botId, "connector_uid", "visitor-7",
                "data", List.of(Map.of("keyword", "city", "value", "Rome"))), apiKey));
        Gateway.Reply vars = gateway.get("/v1/variables?bot_id=" + botId + "&connector_uid=visitor-7", apiKey);
        assertOk(vars);
        assertTrue(vars.body().contains("\"value\":\"Rome\""), vars::toString);

        for (Gateway.Reply denied : List.of(gateway.get("/api/v1/bots/" + botId + "/tables", stranger.accessToken()),
                gateway.post(rows + "/query", Map.of(), stranger.accessToken()),
                gateway.get("/api/v1/bots/" + botId + "/variables", stranger.accessToken()),
                gateway.get("/v1/variables?bot_id=" + botId, stranger.accessToken()))) {
            assertEquals(404, denied.status(), denied::toString);
        }
    }

    @Test
    void noProcessEverLogsAProviderKey() throws Exception {
        var logs = AtriumSuite.logsDir();
        if (logs.isEmpty()) {
            return;
        }
        Users.Session user = Users.register(gateway);
        String secret = "sk-e2e-logcheck-" + Users.uniqueName();
        Gateway.Reply provider = gateway.post("/api/v1/providers", Map.of("name", "log check", "base_url", AtriumSuite.llm().baseUrl(),
                "api_key", secret, "default_model", "m"), user.accessToken());
        assertOk(provider);
        assertOk(gateway.post("/api/v1/providers/" + provider.data().path("id").asText() + "/test", Map.of(), user.accessToken()));
        assertOk(gateway.post("/api/v1/bots", Map.of("name", "inline", "llm_config", Map.of("provider", "openai", "api_key", secret + "x")),
                user.accessToken()));
        try (var files = java.nio.file.Files.list(logs.get())) {
            for (var file : files.toList()) {
                String text = java.nio.file.Files.readString(file);
                assertFalse(text.contains(secret), () -> file + " holds the provider key");
                assertFalse(text.contains(AtriumSuite.PLATFORM_LLM_KEY), () -> file + " holds the platform key");
            }
        }
    }
}
