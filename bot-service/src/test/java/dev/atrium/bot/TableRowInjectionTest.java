package dev.atrium.bot;

import static dev.atrium.bot.support.MemoryApi.cond;
import static dev.atrium.bot.support.MemoryApi.field;
import static dev.atrium.bot.support.MemoryApi.filter;
import static dev.atrium.bot.support.MemoryApi.get;
import static dev.atrium.bot.support.MemoryApi.post;
import static dev.atrium.bot.support.MemoryApi.rows;
import static dev.atrium.bot.support.MemoryApi.tables;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.atrium.bot.support.Accounts;
import dev.atrium.bot.support.Accounts.Account;
import dev.atrium.bot.support.MemoryApi;
import dev.atrium.testkit.InjectJwtKit;
import dev.atrium.testkit.JwtKit;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Hostile strings in every place a client can put one: names are refused because they are not fields of
 * the table, values are stored and matched as plain data, and the rows table is still there afterwards.
 */
@QuarkusTest
class TableRowInjectionTest {

    static final String DROP = "'); drop table memory_rows; --";
    static final List<String> HOSTILE_NAMES = List.of(DROP, "title' or '1'='1", "title) or (1=1", "title; delete from memory_rows",
            "r.id", "1=1 --", "title\" --", "title ->> 'x'", "data->>'title'");

    @InjectJwtKit
    JwtKit jwt;

    Account alice;
    String bot;
    String table;

    @BeforeEach
    void setUp() {
        alice = Accounts.create(jwt, "inject");
        bot = MemoryApi.bot(alice, List.of());
        table = MemoryApi.table(alice, bot, "safe", "single_user", List.of(field("title", "text", true), field("n", "number", false)));
        post(alice, rows(bot, table), Map.of("rows", List.of(Map.of("title", DROP, "n", 1),
                Map.of("title", "x' or 1=1 --", "n", 2), Map.of("title", "plain", "n", 3)))).statusCode(200);
    }

    @Test
    void hostileValuesAreStoredAndMatchedAsData() {
        query(Map.of("filter", filter("and", List.of(cond("title", "eq", DROP))))).statusCode(200)
                .body("data.total", equalTo(1)).body("data.items[0].data.title", equalTo(DROP));
        query(Map.of("filter", filter("and", List.of(cond("title", "in", List.of(DROP, "' or ''='")))))).statusCode(200)
                .body("data.total", equalTo(1));
        query(Map.of("filter", filter("and", List.of(cond("title", "like", "%' or '1'='1"))))).statusCode(200)
                .body("data.total", equalTo(0));
        query(Map.of("filter", filter("and", List.of(cond("title", "ne", "x' or 1=1 --"))))).statusCode(200)
                .body("data.total", equalTo(2));
        query(Map.of("filter", filter("and", List.of(cond("n", "eq", "1 or 1=1"))))).statusCode(400).body("code", equalTo(106400007));
        query(Map.of("filter", filter("and", List.of(cond("id", "eq", "1 or 1=1"))))).statusCode(400).body("code", equalTo(106400007));
        query(Map.of("filter", filter("and", List.of(cond("created_at", "gt", "now() or true"))))).statusCode(400);
        // an end user id is a value like any other: it finds that user's rows (none), not everyone's
        query(Map.of("user_id", "' or '1'='1")).statusCode(200).body("data.total", equalTo(0));
        post(alice, rows(bot, table) + "/update", Map.of("filter", filter("and", List.of(cond("title", "eq", "plain"))),
                "values", Map.of("title", "'||(select current_user)||'"))).statusCode(200).body("data.affected", equalTo(1));
        query(Map.of("filter", filter("and", List.of(cond("n", "eq", 3))))).body("data.items[0].data.title",
                equalTo("'||(select current_user)||'"));
        assertRowsTableIntact(3);
    }

    @Test
    void hostileNamesAreRefusedEverywhere() {
        for (String name : HOSTILE_NAMES) {
            query(Map.of("filter", filter("and", List.of(cond(name, "eq", "x"))))).statusCode(400).body("code", equalTo(106400007));
            query(Map.of("order_by", List.of(Map.of("field", name, "direction", "asc")))).statusCode(400)
                    .body("code", equalTo(106400007));
            post(alice, rows(bot, table), Map.of("rows", List.of(Map.of("title", "t", name, "v")))).statusCode(400)
                    .body("code", equalTo(106400006));
            post(alice, rows(bot, table) + "/update", Map.of("all", true, "values", Map.of(name, "v"))).statusCode(400)
                    .body("code", equalTo(106400006));
            post(alice, tables(bot), Map.of("name", name, "fields", List.of(field("a", "text", false)))).statusCode(400)
                    .body("code", equalTo(106400005));
            post(alice, tables(bot), Map.of("name", "t", "fields", List.of(field(name, "text", false)))).statusCode(400)
                    .body("code", equalTo(106400005));
        }
        query(Map.of("filter", filter("and", List.of(cond("title", "eq; drop table memory_rows", "x"))))).statusCode(400)
                .body("code", equalTo(106400007));
        query(Map.of("filter", filter("and 1=1 --", List.of(cond("title", "eq", "x"))))).statusCode(400).body("code", equalTo(106400007));
        query(Map.of("order_by", List.of(Map.of("field", "title", "direction", "asc; drop table memory_rows --")))).statusCode(400)
                .body("code", equalTo(106400007));
        // the row JSON column itself is not a field either
        query(Map.of("filter", filter("and", List.of(cond("data", "is_not_null", null))))).statusCode(400)
                .body("code", equalTo(106400007));
        get(alice.bearer(), tables(bot) + "/" + DROP).statusCode(404).body("code", equalTo(106404001));
        assertRowsTableIntact(3);
    }

    private void assertRowsTableIntact(int expected) {
        get(alice.bearer(), rows(bot, table)).statusCode(200).body("data.total", equalTo(expected));
        String id = post(alice, rows(bot, table), Map.of("rows", List.of(Map.of("title", "after")))).statusCode(200)
                .extract().path("data[0].id");
        List<String> found = query(Map.of("filter", filter("and", List.of(cond("id", "eq", id))))).statusCode(200)
                .extract().path("data.items.data.title");
        assertEquals(List.of("after"), found);
    }

    private io.restassured.response.ValidatableResponse query(Map<String, Object> body) {
        return post(alice, rows(bot, table) + "/query", body);
    }
}
