package dev.atrium.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.atrium.proto.auth.v1.ResolveCredentialRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Coze's {@code GET /v1/workspaces}: Coze's shape and paging over the same workspaces as the native list. */
@QuarkusTest
class CozeWorkspaceTest {

    @RegisterExtension
    final AuthChannel grpc = new AuthChannel();

    @Test
    void listsTheCallersWorkspacesInCozesShape() {
        Users.Registered owner = Users.register("cozeown");
        Users.Registered member = Users.register("cozemem");
        String team = createTeam(owner, "Coze Team");
        given().header("Authorization", owner.bearer()).contentType(ContentType.JSON)
                .body(Map.of("user_id", member.id(), "role", "member")).post("/api/v1/workspaces/" + team + "/members")
                .then().statusCode(200);

        JsonPath body = given().header("Authorization", owner.bearer()).get("/v1/workspaces").then().statusCode(200)
                .body("code", equalTo(0))
                .body("msg", equalTo(""))
                .body("data.total_count", equalTo(2))
                .body("data.workspaces", hasSize(2))
                .extract().jsonPath();
        assertEquals(Set.of("total_count", "workspaces"), body.getMap("data").keySet());
        Map<String, Object> personal = body.getMap("data.workspaces.find { it.workspace_type == 'personal' }");
        assertEquals(Set.of("id", "name", "icon_url", "role_type", "workspace_type"), personal.keySet());
        assertEquals("owner", personal.get("role_type"));
        assertEquals("", personal.get("icon_url"));
        assertEquals("cozeown's workspace", personal.get("name"));
        Map<String, Object> shared = body.getMap("data.workspaces.find { it.workspace_type == 'team' }");
        assertEquals(Map.of("id", team, "name", "Coze Team", "icon_url", "", "role_type", "owner", "workspace_type", "team"),
                shared);

        given().header("Authorization", member.bearer()).get("/v1/workspaces").then().statusCode(200)
                .body("data.total_count", equalTo(2))
                .body("data.workspaces.find { it.id == '" + team + "' }.role_type", equalTo("member"))
                .body("data.workspaces.find { it.id == '" + team + "' }.workspace_type", equalTo("team"));
    }

    @Test
    void pagesCountFromOneAndTheTotalCoversEveryPage() {
        Users.Registered u = Users.register("cozepage");
        for (String name : List.of("P1", "P2", "P3")) {
            createTeam(u, name);
        }
        // the personal workspace plus three team ones
        List<String> first = page(u, "?page_num=1&page_size=2", 4);
        List<String> second = page(u, "?page_num=2&page_size=2", 4);
        assertEquals(2, first.size());
        assertEquals(2, second.size());
        Set<String> seen = new HashSet<>(first);
        seen.addAll(second);
        assertEquals(4, seen.size(), "pages 1 and 2 do not overlap");
        assertEquals(List.of(), page(u, "?page_num=3&page_size=2", 4));

        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        assertEquals(all, page(u, "", 4), "defaults: page 1 of 20, in the same order");
        assertEquals(all, page(u, "?page_num=&page_size=", 4), "empty values count as absent");
        assertEquals(second.subList(0, 1), page(u, "?page_num=3&page_size=1", 4));
        given().header("Authorization", u.bearer()).get("/v1/workspaces?page_size=50").then().statusCode(200)
                .body("data.workspaces", hasSize(4));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"page_num=0", "page_num=-1", "page_num=abc", "page_num=1.5", "page_num= 1", "page_size=0",
            "page_size=-20", "page_size=51", "page_size=abc", "page_size=99999999999", "page_num=2147483647&page_size=50"})
    void rejectsBadPagingWithAValidationEnvelope(String query) {
        Users.Registered u = Users.register("cozebad");
        given().header("Authorization", u.bearer()).get("/v1/workspaces?" + query).then().statusCode(400)
                .body("code", equalTo(108400001))
                .body("data", equalTo(null));
    }

    @Test
    void needsAnAuthenticatedCallerWithTheWorkspacesScope() {
        given().get("/v1/workspaces").then().statusCode(401).body("code", equalTo(108401001));
        given().header("Authorization", "Bearer not.a.jwt").get("/v1/workspaces").then().statusCode(401)
                .body("code", equalTo(108401001));

        Users.Registered u = Users.register("cozescope");
        String narrow = exchanged(token(u, Map.of("name", "bots", "scopes", List.of("bots:read"))));
        given().header("Authorization", narrow).get("/v1/workspaces").then().statusCode(403).body("code", equalTo(108403001));
        String scoped = exchanged(token(u, Map.of("name", "ws", "scopes", List.of("workspaces"))));
        given().header("Authorization", scoped).get("/v1/workspaces").then().statusCode(200).body("data.total_count", equalTo(1));
    }

    /** Like the native list: an app API key can only chat, so it does not list workspaces, not even its own. */
    @Test
    void refusesAnAppApiKeyAsTheNativeListDoes() {
        Users.Registered u = Users.register("cozekey");
        String team = createTeam(u, "Widget");
        String key = given().header("Authorization", u.bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", "widget", "bot_id", FakeBots.newBot(team), "workspace_id", team)).post("/api/v1/auth/api-keys")
                .then().statusCode(200).extract().path("data.token");
        String keyJwt = exchanged(key);
        given().header("Authorization", keyJwt).get("/api/v1/workspaces").then().statusCode(403).body("code", equalTo(108403001));
        given().header("Authorization", keyJwt).get("/v1/workspaces").then().statusCode(403).body("code", equalTo(108403001))
                .body("data", equalTo(null));
    }

    private static String createTeam(Users.Registered u, String name) {
        return given().header("Authorization", u.bearer()).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/api/v1/workspaces").then().statusCode(200).extract().path("data.id");
    }

    private static List<String> page(Users.Registered u, String query, int total) {
        return given().header("Authorization", u.bearer()).get("/v1/workspaces" + query).then().statusCode(200)
                .body("code", equalTo(0))
                .body("data.total_count", equalTo(total))
                .extract().jsonPath().getList("data.workspaces.id", String.class);
    }

    private static String token(Users.Registered u, Map<String, Object> request) {
        return given().header("Authorization", u.bearer()).contentType(ContentType.JSON).body(request)
                .post("/api/v1/auth/tokens").then().statusCode(200).extract().path("data.token");
    }

    /** The JWT the gateway would forward for a PAT or API key. */
    private String exchanged(String credential) {
        return "Bearer " + grpc.stub().resolveCredential(ResolveCredentialRequest.newBuilder().setCredential(credential).build())
                .getAccessToken();
    }
}
