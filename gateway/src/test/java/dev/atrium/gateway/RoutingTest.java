package dev.atrium.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import dev.atrium.gateway.support.Upstreams;
import dev.atrium.testkit.InjectJwtKit;
import dev.atrium.testkit.JwtKit;
import dev.atrium.testkit.JwtResource;
import dev.atrium.testkit.KafkaResource;
import dev.atrium.testkit.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "atrium_gateway"))
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(Upstreams.class)
class RoutingTest {

    @InjectJwtKit
    JwtKit jwt;

    private void routesTo(String path, String service) {
        given().auth().oauth2(jwt.mint(11, "router"))
                .when().get(path)
                .then().statusCode(200)
                .body("service", equalTo(service))
                .body("uri", equalTo(path));
    }

    @Test
    void routesNativePathsToTheOwningService() {
        routesTo("/api/v1/bots/42", "bot");
        routesTo("/api/v1/providers", "bot");
        routesTo("/api/v1/conversations/1/messages?limit=5", "conversation");
        routesTo("/api/v1/chat-rooms", "conversation");
        routesTo("/api/v1/datasets/3/documents", "knowledge");
        routesTo("/api/v1/mcp/servers", "plugin");
        routesTo("/api/v1/workspaces/9/members", "auth");
    }

    @Test
    void routesCozePathsAtTheRoot() {
        routesTo("/v3/chat", "conversation");
        routesTo("/v1/conversation/create", "conversation");
        routesTo("/v1/conversations/1/messages", "conversation");
        routesTo("/v1/bot/get_online_info?bot_id=1", "bot");
        routesTo("/v1/space/published_bots_list", "bot");
        routesTo("/open_api/knowledge/document/create", "knowledge");
        routesTo("/v1/files/upload", "knowledge");
        routesTo("/v1/workspaces", "auth");
    }

    @Test
    void longestPrefixWins() {
        routesTo("/api/v1/bots/shared/7", "conversation");
        routesTo("/api/v1/bots/shared", "conversation");
        routesTo("/api/v1/bots/sharedx", "bot");
    }

    @Test
    void unknownPathIs404Envelope() {
        given().auth().oauth2(jwt.mint(11, "router"))
                .when().get("/api/v2/nothing")
                .then().statusCode(404)
                .body("code", is(113404001))
                .body("msg", notNullValue())
                .body("detail.logid", notNullValue());
    }

    @Test
    void prefixesMatchWholeSegments() {
        given().auth().oauth2(jwt.mint(11, "router"))
                .when().get("/api/v1/botsandmore")
                .then().statusCode(404)
                .body("code", is(113404001));
    }

    @Test
    void normalisesDotSegmentsBeforeRouting() {
        given().auth().oauth2(jwt.mint(11, "router"))
                .urlEncodingEnabled(false)
                .when().get("/api/v1/chat/../bots/5")
                .then().statusCode(200)
                .body("service", equalTo("bot"))
                .body("uri", equalTo("/api/v1/bots/5"));
    }

    @Test
    void gatewayOwnEndpointsStillAnswer() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200);
        given().when().get("/q/openapi?format=json").then().statusCode(200).body("openapi", startsWith("3."));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void upstreamCorsHeadersAreReplacedByTheGatewayOnes() {
        given().auth().oauth2(jwt.mint(11, "router"))
                .when().get("/api/v1/bots/1")
                .then().statusCode(200)
                .header("X-Upstream", "bot")
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
