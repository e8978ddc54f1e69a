package dev.atrium.bot.support;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.atrium.bot.support.Accounts.Account;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** REST calls the memory tests repeat: bots with variables, tables, rows, filters. */
public final class MemoryApi {

    private MemoryApi() {
    }

    /** A bot whose draft defines {@code variables}. */
    public static String bot(Account owner, List<Map<String, Object>> variables) {
        return post(owner, "/api/v1/bots", Map.of("name", "memory bot", "variables", variables))
                .statusCode(200).extract().path("data.id");
    }

    public static String table(Account owner, String botId, String name, String rwMode, List<Map<String, Object>> fields) {
        return post(owner, tables(botId), Map.of("name", name, "rw_mode", rwMode, "fields", fields))
                .statusCode(200).extract().path("data.table_id");
    }

    public static Map<String, Object> field(String name, String type, boolean required) {
        return Map.of("name", name, "type", type, "required", required);
    }

    public static Map<String, Object> cond(String field, String op, Object value) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("field", field);
        c.put("op", op);
        c.put("value", value);
        return c;
    }

    /** {@code {"conditions": [...]}} joined with {@code logic}. */
    public static Map<String, Object> filter(String logic, List<Map<String, Object>> conditions) {
        return Map.of("logic", logic, "conditions", conditions);
    }

    public static String tables(String botId) {
        return "/api/v1/bots/" + botId + "/tables";
    }

    public static String rows(String botId, String tableId) {
        return tables(botId) + "/" + tableId + "/rows";
    }

    public static String variables(String botId) {
        return "/api/v1/bots/" + botId + "/variables";
    }

    public static ValidatableResponse get(String bearer, String path) {
        return given().header("Authorization", bearer).get(path).then();
    }

    public static ValidatableResponse delete(String bearer, String path) {
        return given().header("Authorization", bearer).delete(path).then();
    }

    public static ValidatableResponse post(Account who, String path, Object body) {
        return send(who.bearer(), "POST", path, body);
    }

    public static ValidatableResponse put(Account who, String path, Object body) {
        return send(who.bearer(), "PUT", path, body);
    }

    public static ValidatableResponse send(String bearer, String method, String path, Object body) {
        var request = given().header("Authorization", bearer).contentType(ContentType.JSON);
        if (body != null) {
            request.body(body);
        }
        return request.request(method, path).then();
    }
}
