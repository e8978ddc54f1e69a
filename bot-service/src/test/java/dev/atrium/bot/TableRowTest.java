package dev.atrium.bot;

import static dev.atrium.bot.support.MemoryApi.cond;
import static dev.atrium.bot.support.MemoryApi.field;
import static dev.atrium.bot.support.MemoryApi.filter;
import static dev.atrium.bot.support.MemoryApi.get;
import static dev.atrium.bot.support.MemoryApi.post;
import static dev.atrium.bot.support.MemoryApi.put;
import static dev.atrium.bot.support.MemoryApi.rows;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class TableRowTest {

    @InjectJwtKit
    JwtKit jwt;

    Account alice;
    String bot;
    String people;

    @BeforeEach
    void setUp() {
        alice = Accounts.create(jwt, "rows");
        bot = MemoryApi.bot(alice, List.of());
        people = MemoryApi.table(alice, bot, "people", "single_user", List.of(field("name", "text", true),
                field("age", "number", false), field("height", "float", false), field("member", "bool", false),
                field("born", "date", false), field("note", "text", false)));
    }

    @Test
    void insertsTypedRowsAndNormalisesDatesToUtcInstants() {
        Map<String, Object> ann = new HashMap<>(Map.of("name", "Ann", "age", 30, "height", 1.7, "member", true, "born", "1994-05-01"));
        ann.put("note", null);
        post(alice, rows(bot, people), Map.of("rows", List.of(ann,
                Map.of("name", "Bob", "born", "2024-05-01T10:00:00+02:00"),
                Map.of("name", "Cid", "born", "2024-05-01T10:00:00.250")))).statusCode(200)
                .body("data", hasSize(3))
                .body("data[0].data", equalTo(Map.of("name", "Ann", "age", 30, "height", 1.7f, "member", true,
                        "born", "1994-05-01T00:00:00Z")))
                .body("data[0].user_id", equalTo(Long.toString(alice.userId())))
                .body("data[0].connector_id", equalTo("1024"))
                .body("data[0].created_at", greaterThan((int) (Instant.now().getEpochSecond() - 60)))
                .body("data[1].data.born", equalTo("2024-05-01T08:00:00Z"))
                .body("data[2].data.born", equalTo("2024-05-01T10:00:00.250Z"));
        get(alice.bearer(), rows(bot, people)).statusCode(200).body("data.total", equalTo(3))
                .body("data.items.data.name", equalTo(List.of("Ann", "Bob", "Cid")));
    }

    @Test
    void refusesWrongTypesUnknownFieldsAndMissingRequiredValuesAndInsertsNothing() {
        record Case(Object row, String fragment) {
        }
        List<Case> cases = List.of(
                new Case(Map.of("name", "x", "age", "30"), "rows[1].age: expected an integer"),
                new Case(Map.of("name", "x", "age", 1.5), "rows[1].age: expected an integer"),
                new Case(Map.of("name", "x", "age", new BigInteger("99999999999999999999")), "expected an integer"),
                new Case(Map.of("name", "x", "height", "tall"), "rows[1].height: expected a number"),
                new Case(Map.of("name", "x", "member", "true"), "rows[1].member: expected true or false"),
                new Case(Map.of("name", "x", "born", "2024-02-30"), "rows[1].born"),
                new Case(Map.of("name", "x", "born", "yesterday"), "ISO-8601"),
                new Case(Map.of("name", "x".repeat(10_001)), "10000"),
                new Case(Map.of("name", 7), "rows[1].name: expected a string"),
                new Case(Map.of("name", "x", "nme", "y"), "no field 'nme'"),
                new Case(Map.of("age", 3), "field 'name' is required"),
                new Case(List.of("x"), "rows[1] must be a JSON object"));
        for (Case c : cases) {
            ValidatableResponse r = post(alice, rows(bot, people), Map.of("rows", List.of(Map.of("name", "valid"), c.row())));
            r.statusCode(400).body("code", equalTo(106400006));
            String msg = r.extract().path("msg");
            assertTrue(msg.contains(c.fragment()), () -> "message '" + msg + "' should contain " + c.fragment());
        }
        post(alice, rows(bot, people), Map.of("rows", List.of())).statusCode(400).body("code", equalTo(106400006));
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add(Map.of("name", "n" + i));
        }
        post(alice, rows(bot, people), Map.of("rows", tooMany)).statusCode(400).body("msg", equalTo("rows must hold 1-100 rows"));
        get(alice.bearer(), rows(bot, people)).body("data.total", equalTo(0));
    }

    @Test
    void filtersWithEveryOperatorGroupOrdersAndPages() {
        Map<String, Object> dee = new HashMap<>(Map.of("name", "Dee", "height", 1.75, "note", "tea_time"));
        post(alice, rows(bot, people), Map.of("rows", List.of(
                Map.of("name", "Ann", "age", 30, "height", 1.70, "member", true, "born", "1994-05-01", "note", "likes tea"),
                Map.of("name", "Bob", "age", 25, "height", 1.80, "member", false, "born", "1999-01-01", "note", "coffee"),
                Map.of("name", "Cid", "age", 40, "height", 1.65, "member", true, "born", "1984-12-31"),
                dee,
                Map.of("name", "Eve", "age", 35, "height", 1.90, "member", false, "born", "2001-06-15", "note", "100%"))))
                .statusCode(200);
        String annId = names(filter("and", List.of(cond("name", "eq", "Ann"))), List.of(), "id").get(0);

        assertEquals(List.of("Ann"), where("age", "eq", 30));
        assertEquals(List.of("Bob", "Cid", "Dee", "Eve"), where("age", "ne", 30));
        assertEquals(List.of("Cid", "Eve"), where("age", "gt", 30));
        assertEquals(List.of("Ann", "Cid", "Eve"), where("age", "gte", 30));
        assertEquals(List.of("Bob"), where("age", "lt", 30));
        assertEquals(List.of("Ann", "Bob"), where("age", "lte", 30));
        assertEquals(List.of("Ann"), where("height", "eq", 1.7));
        assertEquals(List.of("Bob", "Dee", "Eve"), where("height", "gt", 1.7));
        assertEquals(List.of("Ann", "Eve"), where("name", "in", List.of("Ann", "Eve")));
        assertEquals(List.of("Cid", "Dee", "Eve"), where("age", "not_in", List.of(30, 25)));
        assertEquals(List.of("Dee"), where("age", "is_null", null));
        assertEquals(List.of("Ann", "Bob", "Dee", "Eve"), where("note", "is_not_null", null));
        assertEquals(List.of("Ann", "Dee"), where("note", "like", "%tea%"));
        assertEquals(List.of("Dee"), where("note", "like", "tea\\_%"));
        assertEquals(List.of("Eve"), where("note", "like", "100\\%"));
        assertEquals(List.of("Bob", "Cid", "Eve"), where("note", "not_like", "%tea%"));
        assertEquals(List.of("Ann", "Cid"), where("member", "eq", true));
        assertEquals(List.of("Bob", "Dee", "Eve"), where("member", "ne", true));
        assertEquals(List.of("Bob", "Eve"), where("born", "gt", "1995-01-01"));
        assertEquals(List.of("Cid"), where("born", "lt", "1990-01-01T02:00:00+02:00"));
        assertEquals(List.of("Ann", "Bob", "Cid", "Dee", "Eve"), where("user_id", "eq", Long.toString(alice.userId())));
        assertEquals(List.of("Ann"), where("id", "in", List.of(annId)));
        assertEquals(List.of("Ann", "Bob", "Cid", "Dee", "Eve"), where("created_at", "gte", Instant.now().getEpochSecond() - 3600));
        assertEquals(List.of(), where("created_at", "lt", 1000));
        assertEquals(List.of("Ann", "Cid"), names(filter("or", List.of(cond("name", "eq", "Ann"), cond("age", "gt", 36))), List.of(), "data.name"));
        assertEquals(List.of("Eve"), names(filter("and", List.of(cond("member", "eq", false), cond("age", "gt", 30))), List.of(), "data.name"));

        assertEquals(List.of("Cid", "Eve", "Ann", "Bob", "Dee"), names(null, List.of(order("age", "desc")), "data.name"));
        assertEquals(List.of("Eve", "Bob", "Cid", "Ann", "Dee"),
                names(null, List.of(order("member", "asc"), order("name", "desc")), "data.name"));
        assertEquals(List.of("Cid", "Ann", "Bob", "Eve", "Dee"), names(null, List.of(order("born", "asc")), "data.name"));

        query(Map.of("order_by", List.of(order("name", "asc")), "limit", 2, "offset", 2)).statusCode(200)
                .body("data.items.data.name", equalTo(List.of("Cid", "Dee"))).body("data.total", equalTo(5))
                .body("data.has_more", equalTo(true));
        query(Map.of("order_by", List.of(order("name", "asc")), "limit", 2, "offset", 4)).statusCode(200)
                .body("data.items.data.name", equalTo(List.of("Eve"))).body("data.has_more", equalTo(false));
        get(alice.bearer(), rows(bot, people) + "?limit=2").statusCode(200).body("data.total", equalTo(5))
                .body("data.has_more", equalTo(true)).body("data.items.data.name", equalTo(List.of("Ann", "Bob")));
    }

    @Test
    void refusesFiltersThatDoNotFitTheTable() {
        record Case(Map<String, Object> body, int code, String fragment) {
        }
        List<Case> cases = List.of(
                new Case(Map.of("filter", filter("and", List.of(cond("nmae", "eq", "x")))), 106400007, "no field 'nmae'"),
                new Case(Map.of("filter", filter("and", List.of(cond("name", "contains", "x")))), 106400007, ".op must be one of"),
                new Case(Map.of("filter", filter("and", List.of(cond("age", "like", "3%")))), 106400007, "text fields only"),
                new Case(Map.of("filter", filter("and", List.of(cond("member", "gt", true)))), 106400007, "bool fields"),
                new Case(Map.of("filter", filter("and", List.of(cond("age", "in", 3)))), 106400007, "array"),
                new Case(Map.of("filter", filter("and", List.of(cond("age", "eq", null)))), 106400007, "is_null"),
                new Case(Map.of("filter", filter("and", List.of(cond("age", "eq", "30")))), 106400007, "numbers"),
                new Case(Map.of("filter", filter("and", List.of(cond("born", "gt", "soon")))), 106400007, "ISO-8601"),
                new Case(Map.of("filter", filter("and", List.of(cond("id", "eq", "abc")))), 106400007, "row ids"),
                new Case(Map.of("filter", filter("and", List.of(cond("created_at", "gt", Long.MAX_VALUE)))), 106400007, "Unix seconds"),
                new Case(Map.of("filter", filter("and", List.of(cond("updated_at", "lt", 253402300800L)))), 106400007, "Unix seconds"),
                new Case(Map.of("filter", filter("xor", List.of(cond("age", "eq", 3)))), 106400007, "logic"),
                new Case(Map.of("order_by", List.of(order("shoe_size", "asc"))), 106400007, "order_by[0]"),
                new Case(Map.of("order_by", List.of(order("age", "up"))), 106400007, "direction"),
                new Case(Map.of("limit", 0), 106400001, "limit"),
                new Case(Map.of("limit", 101), 106400001, "limit"),
                new Case(Map.of("offset", -1), 106400001, "offset"));
        for (Case c : cases) {
            ValidatableResponse r = query(c.body());
            r.statusCode(400).body("code", equalTo(c.code()));
            String msg = r.extract().path("msg");
            assertTrue(msg.contains(c.fragment()), () -> "message '" + msg + "' should contain " + c.fragment());
        }        MemoryApi.get(alice.bearer(), MemoryApi.rows(bot, people) + "?limit=abc").statusCode(400).body("code", equalTo(106400001));
    }

    @Test
    void updatesAndDeletesSingleRowsAndInBulk() {
        List<String> ids = post(alice, rows(bot, people), Map.of("rows", List.of(
                Map.of("name", "Ann", "age", 30, "member", true, "note", "n"),
                Map.of("name", "Bob", "age", 25, "member", false),
                Map.of("name", "Cid", "age", 40, "member", true)))).statusCode(200).extract().path("data.id");
        Map<String, Object> patch = new HashMap<>(Map.of("age", 31));
        patch.put("note", null);
        put(alice, rows(bot, people) + "/" + ids.get(0), Map.of("data", patch)).statusCode(200)
                .body("data.id", equalTo(ids.get(0))).body("data.data", equalTo(Map.of("name", "Ann", "age", 31, "member", true)));
        Map<String, Object> clearName = new HashMap<>();
        clearName.put("name", null);
        put(alice, rows(bot, people) + "/" + ids.get(0), Map.of("data", clearName)).statusCode(400).body("code", equalTo(106400006));
        put(alice, rows(bot, people) + "/" + ids.get(0), Map.of("data", Map.of("age", "old"))).statusCode(400);
        put(alice, rows(bot, people) + "/12345", Map.of("data", Map.of("age", 1))).statusCode(404).body("code", equalTo(106404002));

        post(alice, rows(bot, people) + "/update", Map.of("filter", filter("and", List.of(cond("member", "eq", true))),
                "values", Map.of("note", "member"))).statusCode(200).body("data.affected", equalTo(2));
        assertEquals(List.of("Ann", "Cid"), where("note", "eq", "member"));
        post(alice, rows(bot, people) + "/update", Map.of("values", Map.of("note", "x"))).statusCode(400).body("code", equalTo(106400008));
        post(alice, rows(bot, people) + "/update", Map.of("filter", filter("and", List.of()), "values", Map.of("note", "x")))
                .statusCode(400).body("code", equalTo(106400008));
        post(alice, rows(bot, people) + "/update", Map.of("all", true, "values", Map.of("age", 1))).statusCode(200)
                .body("data.affected", equalTo(3));
        assertEquals(List.of("Ann", "Bob", "Cid"), where("age", "eq", 1));
        post(alice, rows(bot, people) + "/update", Map.of("all", true, "values", Map.of("age", "one"))).statusCode(400)
                .body("code", equalTo(106400006));

        MemoryApi.delete(alice.bearer(), rows(bot, people) + "/" + ids.get(1)).statusCode(200);
        MemoryApi.delete(alice.bearer(), rows(bot, people) + "/" + ids.get(1)).statusCode(404).body("code", equalTo(106404002));
        post(alice, rows(bot, people) + "/delete", Map.of()).statusCode(400).body("code", equalTo(106400008));
        post(alice, rows(bot, people) + "/delete", Map.of("filter", filter("and", List.of(cond("name", "eq", "Cid")))))
                .statusCode(200).body("data.affected", equalTo(1));
        assertEquals(List.of("Ann"), names(null, List.of(), "data.name"));
        post(alice, rows(bot, people) + "/delete", Map.of("all", true)).statusCode(200).body("data.affected", equalTo(1));
        get(alice.bearer(), rows(bot, people)).body("data.total", equalTo(0));
    }

    @Test
    void singleUserTablesKeepEachEndUsersRowsApart() {
        post(alice, rows(bot, people), Map.of("user_id", "u1", "rows", List.of(Map.of("name", "u1-a"), Map.of("name", "u1-b"))))
                .statusCode(200).body("data.user_id", equalTo(List.of("u1", "u1")));
        String u2Row = post(alice, rows(bot, people), Map.of("user_id", "u2", "rows", List.of(Map.of("name", "u2-a"))))
                .statusCode(200).extract().path("data[0].id");
        String u1Row = names(filter("and", List.of(cond("name", "eq", "u1-a"))), List.of(), "id").get(0);

        assertEquals(List.of("u1-a", "u1-b"), namesAs("u1", null));
        assertEquals(List.of("u2-a"), namesAs("u2", null));
        assertEquals(List.of("u1-a", "u1-b", "u2-a"), names(null, List.of(), "data.name"));
        get(alice.bearer(), rows(bot, people) + "?user_id=u1").body("data.total", equalTo(2));
        // another end user's row does not exist for u2, whatever the filter asks for
        assertEquals(List.of(), namesAs("u2", filter("and", List.of(cond("user_id", "eq", "u1")))));

        put(alice, rows(bot, people) + "/" + u1Row, Map.of("user_id", "u2", "data", Map.of("name", "stolen"))).statusCode(404)
                .body("code", equalTo(106404002));
        MemoryApi.delete(alice.bearer(), rows(bot, people) + "/" + u1Row + "?user_id=u2").statusCode(404);
        post(alice, rows(bot, people) + "/update", Map.of("user_id", "u2", "all", true, "values", Map.of("note", "mine")))
                .statusCode(200).body("data.affected", equalTo(1));
        post(alice, rows(bot, people) + "/delete", Map.of("user_id", "u2", "all", true)).statusCode(200).body("data.affected", equalTo(1));
        assertEquals(List.of("u1-a", "u1-b"), namesAs("u1", null));
        assertEquals(List.of(), names(filter("and", List.of(cond("id", "eq", u2Row))), List.of(), "id"));
        put(alice, rows(bot, people) + "/" + u1Row, Map.of("user_id", "u1", "data", Map.of("name", "renamed"))).statusCode(200)
                .body("data.data.name", equalTo("renamed"));
    }

    @Test
    void readOnlyTablesLetEndUsersReadEveryRowButWriteNone() {
        String faq = MemoryApi.table(alice, bot, "faq", "read_only", List.of(field("q", "text", true)));
        String row = post(alice, rows(bot, faq), Map.of("rows", List.of(Map.of("q", "one"), Map.of("q", "two")))).statusCode(200)
                .extract().path("data[0].id");
        query(faq, Map.of("user_id", "u1")).statusCode(200).body("data.total", equalTo(2));

        post(alice, rows(bot, faq), Map.of("user_id", "u1", "rows", List.of(Map.of("q", "three")))).statusCode(403)
                .body("code", equalTo(106403001));
        put(alice, rows(bot, faq) + "/" + row, Map.of("user_id", "u1", "data", Map.of("q", "changed"))).statusCode(403)
                .body("code", equalTo(106403001));
        MemoryApi.delete(alice.bearer(), rows(bot, faq) + "/" + row + "?user_id=u1").statusCode(403);
        post(alice, rows(bot, faq) + "/update", Map.of("user_id", "u1", "all", true, "values", Map.of("q", "x"))).statusCode(403);
        post(alice, rows(bot, faq) + "/delete", Map.of("user_id", "u1", "all", true)).statusCode(403);

        put(alice, rows(bot, faq) + "/" + row, Map.of("data", Map.of("q", "edited by admin"))).statusCode(200);
        query(faq, Map.of("user_id", "u1", "order_by", List.of(order("q", "asc")))).body("data.items.data.q",
                equalTo(List.of("edited by admin", "two")));
    }

    @Test
    void multiUserTablesShareRowsAndRecordWhoInsertedThem() {
        String board = MemoryApi.table(alice, bot, "board", "multi_user", List.of(field("msg", "text", true)));
        String u1Row = post(alice, rows(bot, board), Map.of("user_id", "u1", "rows", List.of(Map.of("msg", "from u1"))))
                .statusCode(200).body("data[0].user_id", equalTo("u1")).extract().path("data[0].id");
        String u2Row = post(alice, rows(bot, board), Map.of("user_id", "u2", "connector_id", "999", "rows", List.of(Map.of("msg", "from u2"))))
                .statusCode(200).body("data[0].user_id", equalTo("u2")).body("data[0].connector_id", equalTo("999"))
                .extract().path("data[0].id");
        query(board, Map.of("user_id", "u2")).statusCode(200).body("data.items.user_id", equalTo(List.of("u1", "u2")));
        put(alice, rows(bot, board) + "/" + u1Row, Map.of("user_id", "u2", "data", Map.of("msg", "edited by u2"))).statusCode(200)
                .body("data.user_id", equalTo("u1")).body("data.data.msg", equalTo("edited by u2"));
        MemoryApi.delete(alice.bearer(), rows(bot, board) + "/" + u2Row + "?user_id=u1").statusCode(200);
        query(board, Map.of("user_id", "u1")).body("data.items.data.msg", equalTo(List.of("edited by u2")));
    }

    @Test
    void aTableHoldsAtMostTenThousandRows() {
        String log = MemoryApi.table(alice, bot, "log", "multi_user", List.of(field("n", "number", true)));
        for (int call = 0; call < 100; call++) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                batch.add(Map.of("n", call * 100 + i));
            }
            post(alice, rows(bot, log), Map.of("rows", batch)).statusCode(200);
        }
        post(alice, rows(bot, log), Map.of("rows", List.of(Map.of("n", -1)))).statusCode(409).body("code", equalTo(106409003));
        query(log, Map.of("filter", filter("and", List.of(cond("n", "gte", 9990))), "order_by", List.of(order("n", "desc")),
                "limit", 3)).statusCode(200).body("data.total", equalTo(10)).body("data.items.data.n", equalTo(List.of(9999, 9998, 9997)));
        get(alice.bearer(), rows(bot, log) + "?limit=1").body("data.total", equalTo(10_000));
    }

    private List<String> where(String field, String op, Object value) {
        return names(filter("and", List.of(cond(field, op, value))), List.of(), "data.name");
    }

    private List<String> namesAs(String userId, Map<String, Object> filter) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user_id", userId);
        if (filter != null) {
            body.put("filter", filter);
        }
        body.put("order_by", List.of(order("name", "asc")));
        return query(body).statusCode(200).extract().path("data.items.data.name");
    }

    /** What {@code path} (in each matching row, insertion order unless ordered) holds. */
    private List<String> names(Map<String, Object> filter, List<Map<String, Object>> order, String path) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (filter != null) {
            body.put("filter", filter);
        }
        body.put("order_by", order);
        body.put("limit", 100);
        return query(body).statusCode(200).extract().path("data.items." + path);
    }

    private ValidatableResponse query(Map<String, Object> body) {
        return query(people, body);
    }

    private ValidatableResponse query(String table, Map<String, Object> body) {
        return post(alice, rows(bot, table) + "/query", body);
    }

    private static Map<String, Object> order(String field, String direction) {
        return Map.of("field", field, "direction", direction);
    }
}
