package dev.atrium.bot;

import static dev.atrium.bot.support.MemoryApi.field;
import static dev.atrium.bot.support.MemoryApi.get;
import static dev.atrium.bot.support.MemoryApi.post;
import static dev.atrium.bot.support.MemoryApi.put;
import static dev.atrium.bot.support.MemoryApi.rows;
import static dev.atrium.bot.support.MemoryApi.send;
import static dev.atrium.bot.support.MemoryApi.tables;
import static dev.atrium.bot.support.MemoryApi.variables;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.atrium.bot.support.Accounts;
import dev.atrium.bot.support.Accounts.Account;
import dev.atrium.bot.support.MemoryApi;
import dev.atrium.testkit.InjectJwtKit;
import dev.atrium.testkit.JwtKit;
import io.quarkus.test.junit.QuarkusTest;

/** A member of another workspace cannot see or touch any memory of a bot, whatever id they know. */
@QuarkusTest
class MemoryIsolationTest {

    @InjectJwtKit
    JwtKit jwt;

    @Test
    void aUserOfAnotherWorkspaceGetsNotFoundForVariablesTablesAndRows() {
        Account alice = Accounts.create(jwt, "owner");
        Account mallory = Accounts.create(jwt, "mallory");
        String bot = MemoryApi.bot(alice, List.of(Map.of("keyword", "secret", "default_value", "s")));
        put(alice, variables(bot), Map.of("data", List.of(Map.of("keyword", "secret", "value", "kept")))).statusCode(200);
        String table = MemoryApi.table(alice, bot, "diary", "multi_user", List.of(field("entry", "text", true)));
        String row = post(alice, rows(bot, table), Map.of("rows", List.of(Map.of("entry", "dear diary")))).statusCode(200)
                .extract().path("data[0].id");

        String m = mallory.bearer();
        record Call(String method, String path, Object body) {
        }
        List<Call> calls = List.of(
                new Call("GET", variables(bot), null),
                new Call("PUT", variables(bot), Map.of("data", List.of(Map.of("keyword", "secret", "value", "x")))),
                new Call("DELETE", variables(bot) + "?user_id=" + alice.userId(), null),
                new Call("GET", "/v1/variables?bot_id=" + bot, null),
                new Call("PUT", "/v1/variables", Map.of("bot_id", bot, "data", List.of(Map.of("keyword", "secret", "value", "x")))),
                new Call("GET", tables(bot), null),
                new Call("POST", tables(bot), Map.of("name", "mine", "fields", List.of(field("a", "text", false)))),
                new Call("GET", tables(bot) + "/" + table, null),
                new Call("GET", tables(bot) + "/diary", null),
                new Call("PUT", tables(bot) + "/" + table, Map.of("rw_mode", "read_only")),
                new Call("DELETE", tables(bot) + "/" + table, null),
                new Call("GET", rows(bot, table), null),
                new Call("POST", rows(bot, table), Map.of("rows", List.of(Map.of("entry", "x")))),
                new Call("POST", rows(bot, table) + "/query", Map.of()),
                new Call("PUT", rows(bot, table) + "/" + row, Map.of("data", Map.of("entry", "x"))),
                new Call("DELETE", rows(bot, table) + "/" + row, null),
                new Call("POST", rows(bot, table) + "/update", Map.of("all", true, "values", Map.of("entry", "x"))),
                new Call("POST", rows(bot, table) + "/delete", Map.of("all", true)),
                new Call("POST", rows(bot, table) + "/query", Map.of("user_id", "end-user")));
        for (Call c : calls) {
            send(m, c.method(), c.path(), c.body()).statusCode(404).body("code", equalTo(100404002));
        }

        // knowing the table id does not help through one's own bot either
        String own = MemoryApi.bot(mallory, List.of());
        get(m, tables(own) + "/" + table).statusCode(404).body("code", equalTo(106404001));
        get(m, rows(own, table)).statusCode(404).body("code", equalTo(106404001));
        send(m, "PUT", rows(own, table) + "/" + row, Map.of("data", Map.of("entry", "x"))).statusCode(404).body("code", equalTo(106404001));

        get(alice.bearer(), variables(bot) + "?keywords=secret").body("data[0].value", equalTo("kept"));
        get(alice.bearer(), tables(bot) + "/" + table).statusCode(200).body("data.rw_mode", equalTo("multi_user"))
                .body("data.row_count", equalTo(1));
        get(alice.bearer(), rows(bot, table)).body("data.items[0].data.entry", equalTo("dear diary"));
        get(alice.bearer(), tables(bot)).body("data.total", equalTo(1));
    }
}
