package dev.atrium.bot;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.atrium.bot.support.Accounts;
import dev.atrium.bot.support.Accounts.Account;
import dev.atrium.testkit.InjectJwtKit;
import dev.atrium.testkit.JwtKit;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** The Coze bot API facade: Coze's shapes over the same bots, rules and versions as {@code /api/v1/bots}. */
@QuarkusTest
class CozeBotApiTest {

    private static final Set<String> BOT_FIELDS = Set.of("bot_id", "name", "description", "icon_url", "create_time",
            "update_time", "version", "prompt_info", "onboarding_info", "bot_mode", "plugin_info_list", "model_info",
            "knowledge", "shortcut_commands", "workflow_info_list", "variables");

    @InjectJwtKit
    JwtKit jwt;

    Account alice;

    @BeforeEach
    void setUp() {
        alice = Accounts.create(jwt, "alice");
    }

    @Test
    void createMapsCozeFieldsOntoTheNativeDefinition() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("space_id", alice.workspace());
        body.put("name", "Coze bot");
        body.put("description", "made through the Coze API");
        body.put("icon_file_id", "file_123");
        body.put("prompt_info", Map.of("prompt", "You answer in French.", "audio", ""));
        body.put("onboarding_info", Map.of("prologue", "Bonjour !", "suggested_questions", List.of("Qui es-tu ?")));
        body.put("plugin_id_list", Map.of("id_list", List.of(Map.of("plugin_id", "weather", "api_id", "weather_now"),
                Map.of("plugin_id", "calculator"))));
        body.put("workflow_id_list", Map.of("ids", List.of(Map.of("id", "wf_1"))));
        body.put("model_info_config", Map.of("model_id", "gpt-4o", "temperature", 0.4, "top_p", 0.9, "top_k", "any",
                "max_tokens", 1024, "context_round", 6, "response_format", 2, "presence_penalty", 0.1, "frequency_penalty", 0.2));
        body.put("audio", "");

        JsonPath created = post(alice, "/v1/bot/create", body).statusCode(200)
                .body("code", equalTo(0))
                .body("msg", equalTo(""))
                .body("data.bot_id", matchesPattern("\\d+"))
                .extract().jsonPath();
        assertEquals(Set.of("bot_id"), created.getMap("data").keySet());
        String id = created.getString("data.bot_id");

