package dev.atrium.bot;

import static dev.atrium.bot.support.MemoryApi.field;
import static dev.atrium.bot.support.MemoryApi.post;
import static dev.atrium.bot.support.MemoryApi.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atrium.bot.support.Accounts;
import dev.atrium.bot.support.Accounts.Account;
import dev.atrium.bot.support.MemoryApi;
import dev.atrium.bot.support.MemoryChannel;
import dev.atrium.proto.bot.v1.Condition;
import dev.atrium.proto.bot.v1.DeleteRowsRequest;
import dev.atrium.proto.bot.v1.Filter;
import dev.atrium.proto.bot.v1.GetVariablesRequest;
import dev.atrium.proto.bot.v1.InsertRowsRequest;
import dev.atrium.proto.bot.v1.MemoryServiceGrpc.MemoryServiceBlockingStub;
import dev.atrium.proto.bot.v1.OrderBy;
import dev.atrium.proto.bot.v1.QueryRowsRequest;
import dev.atrium.proto.bot.v1.RowsResult;
import dev.atrium.proto.bot.v1.SetVariablesRequest;
import dev.atrium.proto.bot.v1.TableRef;
import dev.atrium.proto.bot.v1.UpdateRowsRequest;
import dev.atrium.proto.bot.v1.VariableValue;
import dev.atrium.proto.bot.v1.VariableValues;
import dev.atrium.testkit.InjectJwtKit;
import dev.atrium.testkit.JwtKit;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;

