package dev.atrium.auth;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * An app API key is created only for a bot that bot-service, asked with the creator's token, places in the
 * requested workspace; bot-service is {@link FakeBots} here.
 */
@QuarkusTest
class BotCheckTest {

    @Test
    void createsAKeyForABotOfTheWorkspaceAskingBotServiceWithTheCreatorsToken() {
        Users.Registered u = Users.register("botok");
        String workspace = personalWorkspace(u);
        String bot = FakeBots.newBot(workspace);

        createKey(u, bot, workspace).then().statusCode(200)
                .body("data.bot_id", equalTo(bot)).body("data.workspace_id", equalTo(workspace));

        assertEquals(List.of(new FakeBots.Seen(u.bearer())), FakeBots.seen(bot),
                "one GetBot, carrying the creator's own token");
        keys(u).then().body("data", hasSize(1)).body("data[0].bot_id", equalTo(bot));
    }

    @Test
    void refusesAnUnknownBot() {
        Users.Registered u = Users.register("botunknown");
        String workspace = personalWorkspace(u);
        String bot = FakeBots.unknownBot();

        createKey(u, bot, workspace).then().statusCode(404).body("code", equalTo(108404003))
                .body("msg", equalTo("bot not found in this workspace"));
        assertEquals(1, FakeBots.seen(bot).size());
        keys(u).then().body("data", hasSize(0));
    }

    @Test
    void refusesABotOfAnotherWorkspaceOfTheCreator() {
        Users.Registered u = Users.register("botelsewhere");
        String personal = personalWorkspace(u);
        String team = given().header("Authorization", u.bearer()).contentType(ContentType.JSON).body(Map.of("name", "Team"))
                .post("/api/v1/workspaces").then().statusCode(200).extract().path("data.id");
        String personalBot = FakeBots.newBot(personal);

        createKey(u, personalBot, team).then().statusCode(404).body("code", equalTo(108404003));
        keys(u).then().body("data", hasSize(0));
        createKey(u, personalBot, personal).then().statusCode(200);
    }

    @Test
    void doesNotAskBotServiceForAStranger() {
        Users.Registered owner = Users.register("botowner");
        Users.Registered stranger = Users.register("botstranger");
        String workspace = personalWorkspace(owner);
        String bot = FakeBots.newBot(workspace);

        createKey(stranger, bot, workspace).then().statusCode(404).body("code", equalTo(120404001));
        assertEquals(List.of(), FakeBots.seen(bot));
    }

    @Test
    void refusesWithServiceUnavailableWhileBotServiceIsDownAndRecoversWhenItIsBack() throws Exception {
        Users.Registered u = Users.register("botdown");
        String workspace = personalWorkspace(u);
        String bot = FakeBots.newBot(workspace);

        FakeBots.down();
        try {
            createKey(u, bot, workspace).then().statusCode(503).body("code", equalTo(108503002))
                    .body("msg", containsString("bot-service is unreachable"));
            keys(u).then().statusCode(200).body("data", hasSize(0));
        } finally {
            FakeBots.up();
        }

        // the channel reconnects on its own once bot-service listens again
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> createKey(u, bot, workspace).then().statusCode(200));
        keys(u).then().body("data", hasSize(1));
    }

    @Test
    void refusesWithServiceUnavailableWhenBotServiceAnswersAfterTheDeadline() {
        Users.Registered u = Users.register("botslow");
        String workspace = personalWorkspace(u);
        Duration lateBy = Duration.ofSeconds(8);
        String bot = FakeBots.newSlowBot(workspace, lateBy);

        long started = System.nanoTime();
        createKey(u, bot, workspace).then().statusCode(503).body("code", equalTo(108503002))
                .body("msg", containsString("did not answer within 2000 ms"));
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertTrue(waited.compareTo(lateBy) < 0, "the deadline, not the fake's answer, ended the wait: " + waited);
        assertEquals(1, FakeBots.seen(bot).size());
        keys(u).then().body("data", hasSize(0));
    }

    @Test
    void passesOnAnyOtherBotServiceErrorWithItsCode() {
        Users.Registered u = Users.register("botbroken");
        String workspace = personalWorkspace(u);
        String bot = FakeBots.newFailingBot(Status.INVALID_ARGUMENT.withDescription("no LLM model is configured"), "100400004");

        createKey(u, bot, workspace).then().statusCode(400).body("code", equalTo(100400004))
                .body("msg", equalTo("no LLM model is configured"));
        keys(u).then().body("data", hasSize(0));
    }

    private static String personalWorkspace(Users.Registered u) {
        return given().header("Authorization", u.bearer()).get("/api/v1/workspaces")
                .then().statusCode(200).extract().path("data.items[0].id");
    }

    private static Response createKey(Users.Registered u, String botId, String workspaceId) {
        return given().header("Authorization", u.bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", "widget", "bot_id", botId, "workspace_id", workspaceId))
                .post("/api/v1/auth/api-keys");
    }

    private static Response keys(Users.Registered u) {
        return given().header("Authorization", u.bearer()).get("/api/v1/auth/api-keys");
    }
}
