package dev.atrium.bot;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.atrium.bot.support.Accounts;
import dev.atrium.bot.support.Accounts.Account;
import dev.atrium.testkit.InjectJwtKit;
import dev.atrium.testkit.JwtKit;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class BotFlowTest {

    @InjectJwtKit
    JwtKit jwt;

    Account alice;

    @BeforeEach
    void setUp() {
        alice = Accounts.create(jwt, "alice");
    }

    @Test
    void createsABotFromTheSeedFieldsAndReadsItBack() {
        Map<String, Object> body = Map.of(
                "name", "我的聊天机器人",
                "description", "这是一个智能聊天机器人",
                "avatar_url", "https://example.com/avatar.jpg",
                "platform_type", "web",
                "llm_config", Map.of("provider", "platform", "model", "gpt-3.5-turbo", "temperature", 0.7, "max_tokens", 2000,
                        "system_prompt", "你是一个有帮助的助手 {{city}}"),
                "knowledge_base_ids", List.of("kb_id_1", "kb_id_2"),
                "plugins", List.of("weather", "calculator"),
                "variables", List.of(Map.of("keyword", "city", "type", "enum", "options", List.of("Paris", "Rome"),
                        "default_value", "Paris", "required", true)));
        String id = post(alice, "/api/v1/bots", body).statusCode(200)
                .body("code", equalTo(0))
                .body("data.name", equalTo("我的聊天机器人"))
                .body("data.icon_url", equalTo("https://example.com/avatar.jpg"))
                .body("data.avatar_url", equalTo("https://example.com/avatar.jpg"))
                .body("data.workspace_id", equalTo(alice.workspace()))
                .body("data.model.provider_id", equalTo("platform"))
                .body("data.model.model", equalTo("gpt-3.5-turbo"))
                .body("data.model.max_tokens", equalTo(2000))
                .body("data.model.context_rounds", equalTo(10))
                .body("data.system_prompt", equalTo("你是一个有帮助的助手 {{city}}"))
                .body("data.knowledge.dataset_ids", equalTo(List.of("kb_id_1", "kb_id_2")))
                .body("data.knowledge.recall_mode", equalTo("auto"))
                .body("data.knowledge_base_ids", equalTo(List.of("kb_id_1", "kb_id_2")))
                .body("data.plugins", equalTo(List.of("weather", "calculator")))
                .body("data.is_active", equalTo(false))
                .body("data.publish_status", equalTo("unpublished"))
                .extract().path("data.id");

        given().header("Authorization", alice.bearer()).get("/api/v1/bots/" + id).then().statusCode(200)
                .body("data.id", equalTo(id)).body("data.variables[0].options", equalTo(List.of("Paris", "Rome")));
    }

    @Test
    void updateMergesPartialFieldsAndKeepsTheRest() {
        String id = createBot(alice, "merge me");
        put(alice, "/api/v1/bots/" + id, Map.of("llm_config", Map.of("model", "m1", "temperature", 0.9))).statusCode(200);
        put(alice, "/api/v1/bots/" + id, Map.of("llm_config", Map.of("temperature", 0.2))).statusCode(200)
                .body("data.model.temperature", equalTo(0.2f))
                .body("data.model.model", equalTo("m1"))
                .body("data.name", equalTo("merge me"));
        put(alice, "/api/v1/bots/" + id, Map.of("description", "new words")).statusCode(200)
                .body("data.description", equalTo("new words"))
                .body("data.model.temperature", equalTo(0.2f));
    }

    @Test
    void publishesNumberedVersionsAndRollsBack() {
        String id = createBot(alice, "versioned");
        post(alice, "/api/v1/bots/" + id + "/publish", Map.of("changelog", "first")).statusCode(200)
                .body("data.version", equalTo(1)).body("data.is_latest", equalTo(true));
        put(alice, "/api/v1/bots/" + id, Map.of("system_prompt", "second prompt")).statusCode(200)
                .body("data.has_unpublished_changes", equalTo(true));
        post(alice, "/api/v1/bots/" + id + "/publish", Map.of()).statusCode(200).body("data.version", equalTo(2));

        given().header("Authorization", alice.bearer()).get("/api/v1/bots/" + id + "/versions").then().statusCode(200)
                .body("data.total", equalTo(2)).body("data.items.version", equalTo(List.of(2, 1)))
                .body("data.items[1].changelog", equalTo("first"));
        given().header("Authorization", alice.bearer()).get("/api/v1/bots/" + id + "/versions/1").then().statusCode(200)
                .body("data.definition.system_prompt", equalTo("You are {{persona}}."));

        post(alice, "/api/v1/bots/" + id + "/publish", Map.of("version", 1)).statusCode(200)
                .body("data.version", equalTo(3)).body("data.changelog", equalTo("rollback to version 1"));
        given().header("Authorization", alice.bearer()).get("/api/v1/bots/" + id + "/versions/3").then()
                .body("data.definition.system_prompt", equalTo("You are {{persona}}."));
        given().header("Authorization", alice.bearer()).get("/api/v1/bots/" + id).then()
                .body("data.system_prompt", equalTo("You are {{persona}}.")).body("data.latest_version", equalTo(3));
        post(alice, "/api/v1/bots/" + id + "/publish", Map.of("version", 9)).statusCode(404).body("code", equalTo(100404003));
    }

    @Test
    void startStopAndStatus() {
        String id = createBot(alice, "runner");
        post(alice, "/api/v1/bots/" + id + "/start", null).statusCode(409).body("code", equalTo(100409005));
        post(alice, "/api/v1/bots/" + id + "/publish", null).statusCode(200);
        post(alice, "/api/v1/bots/" + id + "/start", null).statusCode(200)
                .body("data.is_running", equalTo(true)).body("data.is_online", equalTo(true))
                .body("data.start_time", notNullValue()).body("data.message_count", equalTo(0));
        given().header("Authorization", alice.bearer()).get("/api/v1/bots?is_active=true").then()
                .body("data.items.id", hasItem(id));
        post(alice, "/api/v1/bots/" + id + "/stop", null).statusCode(200)
                .body("data.is_running", equalTo(false)).body("data.start_time", nullValue())
                .body("data", org.hamcrest.Matchers.hasKey("start_time")).body("data", org.hamcrest.Matchers.hasKey("last_activity"));
    }

    @Test
    void listsWithFiltersAndPaging() {
        String tag = "zz" + Accounts.nextId();
        for (int i = 0; i < 3; i++) {
            createBot(alice, tag + " bot " + i);
        }
        String published = createBot(alice, tag + " shipped");
        post(alice, "/api/v1/bots/" + published + "/publish", null).statusCode(200);
        given().header("Authorization", alice.bearer()).queryParam("search", tag).queryParam("limit", 2).get("/api/v1/bots")
                .then().statusCode(200).body("data.total", equalTo(4)).body("data.items", hasSize(2)).body("data.has_more", equalTo(true));
        given().header("Authorization", alice.bearer()).queryParam("search", tag).queryParam("publish_status", "published")
                .get("/api/v1/bots").then().body("data.total", equalTo(1)).body("data.items[0].id", equalTo(published));
        given().header("Authorization", alice.bearer()).queryParam("search", "%").get("/api/v1/bots")
                .then().statusCode(200).body("data.total", equalTo(0));
        given().header("Authorization", alice.bearer()).queryParam("limit", 0).get("/api/v1/bots").then().statusCode(400);
        given().header("Authorization", alice.bearer()).queryParam("limit", "abc").get("/api/v1/bots").then().statusCode(400)
                .body("code", equalTo(100400001));
        given().header("Authorization", alice.bearer()).queryParam("publish_status", "maybe").get("/api/v1/bots").then().statusCode(400);
    }

    @Test
    void appConfigShowsThePublishedFormOrTheDraft() {
        String id = post(alice, "/api/v1/bots", Map.of("name", "config", "opening_statement", "Hello!",
                "suggested_questions", List.of("What can you do?"),
                "variables", List.of(Map.of("keyword", "name", "required", true)))).statusCode(200).extract().path("data.id");
        given().header("Authorization", alice.bearer()).get("/api/v1/bots/" + id + "/config").then().statusCode(200)
                .body("data.draft", equalTo(true)).body("data.opening_statement", equalTo("Hello!"))
                .body("data.variables[0].keyword", equalTo("name")).body("data.variables[0].type", equalTo("text"));
        post(alice, "/api/v1/bots/" + id + "/publish", null).statusCode(200);
        put(alice, "/api/v1/bots/" + id, Map.of("opening_statement", "Changed")).statusCode(200);
        given().header("Authorization", alice.bearer()).get("/api/v1/bots/" + id + "/config").then()
                .body("data.version", equalTo(1)).body("data.opening_statement", equalTo("Hello!"));
        given().header("Authorization", alice.bearer()).get("/api/v1/bots/" + id + "/config?draft=true").then()
                .body("data.opening_statement", equalTo("Changed"));
    }

    @Test
    void aPartialPlatformConfigUpdateKeepsTheStoredCredentials() {
        String id = post(alice, "/api/v1/bots", Map.of("name", "channel", "platform_config",
                Map.of("app_id", "cli_1", "app_secret", "s3cr3t-value-0001", "greeting", "hi"))).statusCode(200)
                .body("data.platform_config.app_secret", equalTo("s3c...0001")).extract().path("data.id");
        put(alice, "/api/v1/bots/" + id, Map.of("platform_config", Map.of("app_id", "cli_2"))).statusCode(200)
                .body("data.platform_config.app_id", equalTo("cli_2"))
                .body("data.platform_config.app_secret", equalTo("s3c...0001"));
        java.util.Map<String, Object> removeGreeting = new java.util.HashMap<>();
        removeGreeting.put("greeting", null);
        removeGreeting.put("app_secret", "s3c...0001");
        put(alice, "/api/v1/bots/" + id, Map.of("platform_config", removeGreeting)).statusCode(200)
                .body("data.platform_config.app_secret", equalTo("s3c...0001"))
                .body("data.platform_config", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("greeting")));
    }

    @Test
    void appKeysSeeOnlyThePublishedAppConfig() {
        String id = post(alice, "/api/v1/bots", Map.of("name", "widget", "opening_statement", "draft hello")).statusCode(200)
                .extract().path("data.id");
        String key = "Bearer " + Accounts.apiKeyToken(jwt, alice, id);
        given().header("Authorization", key).get("/api/v1/bots/" + id + "/config").then().statusCode(404).body("code", equalTo(100404004));
        post(alice, "/api/v1/bots/" + id + "/publish", null).statusCode(200);
        given().header("Authorization", key).get("/api/v1/bots/" + id + "/config").then().statusCode(200)
                .body("data.opening_statement", equalTo("draft hello"));
        given().header("Authorization", key).get("/api/v1/bots/" + id + "/config?draft=true").then().statusCode(403)
                .body("code", equalTo(100403003));
    }

    @Test
    void deletedBotsAreGone() {
        String id = createBot(alice, "doomed");
        given().header("Authorization", alice.bearer()).delete("/api/v1/bots/" + id).then().statusCode(200);
        given().header("Authorization", alice.bearer()).get("/api/v1/bots/" + id).then().statusCode(404).body("code", equalTo(100404002));
    }

    @Test
    void rejectsInvalidDefinitionsWithTheFieldNamed() {
        record Case(Map<String, Object> body, int code, String fragment) {
        }
        List<Case> cases = List.of(
                new Case(Map.of("description", "no name"), 100400003, "name"),
                new Case(Map.of("name", "x", "model", Map.of("temperature", 3)), 100400003, "model.temperature"),
                new Case(Map.of("name", "x", "model", Map.of("temperature", "hot")), 100400003, "wrong type"),
                new Case(Map.of("name", "x", "variables", List.of(Map.of("keyword", "sys_uuid"))), 100400003, "sys_"),
                new Case(Map.of("name", "x", "variables", List.of(Map.of("keyword", "c", "type", "enum"))), 100400003, "enum"),
                new Case(Map.of("name", "x", "shortcut_commands", List.of(Map.of("command", "nope"))), 112400001, "/"),
                new Case(Map.of("name", "x", "system_prompt", "p".repeat(20_001)), 110400001, "20000"),
                new Case(Map.of("name", "x", "platform_type", "Not Valid"), 107400001, "platform_type"),
                new Case(Map.of("name", "x", "model", Map.of("provider_id", "12345")), 100404005, "provider"),
                new Case(Map.of("name", "x", "fallback", List.of(Map.of(), Map.of())), 100400003, "fallback"),
                new Case(Map.of("name", "x", "bot_mode", "x"), 100400003, "bot_mode"),
                new Case(Map.of("name", "x", "model", 5), 100400003, "model"),
                new Case(Map.of("name", "x", "knowledge", "x", "knowledge_base_ids", List.of("1")), 100400003, "knowledge"),
                new Case(Map.of("name", "x", "llm_config", List.of()), 100400003, "llm_config"),
                new Case(Map.of("name", "x", "platform_config", "x"), 107400001, "platform_config"));
        post(alice, "/api/v1/bots", Map.of("name", "x", "inline_provider", "x", "llm_config", Map.of("provider", "platform")))
                .statusCode(200).body("data.model.provider_id", equalTo("platform"));
        for (Case c : cases) {
            ValidatableResponse r = post(alice, "/api/v1/bots", c.body());
            int status = c.code() / 1000 % 1000;
            r.statusCode(status).body("code", equalTo(c.code()));
            String msg = r.extract().path("msg");
            assertEquals(true, msg.contains(c.fragment()), () -> "message '" + msg + "' should name " + c.fragment());
        }
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON).body("[1,2]").post("/api/v1/bots")
                .then().statusCode(400);
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON).body("{\"name\":").post("/api/v1/bots")
                .then().statusCode(400);
    }

    @Test
    void requiresAuthenticationAndTheBotsScope() {
        given().contentType(ContentType.JSON).body(Map.of("name", "anon")).post("/api/v1/bots").then().statusCode(401)
                .body("code", equalTo(100401001));
        given().header("Authorization", "Bearer " + Accounts.scopedPat(jwt, alice, "tokens")).get("/api/v1/bots")
                .then().statusCode(403);
        given().header("Authorization", "Bearer " + Accounts.scopedPat(jwt, alice, "bots")).get("/api/v1/bots")
                .then().statusCode(200);
        given().header("Authorization", "Bearer " + Accounts.apiKeyToken(jwt, alice, "1")).get("/api/v1/bots")
                .then().statusCode(403);
    }

    static String createBot(Account owner, String name) {
        return post(owner, "/api/v1/bots", Map.of("name", name, "system_prompt", "You are {{persona}}.",
                "variables", List.of(Map.of("keyword", "persona", "default_value", "helpful"))))
                .statusCode(200).extract().path("data.id");
    }

    static ValidatableResponse post(Account who, String path, Object body) {
        var req = given().header("Authorization", who.bearer()).contentType(ContentType.JSON);
        if (body != null) {
            req.body(body);
        }
        return req.post(path).then();
    }

    static ValidatableResponse put(Account who, String path, Object body) {
        return given().header("Authorization", who.bearer()).contentType(ContentType.JSON).body(body).put(path).then();
    }
}