/** MemoryService over a real gRPC channel, as the chat engine and workflows call it. */
@QuarkusTest
class MemoryGrpcTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final MemoryChannel grpc = new MemoryChannel();

    @InjectJwtKit
    JwtKit jwt;

    Account alice;
    String bot;
    String tasks;

    @BeforeEach
    void setUp() {
        alice = Accounts.create(jwt, "grpc");
        bot = MemoryApi.bot(alice, List.of(
                Map.of("keyword", "city", "type", "enum", "options", List.of("Paris", "Rome"), "default_value", "Paris")));
        tasks = MemoryApi.table(alice, bot, "tasks", "single_user",
                List.of(field("title", "text", true), field("done", "bool", false), field("priority", "number", false)));
    }

    @Test
    void readsAndWritesVariablesOfAnEndUser() {
        VariableValues set = stub().setVariables(SetVariablesRequest.newBuilder().setBotId(bot).setUserId("end-1")
                .putValues("city", "Rome").build());
        Map<String, VariableValue> byKeyword = set.getItemsList().stream()
                .collect(Collectors.toMap(VariableValue::getKeyword, Function.identity()));
        assertEquals("Rome", byKeyword.get("city").getValue());
        assertEquals(false, byKeyword.get("city").getSystem());
        assertEquals(true, byKeyword.get("city").getUpdateTime() > 0);
        assertEquals("end-1", byKeyword.get("sys_uuid").getValue());
        assertEquals(true, byKeyword.get("sys_uuid").getSystem());

        VariableValues got = stub().getVariables(GetVariablesRequest.newBuilder().setBotId(bot).setUserId("end-1")
                .addKeywords("city").build());
        assertEquals(List.of("Rome"), got.getItemsList().stream().map(VariableValue::getValue).toList());
        VariableValues caller = stub().getVariables(GetVariablesRequest.newBuilder().setBotId(bot).addKeywords("city")
                .addKeywords("sys_uuid").build());
        assertEquals(List.of("Paris", Long.toString(alice.userId())), caller.getItemsList().stream().map(VariableValue::getValue).toList());

        assertFails(Status.Code.INVALID_ARGUMENT, "106400003", () -> stub().setVariables(SetVariablesRequest.newBuilder()
                .setBotId(bot).putValues("sys_uuid", "x").build()));
        assertFails(Status.Code.INVALID_ARGUMENT, "106400004", () -> stub().setVariables(SetVariablesRequest.newBuilder()
                .setBotId(bot).putValues("city", "Oslo").build()));
    }

    @Test
    void insertsQueriesUpdatesAndDeletesRowsByTableNameOrId() {
        RowsResult inserted = stub().insertRows(InsertRowsRequest.newBuilder().setTable(ref("tasks", "end-1"))
                .addRowsJson("{\"title\":\"a\",\"priority\":2}").addRowsJson("{\"title\":\"b\",\"done\":true,\"priority\":1}").build());
        assertEquals(2, inserted.getAffected());
        JsonNode first = read(inserted.getRowsJson(0));
        assertEquals("end-1", first.path("user_id").asText());
        assertEquals("a", first.path("data").path("title").asText());
        assertEquals(true, first.path("created_at").asLong() > 0);

        RowsResult queried = stub().queryRows(QueryRowsRequest.newBuilder().setTable(ref(tasks, "end-1"))
                .setFilter(filter("and", cond("priority", "gte", "1")))
                .addOrderBy(OrderBy.newBuilder().setField("priority").build()).build());
        assertEquals(2, queried.getTotal());
        assertEquals(List.of("b", "a"), titles(queried));

        RowsResult updated = stub().updateRows(UpdateRowsRequest.newBuilder().setTable(ref("tasks", "end-1"))
                .setFilter(filter("and", cond("title", "eq", "\"a\""))).setValuesJson("{\"done\":true}").build());
        assertEquals(1, updated.getAffected());
        assertEquals(List.of("a", "b"), titles(stub().queryRows(QueryRowsRequest.newBuilder().setTable(ref("tasks", "end-1"))
                .setFilter(filter("and", cond("done", "eq", "true"))).build())));

        assertFails(Status.Code.INVALID_ARGUMENT, "106400008",
                () -> stub().deleteRows(DeleteRowsRequest.newBuilder().setTable(ref("tasks", "end-1")).build()));
        assertFails(Status.Code.INVALID_ARGUMENT, "106400006", () -> stub().insertRows(InsertRowsRequest.newBuilder()
                .setTable(ref("tasks", "end-1")).addRowsJson("{\"title\":1}").build()));
        assertFails(Status.Code.INVALID_ARGUMENT, "106400001", () -> stub().insertRows(InsertRowsRequest.newBuilder()
                .setTable(ref("tasks", "end-1")).addRowsJson("{not json").build()));
        assertFails(Status.Code.NOT_FOUND, "106404001", () -> stub().queryRows(QueryRowsRequest.newBuilder()
                .setTable(ref("nope", "end-1")).build()));

        RowsResult deleted = stub().deleteRows(DeleteRowsRequest.newBuilder().setTable(ref("tasks", "end-1"))
                .setFilter(filter("or", cond("done", "eq", "true"), cond("title", "eq", "\"zzz\""))).build());
        assertEquals(2, deleted.getAffected());
        assertEquals(0, stub().queryRows(QueryRowsRequest.newBuilder().setTable(ref("tasks", "end-1")).build()).getTotal());
    }

    @Test
    void rwModeAppliesToEveryGrpcCaller() {
        stub().insertRows(InsertRowsRequest.newBuilder().setTable(ref("tasks", "end-1")).addRowsJson("{\"title\":\"mine\"}").build());
        stub().insertRows(InsertRowsRequest.newBuilder().setTable(ref("tasks", "end-2")).addRowsJson("{\"title\":\"theirs\"}").build());
        // without user_id the end user is the caller
        RowsResult own = stub().insertRows(InsertRowsRequest.newBuilder().setTable(ref("tasks", "")).addRowsJson("{\"title\":\"caller\"}").build());
        assertEquals(Long.toString(alice.userId()), read(own.getRowsJson(0)).path("user_id").asText());

        assertEquals(List.of("mine"), titles(stub().queryRows(QueryRowsRequest.newBuilder().setTable(ref("tasks", "end-1")).build())));
        assertEquals(List.of("theirs"), titles(stub().queryRows(QueryRowsRequest.newBuilder().setTable(ref("tasks", "end-2")).build())));
        assertEquals(0, stub().updateRows(UpdateRowsRequest.newBuilder().setTable(ref("tasks", "end-2"))
                .setFilter(filter("and", cond("title", "eq", "\"mine\""))).setValuesJson("{\"done\":true}").build()).getAffected());
        assertEquals(0, stub().deleteRows(DeleteRowsRequest.newBuilder().setTable(ref("tasks", "end-2"))
                .setFilter(filter("and", cond("title", "eq", "\"mine\""))).build()).getAffected());
        assertEquals(List.of("mine"), titles(stub().queryRows(QueryRowsRequest.newBuilder().setTable(ref("tasks", "end-1")).build())));

        String faq = MemoryApi.table(alice, bot, "faq", "read_only", List.of(field("q", "text", true)));
        post(alice, rows(bot, faq), Map.of("rows", List.of(Map.of("q", "why?")))).statusCode(200);
        assertEquals(1, stub().queryRows(QueryRowsRequest.newBuilder().setTable(ref("faq", "end-1")).build()).getTotal());
        assertFails(Status.Code.PERMISSION_DENIED, "106403001", () -> stub().insertRows(InsertRowsRequest.newBuilder()
                .setTable(ref("faq", "end-1")).addRowsJson("{\"q\":\"mine\"}").build()));
        assertFails(Status.Code.PERMISSION_DENIED, "106403001", () -> stub().deleteRows(DeleteRowsRequest.newBuilder()
                .setTable(ref("faq", "end-1")).setFilter(filter("and", cond("q", "is_not_null", ""))).build()));
    }

    @Test
    void anAppApiKeyReachesItsOwnBotOnly() {
        MemoryServiceBlockingStub key = grpc.as(Accounts.apiKeyToken(jwt, alice, bot));
        key.insertRows(InsertRowsRequest.newBuilder().setTable(ref("tasks", "sdk-user")).addRowsJson("{\"title\":\"k\"}").build());
        assertEquals(List.of("k"), titles(key.queryRows(QueryRowsRequest.newBuilder().setTable(ref("tasks", "sdk-user")).build())));

        String other = MemoryApi.bot(alice, List.of());
        MemoryApi.table(alice, other, "tasks", "multi_user", List.of(field("title", "text", true)));
        assertFails(Status.Code.NOT_FOUND, "100404002", () -> key.queryRows(QueryRowsRequest.newBuilder()
                .setTable(TableRef.newBuilder().setBotId(other).setTable("tasks")).build()));
        assertFails(Status.Code.NOT_FOUND, "100404002", () -> key.getVariables(GetVariablesRequest.newBuilder().setBotId(other).build()));
    }

    @Test
    void aUserOfAnotherWorkspaceFindsNothing() {
        stub().insertRows(InsertRowsRequest.newBuilder().setTable(ref("tasks", "end-1")).addRowsJson("{\"title\":\"secret\"}").build());
        MemoryServiceBlockingStub mallory = grpc.as(Accounts.create(jwt, "mallory").token());
        TableRef table = ref("tasks", "end-1");
        List<Executable> calls = List.of(
                () -> mallory.getVariables(GetVariablesRequest.newBuilder().setBotId(bot).build()),
                () -> mallory.setVariables(SetVariablesRequest.newBuilder().setBotId(bot).putValues("city", "Rome").build()),
                () -> mallory.insertRows(InsertRowsRequest.newBuilder().setTable(table).addRowsJson("{\"title\":\"x\"}").build()),
                () -> mallory.queryRows(QueryRowsRequest.newBuilder().setTable(table).build()),
                () -> mallory.updateRows(UpdateRowsRequest.newBuilder().setTable(table)
                        .setFilter(filter("and", cond("title", "is_not_null", ""))).setValuesJson("{\"title\":\"x\"}").build()),
                () -> mallory.deleteRows(DeleteRowsRequest.newBuilder().setTable(table)
                        .setFilter(filter("and", cond("title", "is_not_null", ""))).build()));
        for (Executable call : calls) {
            assertFails(Status.Code.NOT_FOUND, "100404002", call);
        }
        assertFails(Status.Code.UNAUTHENTICATED, "100401001", () -> grpc.anonymous().queryRows(QueryRowsRequest.newBuilder().setTable(table).build()));
        assertEquals(List.of("secret"), titles(stub().queryRows(QueryRowsRequest.newBuilder().setTable(table).build())));
    }

    private MemoryServiceBlockingStub stub() {
        return grpc.as(alice.token());
    }

    private TableRef ref(String table, String userId) {
        return TableRef.newBuilder().setBotId(bot).setTable(table).setUserId(userId).build();
    }

    private static Filter filter(String logic, Condition... conditions) {
        return Filter.newBuilder().setLogic(logic).addAllConditions(List.of(conditions)).build();
    }

    private static Condition cond(String field, String op, String valueJson) {
        return Condition.newBuilder().setField(field).setOp(op).setValueJson(valueJson).build();
    }

    private static List<String> titles(RowsResult result) {
        return result.getRowsJsonList().stream().map(r -> read(r).path("data").path("title").asText()).toList();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static void assertFails(Status.Code status, String code, Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
        assertEquals(status, e.getStatus().getCode(), () -> "status of " + e);
        if (code != null) {
            assertEquals(code, MemoryChannel.code(e), () -> "code of " + e);
        }
    }
}
