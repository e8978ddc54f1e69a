package dev.atrium.bot;

import static dev.atrium.bot.BotFlowTest.post;
import static dev.atrium.bot.BotFlowTest.put;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.atrium.bot.support.Accounts;
import dev.atrium.bot.support.Accounts.Account;
import dev.atrium.testkit.InjectJwtKit;
import dev.atrium.testkit.InjectLlmStub;
import dev.atrium.testkit.JwtKit;
import dev.atrium.testkit.server.OpenAiStub;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ProviderTest {

    static final String KEY = "sk-live-0123456789abcdefSECRET";

    @InjectJwtKit
    JwtKit jwt;

    @InjectLlmStub
    OpenAiStub llm;

    Account alice;

    @BeforeEach
    void setUp() {
        alice = Accounts.create(jwt, "alice");
        llm.reset();
    }

    String create(Account who, String name) {
        return post(who, "/api/v1/providers", Map.of("name", name, "type", "openai_compatible", "base_url", llm.baseUrl(),
                "api_key", KEY, "models", List.of("stub-a", "stub-b"), "default_params", Map.of("temperature", 0.5)))
                .statusCode(200).extract().path("data.id");
    }

    @Test
    void keysAreStoredSealedAndOnlyEverShownMasked() {
        String body = post(alice, "/api/v1/providers", Map.of("name", "mine", "type", "openai_compatible", "base_url", llm.baseUrl(),
                "api_key", KEY, "models", List.of("stub-a"))).statusCode(200)
                .body("data.api_key", equalTo("sk-...CRET")).body("data.has_api_key", equalTo(true))
                .body("data.is_default", equalTo(true)).extract().asString();
        assertFalse(body.contains(KEY));
        String id = io.restassured.path.json.JsonPath.from(body).getString("data.id");
        for (String read : List.of(
                given().header("Authorization", alice.bearer()).get("/api/v1/providers").asString(),
                given().header("Authorization", alice.bearer()).get("/api/v1/providers/" + id).asString(),
                put(alice, "/api/v1/providers/" + id, Map.of("name", "renamed")).extract().asString())) {
            assertFalse(read.contains(KEY), read);
            assertFalse(read.contains("v1:"), "ciphertext must not leave the service either: " + read);
        }
    }

    @Test
    void listsThePlatformProviderBesideTheWorkspaceOnes() {
        String id = create(alice, "listed");
        given().header("Authorization", alice.bearer()).get("/api/v1/providers").then().statusCode(200)
                .body("data.id", hasItem("platform")).body("data.id", hasItem(id))
                .body("data.find { it.id == 'platform' }.built_in", equalTo(true))
                .body("data.find { it.id == 'platform' }.api_key", equalTo("sk-...6789"));
        put(alice, "/api/v1/providers/platform", Map.of("name", "mine now")).statusCode(409).body("code", equalTo(100409004));
    }

    @Test
    void testCallsTheProviderWithItsKeyAndReportsLatency() {
        String id = create(alice, "tested");
        llm.requireApiKey(KEY);
        post(alice, "/api/v1/providers/" + id + "/test", Map.of("model", "stub-b")).statusCode(200)
                .body("data.ok", equalTo(true)).body("data.model", equalTo("stub-b"))
                .body("data.latency_ms", greaterThanOrEqualTo(0)).body("data.http_status", equalTo(200));
        assertEquals("stub-b", llm.lastRequest().path("model").asText());

        put(alice, "/api/v1/providers/" + id, Map.of("api_key", "sk-wrong-key-9999999999")).statusCode(200)
                .body("data.api_key", equalTo("sk-...9999"));
        post(alice, "/api/v1/providers/" + id + "/test", null).statusCode(200)
                .body("data.ok", equalTo(false)).body("data.http_status", equalTo(401))
                .body("data.error", notNullValue()).body("data.error", not(org.hamcrest.Matchers.containsString("sk-wrong-key-9999999999")));
    }

    @Test
    void anUnreachableProviderIsAClearFailedTest() {
        String id = post(alice, "/api/v1/providers", Map.of("name", "down", "type", "vllm", "base_url", "http://127.0.0.1:1/v1",
                "default_model", "x")).statusCode(200).extract().path("data.id");
        post(alice, "/api/v1/providers/" + id + "/test", null).statusCode(200)
                .body("data.ok", equalTo(false)).body("data.error", org.hamcrest.Matchers.startsWith("could not reach"));
    }

    @Test
    void aHostThatDoesNotResolveIsAFailedTestNotABadRequest() {
        String id = post(alice, "/api/v1/providers", Map.of("name", "nowhere", "type", "vllm", "base_url", "http://no-such-host.invalid/v1",
                "default_model", "x")).statusCode(200).extract().path("data.id");
        post(alice, "/api/v1/providers/" + id + "/test", null).statusCode(200)
                .body("data.ok", equalTo(false)).body("data.error", org.hamcrest.Matchers.containsString("no-such-host.invalid"));
    }

    @Test
    void validatesInput() {
        post(alice, "/api/v1/providers", Map.of("name", "x", "type", "martian")).statusCode(400).body("code", equalTo(100400005));
        post(alice, "/api/v1/providers", Map.of("name", "x", "type", "vllm")).statusCode(400).body("msg", org.hamcrest.Matchers.containsString("base_url"));
        post(alice, "/api/v1/providers", Map.of("name", "")).statusCode(400);
        post(alice, "/api/v1/providers", Map.of("name", "x", "base_url", "ftp://example.com")).statusCode(400).body("code", equalTo(100400005));
        post(alice, "/api/v1/providers", Map.of("name", "x", "default_params", Map.of("temperature", 5))).statusCode(400);
        create(alice, "dup");
        post(alice, "/api/v1/providers", Map.of("name", "DUP", "base_url", llm.baseUrl())).statusCode(409).body("code", equalTo(100409002));
    }

    @Test
    void aProviderInUseCannotBeDeleted() {
        String id = create(alice, "busy");
        String bot = post(alice, "/api/v1/bots", Map.of("name", "user of busy", "fallback", List.of(Map.of("provider_id", id))))
                .statusCode(200).extract().path("data.id");
        given().header("Authorization", alice.bearer()).delete("/api/v1/providers/" + id).then().statusCode(409).body("code", equalTo(100409003));
        put(alice, "/api/v1/bots/" + bot, Map.of("fallback", List.of())).statusCode(200);
        given().header("Authorization", alice.bearer()).delete("/api/v1/providers/" + id).then().statusCode(200);
        given().header("Authorization", alice.bearer()).get("/api/v1/providers/" + id).then().statusCode(404);
    }

    @Test
    void membersUseButOnlyOwnersAndAdminsManage() {
        long team = Accounts.teamWorkspace(alice);
        String id = post(alice, "/api/v1/providers", Map.of("workspace_id", Long.toString(team), "name", "team llm",
                "base_url", llm.baseUrl(), "api_key", KEY)).statusCode(200).extract().path("data.id");
        Account bob = Accounts.create(jwt, "bob");
        Accounts.join(bob, team, "member");
        given().header("Authorization", bob.bearer()).get("/api/v1/providers/" + id).then().statusCode(200);
        put(bob, "/api/v1/providers/" + id, Map.of("name", "bob's")).statusCode(403).body("code", equalTo(100403002));
        post(bob, "/api/v1/bots", Map.of("workspace_id", Long.toString(team), "name", "team bot",
                "model", Map.of("provider_id", id))).statusCode(200);
    }

    @Test
    void aMaskedKeySentBackKeepsTheStoredKey() {
        String id = create(alice, "roundtrip");
        String hint = given().header("Authorization", alice.bearer()).get("/api/v1/providers/" + id).then().extract().path("data.api_key");
        put(alice, "/api/v1/providers/" + id, Map.of("api_key", hint, "name", "roundtrip2")).statusCode(200);
        llm.requireApiKey(KEY);
        post(alice, "/api/v1/providers/" + id + "/test", null).statusCode(200).body("data.ok", equalTo(true));
    }

    @Test
    void onlyOwnersAndAdminsAddKeysThroughBotRequestsAndSuchProvidersNeverBecomeTheDefault() {
        long team = Accounts.teamWorkspace(alice);
        Account bob = Accounts.create(jwt, "bob");
        Accounts.join(bob, team, "member");
        post(bob, "/api/v1/bots", Map.of("workspace_id", Long.toString(team), "name", "redirect", "llm_config",
                Map.of("provider", "evil", "api_key", "sk-attacker-000000000000", "base_url", "https://attacker.example/v1")))
                .statusCode(403).body("code", equalTo(100403002));
        given().header("Authorization", alice.bearer()).queryParam("workspace_id", Long.toString(team)).get("/api/v1/providers")
                .then().body("data.name", org.hamcrest.Matchers.not(hasItem(org.hamcrest.Matchers.startsWith("evil"))));
        String bot = post(alice, "/api/v1/bots", Map.of("workspace_id", Long.toString(team), "name", "inline", "llm_config",
                Map.of("provider", "openai", "api_key", "sk-owner-inline-0000000000"))).statusCode(200).extract().path("data.model.provider_id");
        given().header("Authorization", alice.bearer()).get("/api/v1/providers/" + bot).then().statusCode(200)
                .body("data.is_default", equalTo(false));
    }

    @Test
    void seedStyleInlineKeysBecomeAWorkspaceProvider() {
        String bot = post(alice, "/api/v1/bots", Map.of("name", "inline", "llm_config",
                Map.of("provider", "deepseek", "model", "deepseek-chat", "api_key", "sk-inline-abcdefgh12345678")))
                .statusCode(200).body("data.model.model", equalTo("deepseek-chat")).extract().asString();
        assertFalse(bot.contains("sk-inline-abcdefgh12345678"));
        String providerId = io.restassured.path.json.JsonPath.from(bot).getString("data.model.provider_id");
        given().header("Authorization", alice.bearer()).get("/api/v1/providers/" + providerId).then().statusCode(200)
                .body("data.type", equalTo("deepseek")).body("data.api_key", equalTo("sk-...5678"));
    }
}