        given().header("Authorization", alice.bearer()).get("/api/v1/bots/" + id).then().statusCode(200)
                .body("data.workspace_id", equalTo(alice.workspace()))
                .body("data.name", equalTo("Coze bot"))
                .body("data.description", equalTo("made through the Coze API"))
                .body("data.icon_file_id", equalTo("file_123"))
                .body("data.system_prompt", equalTo("You answer in French."))
                .body("data.opening_statement", equalTo("Bonjour !"))
                .body("data.suggested_questions", equalTo(List.of("Qui es-tu ?")))
                .body("data.tool_ids", equalTo(List.of("weather_now", "calculator")))
                .body("data.workflow_ids", equalTo(List.of("wf_1")))
                .body("data.model.provider_id", nullValue())
                .body("data.model.model", equalTo("gpt-4o"))
                .body("data.model.temperature", equalTo(0.4f))
                .body("data.model.top_p", equalTo(0.9f))
                .body("data.model.max_tokens", equalTo(1024))
                .body("data.model.context_rounds", equalTo(6))
                .body("data.model.response_format", equalTo("json"))
                .body("data.model.presence_penalty", equalTo(0.1f))
                .body("data.model.frequency_penalty", equalTo(0.2f));
    }

    @Test
    void acceptsResponseFormatAsNumberOrName() {
        Map<Object, String> cases = new LinkedHashMap<>();
        cases.put(0, "text");
        cases.put(1, "markdown");
        cases.put("2", "json");
        cases.put("markdown", "markdown");
        cases.put("JSON", "json");
        for (Map.Entry<Object, String> c : cases.entrySet()) {
            String id = cozeCreate(alice, Map.of("space_id", "", "name", "format " + c.getKey(),
                    "model_info_config", Map.of("model_id", "m", "response_format", c.getKey())));
            given().header("Authorization", alice.bearer()).get("/api/v1/bots/" + id).then().statusCode(200)
                    .body("data.workspace_id", equalTo(alice.workspace()))
                    .body("data.model.response_format", equalTo(c.getValue()));
        }
        for (Object bad : List.of(3, "html", true, 1.5)) {
            post(alice, "/v1/bot/create", Map.of("name", "bad", "model_info_config", Map.of("model_id", "m", "response_format", bad)))
                    .statusCode(400).body("code", equalTo(100400003)).body("msg", containsString("response_format"));
        }
    }

    @Test
    void updateChangesOnlyTheFieldsSentAndMapsKnowledgeBothWays() {
        String id = cozeCreate(alice, Map.of("name", "before", "prompt_info", Map.of("prompt", "p1"),
                "model_info_config", Map.of("model_id", "m1", "temperature", 0.7, "max_tokens", 500)));

        post(alice, "/v1/bot/update", Map.of("bot_id", id, "model_info_config", Map.of("model_id", "m1", "temperature", 0.3)))
                .statusCode(200).body("code", equalTo(0)).body("msg", equalTo("")).body("data", equalTo(Map.of()));
        post(alice, "/v1/bot/update", Map.of("bot_id", id, "name", "after", "audio", "")).statusCode(200);
        given().header("Authorization", alice.bearer()).get("/api/v1/bots/" + id).then()
                .body("data.name", equalTo("after"))
                .body("data.system_prompt", equalTo("p1"))
                .body("data.model.model", equalTo("m1"))
                .body("data.model.temperature", equalTo(0.3f))
                .body("data.model.max_tokens", equalTo(500))
                .body("data.knowledge.dataset_ids", equalTo(List.of()));

        post(alice, "/v1/bot/update", Map.of("bot_id", id,
                "knowledge", Map.of("dataset_ids", List.of("ds_1", "ds_2"), "auto_call", false, "search_strategy", 20)))
                .statusCode(200);
        given().header("Authorization", alice.bearer()).get("/api/v1/bots/" + id).then()
                .body("data.knowledge.dataset_ids", equalTo(List.of("ds_1", "ds_2")))
                .body("data.knowledge.recall_mode", equalTo("on_demand"))
                .body("data.knowledge.search_strategy", equalTo("full_text"))
                .body("data.knowledge.top_k", equalTo(3))
                .body("data.name", equalTo("after"));
        draft(alice, id)
                .body("knowledge.dataset_ids", equalTo(List.of("ds_1", "ds_2")))
                .body("knowledge.auto_call", equalTo(false))
                .body("knowledge.search_strategy", equalTo(20))
                .body("knowledge.knowledge_infos", equalTo(List.of(Map.of("id", "ds_1", "name", "ds_1"), Map.of("id", "ds_2", "name", "ds_2"))));

        post(alice, "/v1/bot/update", Map.of("bot_id", id, "knowledge", Map.of("auto_call", true, "search_strategy", 1)))
                .statusCode(200);
        draft(alice, id)
                .body("knowledge.dataset_ids", equalTo(List.of("ds_1", "ds_2")))
                .body("knowledge.auto_call", equalTo(true))
                .body("knowledge.search_strategy", equalTo(1));
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("knowledge", Map.of("search_strategy", "semantic"))).put("/api/v1/bots/" + id).then().statusCode(200);
        draft(alice, id).body("knowledge.search_strategy", equalTo(0));

        post(alice, "/v1/bot/update", Map.of("bot_id", id, "knowledge", Map.of("search_strategy", 2)))
                .statusCode(400).body("code", equalTo(100400003)).body("msg", containsString("search_strategy"));
        post(alice, "/v1/bot/update", Map.of("name", "no id")).statusCode(400).body("code", equalTo(100400001));
        post(alice, "/v1/bot/update", Map.of("bot_id", "123", "name", "ghost")).statusCode(404).body("code", equalTo(100404002));
    }

    @Test
    void publishAnswersTheVersionAsAString() {
        String id = cozeCreate(alice, Map.of("name", "versioned"));
        JsonPath first = post(alice, "/v1/bot/publish", Map.of("bot_id", id, "connector_ids", List.of("1024", "999")))
                .statusCode(200).body("code", equalTo(0)).extract().jsonPath();
        assertEquals(Map.of("bot_id", id, "version", "1"), first.getMap("data"));
        post(alice, "/v1/bot/update", Map.of("bot_id", id, "prompt_info", Map.of("prompt", "second"))).statusCode(200);
        post(alice, "/v1/bot/publish", Map.of("bot_id", id)).statusCode(200)
                .body("data.bot_id", equalTo(id)).body("data.version", equalTo("2"));
        given().header("Authorization", alice.bearer()).get("/api/v1/bots/" + id + "/versions").then()
                .body("data.total", equalTo(2));
    }

    @Test
    void onlineInfoShowsThePublishedVersionWhileTheDraftMovesOn() {
        String id = cozeCreate(alice, Map.of("name", "Helper", "description", "helps",
                "prompt_info", Map.of("prompt", "published prompt"),
                "onboarding_info", Map.of("prologue", "Hi", "suggested_questions", List.of("What?")),
                "plugin_id_list", Map.of("id_list", List.of(Map.of("plugin_id", "weather", "api_id", "weather_now"))),
                "workflow_id_list", Map.of("ids", List.of(Map.of("id", "wf_1"))),
                "model_info_config", Map.of("model_id", "gpt-4o", "temperature", 0.5, "response_format", 1)));
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON).body(Map.of(
                "knowledge", Map.of("dataset_ids", List.of("ds_1")),
                "variables", List.of(Map.of("keyword", "city", "default_value", "Paris", "description", "where")),
                "shortcut_commands", List.of(Map.of("command", "/sum", "name", "Summary", "description", "sums up",
                        "prompt", "Summarise this")))).put("/api/v1/bots/" + id).then().statusCode(200);

        given().header("Authorization", alice.bearer()).get("/v1/bot/get_online_info?bot_id=" + id).then()
                .statusCode(404).body("code", equalTo(100404004));
        post(alice, "/v1/bot/publish", Map.of("bot_id", id)).statusCode(200);
        post(alice, "/v1/bot/update", Map.of("bot_id", id, "name", "Helper (draft)", "prompt_info", Map.of("prompt", "draft prompt")))
                .statusCode(200);

        JsonPath online = given().header("Authorization", alice.bearer()).get("/v1/bot/get_online_info?bot_id=" + id).then()
                .statusCode(200).body("code", equalTo(0)).body("msg", equalTo("")).extract().jsonPath();
        Map<String, Object> bot = online.getMap("data");
        assertTrue(bot.keySet().containsAll(BOT_FIELDS), () -> "missing fields in " + bot.keySet());
        assertNoNulls(bot, "data");
        assertEquals(id, bot.get("bot_id"));
        assertEquals("Helper", bot.get("name"));
        assertEquals("helps", bot.get("description"));
        assertEquals("", bot.get("icon_url"));
        assertEquals("1", bot.get("version"));
        assertEquals(0, bot.get("bot_mode"));
        assertSeconds(bot.get("create_time"));
        assertSeconds(bot.get("update_time"));
        assertEquals(Map.of("prompt", "published prompt"), bot.get("prompt_info"));
        assertEquals(Map.of("prologue", "Hi", "suggested_questions", List.of("What?")), bot.get("onboarding_info"));
        assertEquals(List.of(Map.of("plugin_id", "weather_now", "name", "weather_now", "description", "", "icon_url", "",
                "api_info_list", List.of(Map.of("api_id", "weather_now", "name", "weather_now", "description", "")))),
                bot.get("plugin_info_list"));
        assertEquals(List.of(Map.of("id", "wf_1", "name", "wf_1", "icon_url", "", "description", "")), bot.get("workflow_info_list"));
        assertEquals("gpt-4o", online.getString("data.model_info.model_id"));
        assertEquals("gpt-4o", online.getString("data.model_info.model_name"));
        assertEquals(0.5f, online.getFloat("data.model_info.temperature"));
        assertEquals(10, online.getInt("data.model_info.context_round"));
        assertEquals("markdown", online.getString("data.model_info.response_format"));
        assertEquals(Map.of("knowledge_infos", List.of(Map.of("id", "ds_1", "name", "ds_1")), "dataset_ids", List.of("ds_1"),
                "auto_call", true, "search_strategy", 1), bot.get("knowledge"));
        Map<String, Object> shortcut = online.getMap("data.shortcut_commands[0]");
        assertFalse(((String) shortcut.get("id")).isEmpty());
        assertEquals("Summary", shortcut.get("name"));
        assertEquals("/sum", shortcut.get("command"));
        assertEquals("sums up", shortcut.get("description"));
        assertEquals("Summarise this", shortcut.get("query_template"));
        assertEquals(List.of(Map.of("keyword", "city", "default_value", "Paris", "description", "where",
                "variable_type", "KVVariable", "channel", "custom", "enable", true, "prompt_enable", true)), bot.get("variables"));

        for (String query : List.of("", "?is_published=true", "?is_published=TRUE")) {
            given().header("Authorization", alice.bearer()).get("/v1/bots/" + id + query).then().statusCode(200)
                    .body("data.version", equalTo("1"))
                    .body("data.name", equalTo("Helper"))
                    .body("data.prompt_info.prompt", equalTo("published prompt"));
        }
        JsonPath draft = draft(alice, id).body("version", equalTo("0"))
                .body("name", equalTo("Helper (draft)"))
                .body("prompt_info.prompt", equalTo("draft prompt"))
                .extract().jsonPath();
        assertTrue(draft.getMap("data").keySet().containsAll(BOT_FIELDS));
        given().header("Authorization", alice.bearer()).get("/v1/bots/" + id + "?is_published=maybe").then()
                .statusCode(400).body("code", equalTo(100400001));
        given().header("Authorization", alice.bearer()).get("/v1/bot/get_online_info").then()
                .statusCode(400).body("code", equalTo(100400001));
    }

    @Test
    void aMinimalBotStillHasEveryFieldFilled() {
        String id = cozeCreate(alice, Map.of("name", "bare"));
        post(alice, "/v1/bot/publish", Map.of("bot_id", id)).statusCode(200);
        Map<String, Object> bot = given().header("Authorization", alice.bearer()).get("/v1/bot/get_online_info?bot_id=" + id)
                .then().statusCode(200).extract().jsonPath().getMap("data");
        assertTrue(bot.keySet().containsAll(BOT_FIELDS), () -> "missing fields in " + bot.keySet());
        assertNoNulls(bot, "data");
        assertEquals("", bot.get("description"));
        assertEquals(Map.of("prompt", ""), bot.get("prompt_info"));
        assertEquals(Map.of("prologue", "", "suggested_questions", List.of()), bot.get("onboarding_info"));
        assertEquals(Map.of("model_id", "", "model_name", "", "context_round", 10, "response_format", "text"), bot.get("model_info"));
        for (String list : List.of("plugin_info_list", "shortcut_commands", "workflow_info_list", "variables")) {
            assertEquals(List.of(), bot.get(list), list);
        }
    }

    @Test
    void publishedBotsListPagesTheWorkspacesPublishedBots() {
        long team = Accounts.teamWorkspace(alice);
        String first = cozeCreate(alice, Map.of("space_id", Long.toString(team), "name", "first", "description", "one"));
        String second = cozeCreate(alice, Map.of("space_id", Long.toString(team), "name", "second"));
        String third = cozeCreate(alice, Map.of("space_id", Long.toString(team), "name", "third"));
        cozeCreate(alice, Map.of("space_id", Long.toString(team), "name", "never published"));
        for (String id : List.of(first, second, third)) {
            post(alice, "/v1/bot/publish", Map.of("bot_id", id)).statusCode(200);
        }
        post(alice, "/v1/bot/update", Map.of("bot_id", first, "name", "first, renamed in the draft")).statusCode(200);

        String query = "/v1/space/published_bots_list?space_id=" + team;
        JsonPath page1 = spaceBots(alice, query + "&page_index=1&page_size=2", 3);
        assertEquals(List.of(third, second), page1.getList("data.space_bots.bot_id"));
        Map<String, Object> item = page1.getMap("data.space_bots[0]");
        assertEquals(Set.of("bot_id", "bot_name", "description", "icon_url", "publish_time"), item.keySet());
        assertNoNulls(item, "space_bots[0]");
        assertInstanceOf(String.class, item.get("publish_time"));
        assertSeconds(Long.parseLong((String) item.get("publish_time")));
        assertEquals(Set.of("space_bots", "total"), page1.getMap("data").keySet());

        JsonPath page2 = spaceBots(alice, query + "&page_index=2&page_size=2", 3);
        assertEquals(List.of(first), page2.getList("data.space_bots.bot_id"));
        assertEquals(Map.of("bot_id", first, "bot_name", "first", "description", "one", "icon_url", "",
                "publish_time", page2.getString("data.space_bots[0].publish_time")), page2.getMap("data.space_bots[0]"));
        assertEquals(List.of(), spaceBots(alice, query + "&page_index=3&page_size=2", 3).getList("data.space_bots"));
        assertEquals(List.of(third, second, first), spaceBots(alice, query, 3).getList("data.space_bots.bot_id"));
        assertEquals(3, spaceBots(alice, query + "&page_index=&page_size=", 3).getList("data.space_bots").size());

        String personal = cozeCreate(alice, Map.of("name", "mine"));
        post(alice, "/v1/bot/publish", Map.of("bot_id", personal)).statusCode(200);
        assertEquals(List.of(personal), spaceBots(alice, "/v1/space/published_bots_list", 1).getList("data.space_bots.bot_id"));

        for (String bad : List.of("page_size=0", "page_size=101", "page_size=abc", "page_index=0", "page_index=-1",
                "page_index=abc", "page_index=1.5", "page_index=2147483647&page_size=100")) {
            given().header("Authorization", alice.bearer()).get(query + "&" + bad).then().statusCode(400)
                    .body("code", equalTo(100400001)).body("data", nullValue());
        }
    }

    @Test
    void botListFiltersByPublishStatus() {
        long team = Accounts.teamWorkspace(alice);
        String ws = Long.toString(team);
        String unpublished = cozeCreate(alice, Map.of("space_id", ws, "name", "unpublished"));
        String published = cozeCreate(alice, Map.of("space_id", ws, "name", "published"));
        String changed = cozeCreate(alice, Map.of("space_id", ws, "name", "changed"));
        post(alice, "/v1/bot/publish", Map.of("bot_id", published)).statusCode(200);
        post(alice, "/v1/bot/publish", Map.of("bot_id", changed)).statusCode(200);
        post(alice, "/v1/bot/update", Map.of("bot_id", changed, "name", "changed in the draft")).statusCode(200);

        String list = "/v1/bots?workspace_id=" + ws;
        JsonPath online = bots(alice, list, 2);
        assertEquals(Set.of("items", "total"), online.getMap("data").keySet());
        assertEquals(List.of(changed, published), online.getList("data.items.id"));
        assertEquals("changed", online.getString("data.items[0].name"));
        Map<String, Object> item = online.getMap("data.items[1]");
        assertEquals(Set.of("id", "name", "description", "icon_url", "is_published", "updated_at", "owner_user_id", "published_at"),
                item.keySet());
        assertEquals(true, item.get("is_published"));
        assertEquals(Long.toString(alice.userId()), item.get("owner_user_id"));
        assertSeconds(item.get("published_at"));
        assertEquals(online.getList("data.items.id"), bots(alice, list + "&publish_status=published_online", 2).getList("data.items.id"));

        JsonPath changedOnly = bots(alice, list + "&publish_status=published_draft", 1);
        assertEquals(List.of(changed), changedOnly.getList("data.items.id"));
        assertEquals("changed in the draft", changedOnly.getString("data.items[0].name"));

        JsonPath drafts = bots(alice, list + "&publish_status=unpublished_draft&connector_id=1024", 1);
        assertEquals(List.of(unpublished), drafts.getList("data.items.id"));
        Map<String, Object> draft = drafts.getMap("data.items[0]");
        assertEquals(false, draft.get("is_published"));
        assertFalse(draft.containsKey("published_at"));
        assertSeconds(draft.get("updated_at"));

        assertEquals(Set.of(unpublished, published, changed), Set.copyOf(bots(alice, list + "&publish_status=all", 3).getList("data.items.id")));
        assertEquals(2, bots(alice, list + "&publish_status=all&page_size=2", 3).getList("data.items").size());
        assertEquals(1, bots(alice, list + "&publish_status=all&page_size=2&page_index=2", 3).getList("data.items").size());

        given().header("Authorization", alice.bearer()).get(list + "&publish_status=online").then().statusCode(400)
                .body("code", equalTo(100400001));
        given().header("Authorization", alice.bearer()).get(list + "&page_size=abc").then().statusCode(400)
                .body("code", equalTo(100400001));
    }

    @Test
    void anAppApiKeyReadsOnlyItsOwnPublishedBot() {
        String mine = cozeCreate(alice, Map.of("name", "widget bot", "prompt_info", Map.of("prompt", "secret instructions")));
        String other = cozeCreate(alice, Map.of("name", "other bot"));
        post(alice, "/v1/bot/publish", Map.of("bot_id", mine)).statusCode(200);
        post(alice, "/v1/bot/publish", Map.of("bot_id", other)).statusCode(200);
        String key = "Bearer " + Accounts.apiKeyToken(jwt, alice, mine);

        given().header("Authorization", key).get("/v1/bot/get_online_info?bot_id=" + mine).then().statusCode(200)
                .body("data.bot_id", equalTo(mine)).body("data.version", equalTo("1"))
                .body("data.prompt_info.prompt", equalTo(""));
        given().header("Authorization", alice.bearer()).get("/v1/bot/get_online_info?bot_id=" + mine).then().statusCode(200)
                .body("data.prompt_info.prompt", equalTo("secret instructions"));
        given().header("Authorization", key).get("/v1/bots/" + mine).then().statusCode(200).body("data.bot_id", equalTo(mine));
        given().header("Authorization", key).get("/v1/bot/get_online_info?bot_id=" + other).then().statusCode(404)
                .body("code", equalTo(100404002));
        given().header("Authorization", key).get("/v1/bots/" + other).then().statusCode(404).body("code", equalTo(100404002));

        given().header("Authorization", key).get("/v1/bots/" + mine + "?is_published=false").then().statusCode(403)
                .body("code", equalTo(100403001));
        given().header("Authorization", key).contentType(ContentType.JSON).body(Map.of("name", "nope")).post("/v1/bot/create")
                .then().statusCode(403).body("code", equalTo(100403001)).body("data", nullValue());
        given().header("Authorization", key).contentType(ContentType.JSON).body(Map.of("bot_id", mine, "name", "nope"))
                .post("/v1/bot/update").then().statusCode(403);
        given().header("Authorization", key).contentType(ContentType.JSON).body(Map.of("bot_id", mine)).post("/v1/bot/publish")
                .then().statusCode(403);
        given().header("Authorization", key).get("/v1/space/published_bots_list").then().statusCode(403);
        given().header("Authorization", key).get("/v1/bots").then().statusCode(403);
    }

    @Test
    void anotherWorkspacesUserFindsNothing() {
        Account bob = Accounts.create(jwt, "bob");
        String id = cozeCreate(alice, Map.of("name", "private"));
        post(alice, "/v1/bot/publish", Map.of("bot_id", id)).statusCode(200);

        for (String path : List.of("/v1/bot/get_online_info?bot_id=" + id, "/v1/bots/" + id, "/v1/bots/" + id + "?is_published=false")) {
            given().header("Authorization", bob.bearer()).get(path).then().statusCode(404).body("code", equalTo(100404002));
        }
        post(bob, "/v1/bot/update", Map.of("bot_id", id, "name", "mine now")).statusCode(404).body("code", equalTo(100404002));
        post(bob, "/v1/bot/publish", Map.of("bot_id", id)).statusCode(404).body("code", equalTo(100404002));
        given().header("Authorization", bob.bearer()).get("/v1/space/published_bots_list?space_id=" + alice.workspace()).then()
                .statusCode(404).body("code", equalTo(100404006));
        given().header("Authorization", bob.bearer()).get("/v1/bots?workspace_id=" + alice.workspace()).then()
                .statusCode(404).body("code", equalTo(100404006));
        post(bob, "/v1/bot/create", Map.of("space_id", alice.workspace(), "name", "intruder")).statusCode(404)
                .body("code", equalTo(100404006));

        given().get("/v1/bot/get_online_info?bot_id=" + id).then().statusCode(401).body("code", equalTo(100401001));
        given().contentType(ContentType.JSON).body(Map.of("name", "anon")).post("/v1/bot/create").then().statusCode(401);
        given().get("/v1/bots/" + id).then().statusCode(401);
    }

    @Test
    void rejectsMalformedRequestsWithAnEnvelope() {
        for (String path : List.of("/v1/bot/create", "/v1/bot/update", "/v1/bot/publish")) {
            given().header("Authorization", alice.bearer()).contentType(ContentType.JSON).body("{\"name\":").post(path).then()
                    .statusCode(400).body("code", equalTo(100400002)).body("data", nullValue());
            given().header("Authorization", alice.bearer()).contentType(ContentType.JSON).body("[1,2]").post(path).then()
                    .statusCode(400).body("code", equalTo(100400002));
        }
        post(alice, "/v1/bot/create", Map.of("description", "no name")).statusCode(400)
                .body("code", equalTo(100400003)).body("msg", containsString("name"));
        post(alice, "/v1/bot/create", Map.of("name", "x", "model_info_config", Map.of("model_id", "m", "temperature", "hot")))
                .statusCode(400).body("code", equalTo(100400002));
        post(alice, "/v1/bot/create", Map.of("name", "x", "model_info_config", Map.of("model_id", "m", "temperature", 3)))
                .statusCode(400).body("code", equalTo(100400003)).body("msg", containsString("temperature"));
        post(alice, "/v1/bot/create", Map.of("name", "x", "plugin_id_list", Map.of("id_list", List.of(Map.of()))))
                .statusCode(400).body("code", equalTo(100400003)).body("msg", containsString("plugin_id_list"));
        post(alice, "/v1/bot/publish", Map.of("connector_ids", List.of("1024"))).statusCode(400).body("code", equalTo(100400001));
    }

    private static String cozeCreate(Account who, Map<String, Object> body) {
        return post(who, "/v1/bot/create", body).statusCode(200).body("code", equalTo(0)).extract().path("data.bot_id");
    }

    private static ValidatableResponse post(Account who, String path, Object body) {
        return given().header("Authorization", who.bearer()).contentType(ContentType.JSON).body(body).post(path).then();
    }

    /** The draft through Coze's retrieve, rooted at {@code data}. */
    private static ValidatableResponse draft(Account who, String id) {
        return given().header("Authorization", who.bearer()).get("/v1/bots/" + id + "?is_published=false").then()
                .statusCode(200).body("code", equalTo(0)).rootPath("data");
    }

    private static JsonPath spaceBots(Account who, String path, int total) {
        return given().header("Authorization", who.bearer()).get(path).then().statusCode(200)
                .body("code", equalTo(0)).body("data.total", equalTo(total)).extract().jsonPath();
    }

    private static JsonPath bots(Account who, String path, int total) {
        return given().header("Authorization", who.bearer()).get(path).then().statusCode(200)
                .body("code", equalTo(0)).body("data.total", equalTo(total)).extract().jsonPath();
    }

    /** A Unix time in seconds from the last hour (milliseconds would be far in the future). */
    private static void assertSeconds(Object value) {
        assertNotNull(value);
        long seconds = ((Number) value).longValue();
        long now = Instant.now().getEpochSecond();
        assertTrue(seconds > now - 3600 && seconds <= now + 5, () -> value + " is not a recent time in seconds");
    }

    private static void assertNoNulls(Object node, String path) {
        assertNotNull(node, path + " is null");
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> assertNoNulls(v, path + "." + k));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                assertNoNulls(list.get(i), path + "[" + i + "]");
            }
        }
    }
}
