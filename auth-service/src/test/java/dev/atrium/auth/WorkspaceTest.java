package dev.atrium.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.atrium.core.event.Topics;
import dev.atrium.testkit.EventProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class WorkspaceTest {

    @Test
    void registrationCreatesAPersonalWorkspaceOwnedByTheUser() {
        Users.Registered u = Users.register("ws");
        given().header("Authorization", u.bearer()).get("/api/v1/workspaces").then().statusCode(200)
                .body("data.total", equalTo(1))
                .body("data.has_more", equalTo(false))
                .body("data.items[0].workspace_type", equalTo("personal"))
                .body("data.items[0].role", equalTo("owner"))
                .body("data.items[0].owner_id", equalTo(u.id()));
        EventProbe.await(Topics.AUTH, e -> e.path("type").asText().equals("user.registered")
                && e.path("subject").asText().equals(u.id()), Duration.ofSeconds(15));
    }

    @Test
    void teamWorkspaceMembersAndRolesAreEnforcedAndStrangersSee404() {
        Users.Registered owner = Users.register("own");
        Users.Registered member = Users.register("mem");
        Users.Registered stranger = Users.register("str");
        String ws = given().header("Authorization", owner.bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", "Team A", "description", "bots for A")).post("/api/v1/workspaces")
                .then().statusCode(200).body("data.workspace_type", equalTo("team")).extract().path("data.id");

        given().header("Authorization", stranger.bearer()).get("/api/v1/workspaces/" + ws).then().statusCode(404)
                .body("code", equalTo(120404001));
        given().header("Authorization", stranger.bearer()).get("/api/v1/workspaces/" + ws + "/members").then().statusCode(404);
        given().header("Authorization", stranger.bearer()).contentType(ContentType.JSON).body(Map.of("name", "hijack"))
                .put("/api/v1/workspaces/" + ws).then().statusCode(404);

        given().header("Authorization", owner.bearer()).contentType(ContentType.JSON)
                .body(Map.of("username", member.username(), "role", "member")).post("/api/v1/workspaces/" + ws + "/members")
                .then().statusCode(200).body("data.user_id", equalTo(member.id())).body("data.role", equalTo("member"));
        given().header("Authorization", owner.bearer()).contentType(ContentType.JSON)
                .body(Map.of("user_id", member.id())).post("/api/v1/workspaces/" + ws + "/members")
                .then().statusCode(409).body("code", equalTo(120409001));

        given().header("Authorization", member.bearer()).get("/api/v1/workspaces/" + ws).then().statusCode(200)
                .body("data.role", equalTo("member"));
        given().header("Authorization", member.bearer()).contentType(ContentType.JSON)
                .body(Map.of("user_id", stranger.id())).post("/api/v1/workspaces/" + ws + "/members")
                .then().statusCode(403).body("code", equalTo(120403001));
        given().header("Authorization", member.bearer()).delete("/api/v1/workspaces/" + ws + "/members/" + owner.id())
                .then().statusCode(409).body("code", equalTo(120409002));
        given().header("Authorization", member.bearer()).delete("/api/v1/workspaces/" + ws).then().statusCode(403);

        given().header("Authorization", owner.bearer()).contentType(ContentType.JSON).body(Map.of("role", "admin"))
                .put("/api/v1/workspaces/" + ws + "/members/" + member.id()).then().statusCode(200).body("data.role", equalTo("admin"));
        given().header("Authorization", owner.bearer()).get("/api/v1/workspaces/" + ws + "/members").then().statusCode(200)
                .body("data.total", equalTo(2)).body("data.items.user_id", hasItem(member.id()));

        given().header("Authorization", owner.bearer()).delete("/api/v1/workspaces/" + ws + "/members/" + member.id())
                .then().statusCode(200);
        given().header("Authorization", member.bearer()).get("/api/v1/workspaces/" + ws).then().statusCode(404);
        given().header("Authorization", member.bearer()).get("/api/v1/workspaces").then()
                .body("data.items.id", not(hasItem(ws)));

        given().header("Authorization", owner.bearer()).delete("/api/v1/workspaces/" + ws).then().statusCode(200);
        given().header("Authorization", owner.bearer()).get("/api/v1/workspaces/" + ws).then().statusCode(404);
    }

    @Test
    void personalWorkspaceCannotBeDeletedOrShared() {
        Users.Registered u = Users.register("solo");
        Users.Registered friend = Users.register("friend");
        String personal = given().header("Authorization", u.bearer()).get("/api/v1/workspaces").then()
                .extract().path("data.items[0].id");
        given().header("Authorization", u.bearer()).delete("/api/v1/workspaces/" + personal).then().statusCode(409)
                .body("code", equalTo(120409003));
        given().header("Authorization", u.bearer()).contentType(ContentType.JSON).body(Map.of("user_id", friend.id()))
                .post("/api/v1/workspaces/" + personal + "/members").then().statusCode(409);
    }

    @Test
    void pagingIsValidated() {
        Users.Registered u = Users.register("pager");
        given().header("Authorization", u.bearer()).get("/api/v1/workspaces?limit=0").then().statusCode(400).body("code", equalTo(108400001));
        given().header("Authorization", u.bearer()).get("/api/v1/workspaces?limit=abc").then().statusCode(404);
        given().header("Authorization", u.bearer()).get("/api/v1/workspaces?offset=-1").then().statusCode(400);
    }
}
