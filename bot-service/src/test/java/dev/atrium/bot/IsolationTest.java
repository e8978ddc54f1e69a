package dev.atrium.bot;

import static dev.atrium.bot.BotFlowTest.createBot;
import static dev.atrium.bot.BotFlowTest.post;
import static dev.atrium.bot.BotFlowTest.put;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.atrium.bot.support.Accounts;
import dev.atrium.bot.support.Accounts.Account;
import dev.atrium.testkit.InjectJwtKit;
import dev.atrium.testkit.JwtKit;
import io.quarkus.test.junit.QuarkusTest;

/** Every bot and provider of a workspace is invisible to users of other workspaces: always 404, never 403. */
@QuarkusTest
class IsolationTest {

    @InjectJwtKit
    JwtKit jwt;

    @Test
    void anotherWorkspaceSeesNoBot() {
        Account alice = Accounts.create(jwt, "alice");
        Account mallory = Accounts.create(jwt, "mallory");
        String bot = createBot(alice, "private");
        post(alice, "/api/v1/bots/" + bot + "/publish", null).statusCode(200);
        String path = "/api/v1/bots/" + bot;
        for (String sub : List.of("", "/versions", "/versions/1", "/status", "/config")) {
            given().header("Authorization", mallory.bearer()).get(path + sub).then().statusCode(404).body("code", equalTo(100404002));
        }
        put(mallory, path, Map.of("name", "mine")).statusCode(404).body("code", equalTo(100404002));
        for (String sub : List.of("/publish", "/start", "/stop")) {
            post(mallory, path + sub, null).statusCode(404).body("code", equalTo(100404002));
        }
        given().header("Authorization", mallory.bearer()).delete(path).then().statusCode(404);
        given().header("Authorization", mallory.bearer()).get("/api/v1/bots").then().statusCode(200)
                .body("data.items.id", not(hasItem(bot)));
        given().header("Authorization", mallory.bearer()).queryParam("workspace_id", alice.workspace()).get("/api/v1/bots")
                .then().statusCode(404).body("code", equalTo(100404006));
        post(mallory, "/api/v1/bots", Map.of("name", "squatter", "workspace_id", alice.workspace())).statusCode(404);
        given().header("Authorization", alice.bearer()).get(path).then().statusCode(200).body("data.name", equalTo("private"));
    }

    @Test
    void anotherWorkspaceSeesNoProviderAndCannotBorrowOne() {
        Account alice = Accounts.create(jwt, "alice");
        Account mallory = Accounts.create(jwt, "mallory");
        String provider = post(alice, "/api/v1/providers", Map.of("name", "alice llm", "base_url", "http://127.0.0.1:9/v1",
                "api_key", "sk-alice-only-secret-0000")).statusCode(200).extract().path("data.id");
        String path = "/api/v1/providers/" + provider;
        given().header("Authorization", mallory.bearer()).get(path).then().statusCode(404).body("code", equalTo(100404005));
        put(mallory, path, Map.of("name", "x")).statusCode(404);
        post(mallory, path + "/test", null).statusCode(404);
        given().header("Authorization", mallory.bearer()).delete(path).then().statusCode(404);
        post(mallory, "/api/v1/bots", Map.of("name", "borrower", "model", Map.of("provider_id", provider)))
                .statusCode(404).body("code", equalTo(100404005));
        given().header("Authorization", mallory.bearer()).get("/api/v1/providers").then().statusCode(200)
                .body("data.id", not(hasItem(provider)));
    }

    @Test
    void aRemovedMemberLosesAccessOnceTheMembershipCacheExpires() throws Exception {
        Account alice = Accounts.create(jwt, "alice");
        Account bob = Accounts.create(jwt, "bob");
        long team = Accounts.teamWorkspace(alice);
        Accounts.join(bob, team, "member");
        String bot = post(alice, "/api/v1/bots", Map.of("name", "team", "workspace_id", Long.toString(team)))
                .statusCode(200).extract().path("data.id");
        given().header("Authorization", bob.bearer()).get("/api/v1/bots/" + bot).then().statusCode(200);
        dev.atrium.bot.support.FakeAuth.revokeAll(bob.userId());
        dev.atrium.bot.support.FakeAuth.grant(bob.userId(), bob.workspaceId(), "owner", "personal");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                given().header("Authorization", bob.bearer()).get("/api/v1/bots/" + bot).then().statusCode(404));
    }
}
