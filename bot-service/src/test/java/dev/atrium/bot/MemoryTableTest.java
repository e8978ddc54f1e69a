package dev.atrium.bot;

import static dev.atrium.bot.support.MemoryApi.field;
import static dev.atrium.bot.support.MemoryApi.get;
import static dev.atrium.bot.support.MemoryApi.post;
import static dev.atrium.bot.support.MemoryApi.put;
import static dev.atrium.bot.support.MemoryApi.rows;
import static dev.atrium.bot.support.MemoryApi.tables;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atrium.bot.support.Accounts;
import dev.atrium.bot.support.Accounts.Account;
import dev.atrium.bot.support.MemoryApi;
import dev.atrium.core.event.Topics;
import dev.atrium.testkit.EventProbe;
import dev.atrium.testkit.InjectJwtKit;
import dev.atrium.testkit.JwtKit;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class MemoryTableTest {

    @InjectJwtKit
    JwtKit jwt;

    Account alice;
    String bot;

    @BeforeEach
    void setUp() {
        alice = Accounts.create(jwt, "tables");
        bot = MemoryApi.bot(alice, List.of());
    }

    @Test
    void createsReadsUpdatesAndDeletesATableAndAnnouncesEachChange() {
        String id = post(alice, tables(bot), Map.of("name", "notes", "description", "what the user told us",
                "fields", List.of(field("title", "text", true), Map.of("name", "score", "type", "number", "description", "1-5"))))
                .statusCode(200).body("code", equalTo(0))
                .body("data.bot_id", equalTo(bot)).body("data.name", equalTo("notes"))
                .body("data.rw_mode", equalTo("single_user")).body("data.row_count", equalTo(0))
                .body("data.fields.name", equalTo(List.of("title", "score")))
                .body("data.fields.required", equalTo(List.of(true, false)))
                .body("data.fields[1].description", equalTo("1-5"))
                .extract().path("data.table_id");
        JsonNode created = EventProbe.await(Topics.BOT, e -> e.path("type").asText().equals("memory.table_created")
                && e.path("data").path("table_id").asText().equals(id), Duration.ofSeconds(20));
        assertEquals(bot, created.path("data").path("bot_id").asText());
        assertEquals(alice.workspace(), created.path("data").path("workspace_id").asText());
        assertEquals("notes", created.path("data").path("name").asText());
        assertEquals(bot, created.path("subject").asText());

        get(alice.bearer(), tables(bot)).statusCode(200).body("data.total", equalTo(1)).body("data.items[0].table_id", equalTo(id));
        get(alice.bearer(), tables(bot) + "/notes").statusCode(200).body("data.table_id", equalTo(id));
        post(alice, rows(bot, id), Map.of("rows", List.of(Map.of("title", "a")))).statusCode(200);
        get(alice.bearer(), tables(bot) + "/" + id).statusCode(200).body("data.row_count", equalTo(1));

        put(alice, tables(bot) + "/" + id, Map.of("rw_mode", "multi_user", "name", "Memos")).statusCode(200)
                .body("data.rw_mode", equalTo("multi_user")).body("data.name", equalTo("Memos"))
                .body("data.description", equalTo("what the user told us")).body("data.fields", hasSize(2));
        EventProbe.await(Topics.BOT, e -> e.path("type").asText().equals("memory.table_updated")
                && e.path("data").path("table_id").asText().equals(id) && e.path("data").path("name").asText().equals("Memos"),
                Duration.ofSeconds(20));

        MemoryApi.delete(alice.bearer(), tables(bot) + "/" + id).statusCode(200);
        get(alice.bearer(), tables(bot) + "/" + id).statusCode(404).body("code", equalTo(106404001));
        get(alice.bearer(), rows(bot, id)).statusCode(404).body("code", equalTo(106404001));
        EventProbe.await(Topics.BOT, e -> e.path("type").asText().equals("memory.table_deleted")
                && e.path("data").path("table_id").asText().equals(id), Duration.ofSeconds(20));
    }

    @Test
    void rejectsInvalidDefinitionsWithTheProblemNamed() {
        List<Map<String, Object>> ok = List.of(field("title", "text", false));
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add(field("f" + i, "text", false));
        }
        record Case(Map<String, Object> body, String fragment) {
        }
        List<Case> cases = List.of(
                new Case(Map.of("fields", ok), "name"),
                new Case(Map.of("name", "1table", "fields", ok), "start with a letter"),
                new Case(Map.of("name", "my-table", "fields", ok), "letters, digits or _"),
                new Case(Map.of("name", "t".repeat(65), "fields", ok), "1-64"),
                new Case(Map.of("name", "t", "fields", List.of()), "1-20 fields"),
                new Case(Map.of("name", "t", "fields", many), "1-20 fields"),
                new Case(Map.of("name", "t"), "fields"),
                new Case(Map.of("name", "t", "fields", List.of(field("id", "text", false))), "system column"),
                new Case(Map.of("name", "t", "fields", List.of(field("User_Id", "text", false))), "system column"),
                new Case(Map.of("name", "t", "fields", List.of(field("_hidden", "text", false))), "fields[0].name"),
                new Case(Map.of("name", "t", "fields", List.of(field("a", "text", false), field("A", "bool", false))), "defined twice"),
                new Case(Map.of("name", "t", "fields", List.of(field("a", "string", false))), "text, number, date, float, bool"),
                new Case(Map.of("name", "t", "fields", List.of(Map.of("name", "a", "type", "text", "required", "yes"))), "required"),
                new Case(Map.of("name", "t", "rw_mode", "public", "fields", ok), "rw_mode"),
                new Case(Map.of("name", "t", "description", "d".repeat(1001), "fields", ok), "1000"));
        for (Case c : cases) {
            ValidatableResponse r = post(alice, tables(bot), c.body());
            r.statusCode(400).body("code", equalTo(106400005));
            String msg = r.extract().path("msg");
            assertTrue(msg.contains(c.fragment()), () -> "message '" + msg + "' should name " + c.fragment());
        }
        get(alice.bearer(), tables(bot)).body("data.total", equalTo(0));
    }

    @Test
    void namesAreUniquePerBotRegardlessOfCase() {
        MemoryApi.table(alice, bot, "Notes", "single_user", List.of(field("t", "text", false)));
        post(alice, tables(bot), Map.of("name", "notes", "fields", List.of(field("t", "text", false)))).statusCode(409)
                .body("code", equalTo(106409001));
        String other = MemoryApi.bot(alice, List.of());
        MemoryApi.table(alice, other, "notes", "single_user", List.of(field("t", "text", false)));
        String second = MemoryApi.table(alice, bot, "second", "single_user", List.of(field("t", "text", false)));
        put(alice, tables(bot) + "/" + second, Map.of("name", "NOTES")).statusCode(409).body("code", equalTo(106409001));
    }

    @Test
    void aBotHasAtMostTwentyTables() {
        for (int i = 0; i < 20; i++) {
            MemoryApi.table(alice, bot, "t" + i, "single_user", List.of(field("v", "text", false)));
        }
        post(alice, tables(bot), Map.of("name", "t20", "fields", List.of(field("v", "text", false)))).statusCode(409)
                .body("code", equalTo(106409002));
        get(alice.bearer(), tables(bot)).body("data.total", equalTo(20)).body("data.has_more", equalTo(false));
    }

    @Test
    void removedFieldsLoseTheirDataAndTypesChangeOnlyWhileTheTableIsEmpty() {
        String id = MemoryApi.table(alice, bot, "items", "single_user",
                List.of(field("title", "text", true), field("score", "number", false), field("tag", "text", false)));
        String row = post(alice, rows(bot, id), Map.of("rows", List.of(Map.of("title", "a", "score", 3, "tag", "x"))))
                .statusCode(200).extract().path("data[0].id");

        put(alice, tables(bot) + "/" + id, Map.of("fields", List.of(field("title", "text", true), field("score", "float", false))))
                .statusCode(409).body("code", equalTo(106409004)).body("msg", org.hamcrest.Matchers.containsString("score"));
        get(alice.bearer(), tables(bot) + "/" + id).body("data.fields", hasSize(3));

        put(alice, tables(bot) + "/" + id, Map.of("fields", List.of(field("title", "text", true), field("score", "number", false),
                field("done", "bool", false)))).statusCode(200).body("data.fields.name", equalTo(List.of("title", "score", "done")));
        get(alice.bearer(), rows(bot, id)).statusCode(200).body("data.items[0].id", equalTo(row))
                .body("data.items[0].data", equalTo(Map.of("title", "a", "score", 3)));
        post(alice, rows(bot, id), Map.of("rows", List.of(Map.of("title", "b", "tag", "x")))).statusCode(400).body("code", equalTo(106400006));
        post(alice, rows(bot, id), Map.of("rows", List.of(Map.of("title", "b", "done", true)))).statusCode(200);

        post(alice, rows(bot, id) + "/delete", Map.of("all", true)).statusCode(200).body("data.affected", equalTo(2));
        put(alice, tables(bot) + "/" + id, Map.of("fields", List.of(field("title", "text", true), field("score", "float", false))))
                .statusCode(200).body("data.fields[1].type", equalTo("float"));
        post(alice, rows(bot, id), Map.of("rows", List.of(Map.of("title", "c", "score", 2.5)))).statusCode(200)
                .body("data[0].data.score", equalTo(2.5f));
    }
}
