package dev.atrium.bot;

import static io.restassured.RestAssured.given;
import static dev.atrium.bot.support.MemoryApi.get;
import static dev.atrium.bot.support.MemoryApi.post;
import static dev.atrium.bot.support.MemoryApi.put;
import static dev.atrium.bot.support.MemoryApi.send;
import static dev.atrium.bot.support.MemoryApi.variables;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.atrium.bot.support.Accounts;
import dev.atrium.bot.support.Accounts.Account;
import dev.atrium.bot.support.MemoryApi;
import dev.atrium.testkit.InjectJwtKit;
import dev.atrium.testkit.JwtKit;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class VariableTest {

    @InjectJwtKit
    JwtKit jwt;

    Account alice;
    String bot;

    @BeforeEach
    void setUp() {
        alice = Accounts.create(jwt, "vars");
        bot = MemoryApi.bot(alice, List.of(
                Map.of("keyword", "city", "type", "enum", "options", List.of("Paris", "Rome"), "default_value", "Paris"),
                Map.of("keyword", "nickname", "default_value", "friend"),
                Map.of("keyword", "bio", "type", "paragraph")));
    }

    @Test
    void readsDefaultsAndComputedSystemVariablesBeforeAnythingIsSet() {
        JsonPath body = get(alice.bearer(), variables(bot)).statusCode(200).body("code", equalTo(0))
                .body("data", hasSize(7))
                .body("data.keyword", equalTo(List.of("city", "nickname", "bio", "sys_uuid", "sys_bot_id", "sys_connector_id",
                        "sys_current_time")))
                .body("data[0].value", equalTo("Paris")).body("data[0].default_value", equalTo("Paris"))
                .body("data[0].type", equalTo("enum")).body("data[0].is_system", equalTo(false))
                .body("data[0].create_time", equalTo(0)).body("data[0].update_time", equalTo(0))
                .body("data[2].value", equalTo("")).body("data[2].type", equalTo("paragraph"))
                .body("data[3].value", equalTo(Long.toString(alice.userId()))).body("data[3].is_system", equalTo(true))
                .body("data[4].value", equalTo(bot))
                .body("data[5].value", equalTo("1024"))
                .extract().jsonPath();
        Instant now = Instant.parse(body.getString("data[6].value"));
        assertTrue(Duration.between(now, Instant.now()).abs().toSeconds() < 60, "sys_current_time is now, was " + now);
    }

    @Test
    void storesValuesPerEndUserAndConnector() {
        put(alice, variables(bot), Map.of("data", List.of(Map.of("keyword", "city", "value", "Rome"),
                Map.of("keyword", "nickname", "value", "Ann")))).statusCode(200)
                .body("data[0].keyword", equalTo("city")).body("data[0].value", equalTo("Rome"))
                .body("data[0].default_value", equalTo("Paris"))
                .body("data[0].update_time", greaterThan((int) (Instant.now().getEpochSecond() - 60)))
                .body("data[1].value", equalTo("Ann"));
        put(alice, variables(bot), Map.of("user_id", "end-user-2", "data", List.of(Map.of("keyword", "nickname", "value", "Bo"))))
                .statusCode(200).body("data[1].value", equalTo("Bo")).body("data[0].value", equalTo("Paris"))
                .body("data[3].value", equalTo("end-user-2"));

        get(alice.bearer(), variables(bot) + "?keywords=city,nickname").statusCode(200)
                .body("data.value", equalTo(List.of("Rome", "Ann")));
        get(alice.bearer(), variables(bot) + "?user_id=end-user-2&keywords=nickname,sys_uuid").statusCode(200)
                .body("data.keyword", equalTo(List.of("nickname", "sys_uuid"))).body("data.value", equalTo(List.of("Bo", "end-user-2")));
        get(alice.bearer(), variables(bot) + "?connector_id=999&keywords=city&keywords=sys_connector_id").statusCode(200)
                .body("data.value", equalTo(List.of("Paris", "999")));

        Map<String, Object> clear = new HashMap<>();
        clear.put("keyword", "city");
        clear.put("value", null);
        put(alice, variables(bot), Map.of("data", List.of(clear))).statusCode(200)
                .body("data[0].value", equalTo("Paris")).body("data[0].update_time", equalTo(0))
                .body("data[1].value", equalTo("Ann"));
    }

    @Test
    void refusesSystemUnknownOutOfRangeAndOverlongValuesAndChangesNothing() {
        record Case(Object value, String keyword, int code, String fragment) {
        }
        List<Case> cases = List.of(
                new Case("x", "sys_uuid", 106400003, "sys_uuid"),
                new Case("x", "sys_anything", 106400003, "sys_anything"),
                new Case("sunny", "weather", 106400002, "weather"),
                new Case("Berlin", "city", 106400004, "[Paris, Rome]"),
                new Case("b".repeat(10_001), "bio", 106400004, "10000"),
                new Case(5, "bio", 106400004, "string"));
        for (Case c : cases) {
            ValidatableResponse r = put(alice, variables(bot), Map.of("data", List.of(
                    Map.of("keyword", "nickname", "value", "changed"), Map.of("keyword", c.keyword(), "value", c.value()))));
            r.statusCode(400).body("code", equalTo(c.code()));
            String msg = r.extract().path("msg");
            assertTrue(msg.contains(c.fragment()), () -> "message '" + msg + "' should name " + c.fragment());
        }
        put(alice, variables(bot), Map.of("data", List.of(Map.of("keyword", "bio", "value", "b".repeat(10_000))))).statusCode(200);
        get(alice.bearer(), variables(bot) + "?keywords=nickname").body("data[0].value", equalTo("friend"));
        put(alice, variables(bot), Map.of("data", List.of(Map.of("keyword", "city", "value", "Rome"),
                Map.of("keyword", "city", "value", "Paris")))).statusCode(400).body("code", equalTo(106400001));
    }

    @Test
    void resetForgetsOnlyThatEndUsersValues() {
        put(alice, variables(bot), Map.of("user_id", "u1", "data", List.of(Map.of("keyword", "city", "value", "Rome")))).statusCode(200);
        put(alice, variables(bot), Map.of("user_id", "u2", "data", List.of(Map.of("keyword", "city", "value", "Rome")))).statusCode(200);
        MemoryApi.delete(alice.bearer(), variables(bot) + "?user_id=u1").statusCode(200).body("data[0].value", equalTo("Paris"));
        get(alice.bearer(), variables(bot) + "?user_id=u1&keywords=city").body("data[0].value", equalTo("Paris"));
        get(alice.bearer(), variables(bot) + "?user_id=u2&keywords=city").body("data[0].value", equalTo("Rome"));
    }

    @Test
    void keywordsOfTheDraftAndOfTheLatestPublishedVersionAreBothAccepted() {
        post(alice, "/api/v1/bots/" + bot + "/publish", null).statusCode(200);
        put(alice, "/api/v1/bots/" + bot, Map.of("variables", List.of(Map.of("keyword", "mood", "default_value", "calm"))))
                .statusCode(200);
        put(alice, variables(bot), Map.of("data", List.of(Map.of("keyword", "city", "value", "Rome"),
                Map.of("keyword", "mood", "value", "happy")))).statusCode(200);
        get(alice.bearer(), variables(bot)).statusCode(200)
                .body("data.keyword", equalTo(List.of("mood", "city", "nickname", "bio", "sys_uuid", "sys_bot_id",
                        "sys_connector_id", "sys_current_time")))
                .body("data[0].value", equalTo("happy")).body("data[1].value", equalTo("Rome"));
        put(alice, variables(bot), Map.of("data", List.of(Map.of("keyword", "weather", "value", "x")))).statusCode(400)
                .body("code", equalTo(106400002));
    }

    @Test
    void cozeFacadeUsesTheSdkShapes() {
        send(alice.bearer(), "PUT", "/v1/variables", Map.of("bot_id", bot, "connector_id", "1024", "connector_uid", "sdk-user",
                "data", List.of(Map.of("keyword", "city", "value", "Rome")))).statusCode(200)
                .body("code", equalTo(0)).body("msg", equalTo("")).body("data", equalTo(Map.of()));

        JsonPath items = get(alice.bearer(), "/v1/variables?bot_id=" + bot + "&connector_uid=sdk-user&keywords=city&keywords=nickname")
                .statusCode(200).body("code", equalTo(0)).body("msg", equalTo(""))
                .body("data.items", hasSize(2))
                .body("data.items[0].keyword", equalTo("city")).body("data.items[0].value", equalTo("Rome"))
                .body("data.items[1].keyword", equalTo("nickname")).body("data.items[1].value", equalTo("friend"))
                .body("data.items[1].create_time", equalTo(0)).body("data.items[1].update_time", equalTo(0))
                .extract().jsonPath();
        assertTrue(items.getLong("data.items[0].create_time") > Instant.now().getEpochSecond() - 60);
        assertEquals(Set.of("keyword", "value", "create_time", "update_time"), items.getMap("data.items[0]").keySet());

        get(alice.bearer(), "/v1/variables?app_id=" + bot + "&connector_uid=sdk-user&keywords=city,sys_uuid").statusCode(200)
                .body("data.items.value", equalTo(List.of("Rome", "sdk-user")));
        send(alice.bearer(), "PUT", "/v1/variables", Map.of("bot_id", bot, "connector_uid", "sdk-user",
                "data", List.of(Map.of("keyword", "weather", "value", "x")))).statusCode(400).body("code", equalTo(106400002));
        get(alice.bearer(), "/v1/variables?connector_uid=sdk-user").statusCode(400).body("code", equalTo(106400001));
    }

    @Test
    void cozeFacadeAcceptsAnAppApiKeyOnItsOwnBotOnly() {
        String key = "Bearer " + Accounts.apiKeyToken(jwt, alice, bot);
        // an app key works with the published definitions only: before the first publish it knows no variable
        send(key, "PUT", "/v1/variables", Map.of("bot_id", bot, "connector_uid", "sdk-user-2",
                "data", List.of(Map.of("keyword", "nickname", "value", "Key")))).statusCode(400).body("code", equalTo(106400002));
        given().header("Authorization", alice.bearer()).contentType(io.restassured.http.ContentType.JSON)
                .post("/api/v1/bots/" + bot + "/publish").then().statusCode(200);
        send(key, "PUT", "/v1/variables", Map.of("bot_id", bot, "connector_uid", "sdk-user-2",
                "data", List.of(Map.of("keyword", "nickname", "value", "Key")))).statusCode(200).body("code", equalTo(0));
        get(key, "/v1/variables?bot_id=" + bot + "&connector_uid=sdk-user-2&keywords=nickname").statusCode(200)
                .body("data.items[0].value", equalTo("Key"));
        // without connector_uid the end user is the key's owner
        get(key, "/v1/variables?bot_id=" + bot + "&keywords=sys_uuid").statusCode(200)
                .body("data.items[0].value", equalTo(Long.toString(alice.userId())));

        String otherBot = MemoryApi.bot(alice, List.of(Map.of("keyword", "nickname")));
        get(key, "/v1/variables?bot_id=" + otherBot).statusCode(404).body("code", equalTo(100404002));
        send(key, "PUT", "/v1/variables", Map.of("bot_id", otherBot, "data", List.of(Map.of("keyword", "nickname", "value", "x"))))
                .statusCode(404).body("code", equalTo(100404002));
        // the native management API is not for app API keys
        get(key, variables(bot)).statusCode(403);
    }
}
