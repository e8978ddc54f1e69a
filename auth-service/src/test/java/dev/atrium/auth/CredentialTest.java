package dev.atrium.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atrium.core.event.Topics;
import dev.atrium.testkit.EventProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

@QuarkusTest
class CredentialTest {

    @Inject
    DataSource dataSource;

    @Test
    void patIsShownOnceStoredHashedListedWithoutSecretAndRevocable() throws Exception {
        Users.Registered u = Users.register("pat");
        JsonPath created = given().header("Authorization", u.bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", "ci", "expires_in_days", 30, "scopes", List.of("bots:read", "chat")))
                .post("/api/v1/auth/tokens").then().statusCode(200)
                .body("data.token", matchesPattern("pat_[\\w-]{43}"))
                .body("data.scopes", equalTo(List.of("bots:read", "chat")))
                .extract().jsonPath();
        String token = created.getString("data.token");
        String id = created.getString("data.id");

        String listing = given().header("Authorization", u.bearer()).get("/api/v1/auth/tokens")
                .then().statusCode(200).body("data", hasSize(1)).body("data[0].id", equalTo(id))
                .body("data[0].token_hint", equalTo("pat_..." + token.substring(token.length() - 4)))
                .extract().asString();
        assertFalse(listing.contains(token.substring(4)), "a listing must not contain the secret");

        try (var c = dataSource.getConnection(); var ps = c.prepareStatement("select token_hash from credentials where id = ?")) {
            ps.setLong(1, Long.parseLong(id));
            var rs = ps.executeQuery();
            assertTrue(rs.next());
            assertFalse(rs.getString(1).contains(token.substring(4)));
            assertEquals(64, rs.getString(1).length());
        }

        given().header("Authorization", u.bearer()).delete("/api/v1/auth/tokens/" + id).then().statusCode(200);
        given().header("Authorization", u.bearer()).get("/api/v1/auth/tokens").then().body("data", hasSize(0));
        given().header("Authorization", u.bearer()).delete("/api/v1/auth/tokens/" + id).then().statusCode(404).body("code", equalTo(108404002));

        JsonNode event = EventProbe.await(Topics.AUTH, e -> e.path("type").asText().equals("token.revoked")
                && e.path("subject").asText().equals(id), Duration.ofSeconds(15));
        assertEquals("pat", event.path("data").path("credential_type").asText());
        assertEquals("auth", event.path("source").asText());
    }

    @Test
    void anotherUserCannotRevokeMyToken() {
        Users.Registered owner = Users.register("owner");
        Users.Registered other = Users.register("other");
        String id = given().header("Authorization", owner.bearer()).contentType(ContentType.JSON).body(Map.of("name", "mine"))
                .post("/api/v1/auth/tokens").then().statusCode(200).extract().path("data.id");
        given().header("Authorization", other.bearer()).delete("/api/v1/auth/tokens/" + id).then().statusCode(404);
        given().header("Authorization", owner.bearer()).get("/api/v1/auth/tokens").then().body("data", hasSize(1));
    }

    @Test
    void apiKeyIsBoundToABotInAWorkspaceTheCallerBelongsTo() {
        Users.Registered u = Users.register("keys");
        Users.Registered stranger = Users.register("stranger");
        String workspace = given().header("Authorization", u.bearer()).get("/api/v1/workspaces")
                .then().statusCode(200).extract().path("data.items[0].id");
        String bot = FakeBots.newBot(workspace);
        given().header("Authorization", u.bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", "widget", "bot_id", bot, "workspace_id", workspace))
                .post("/api/v1/auth/api-keys").then().statusCode(200)
                .body("data.token", matchesPattern("ak_[\\w-]{43}"))
                .body("data.bot_id", equalTo(bot))
                .body("data.workspace_id", equalTo(workspace));
        given().header("Authorization", stranger.bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", "widget", "bot_id", bot, "workspace_id", workspace))
                .post("/api/v1/auth/api-keys").then().statusCode(404).body("code", equalTo(120404001));
        given().header("Authorization", u.bearer()).get("/api/v1/auth/api-keys")
                .then().statusCode(200).body("data", hasSize(1)).body("data[0].bot_id", equalTo(bot))
                .body("toString()", not(containsString("\"token\"")));
    }

    @Test
    void rejectsInvalidScopesAndExpiry() {
        Users.Registered u = Users.register("scopes");
        given().header("Authorization", u.bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "scopes", List.of("DROP TABLE"))).post("/api/v1/auth/tokens")
                .then().statusCode(400).body("code", equalTo(108400001)).body("msg", containsString("scope"));
        given().header("Authorization", u.bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "expires_in_days", 0)).post("/api/v1/auth/tokens")
                .then().statusCode(400).body("code", equalTo(108400001));
    }
}
