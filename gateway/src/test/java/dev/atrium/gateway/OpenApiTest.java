package dev.atrium.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import dev.atrium.gateway.support.Upstreams;
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
class OpenApiTest {

    @Test
    void servesEachServiceDocumentWithoutAToken() {
        given().when().get("/openapi/bot")
                .then().statusCode(200)
                .body("info.title", equalTo("bot"))
                .body("paths", hasKey("/api/v1/bot/things"));
    }

    @Test
    void unknownServiceIs404() {
        given().when().get("/openapi/nope").then().statusCode(404).body("code", is(113404001));
    }

    @Test
    void serviceDownIs503() {
        given().when().get("/openapi/workflow").then().statusCode(503).body("code", is(113503001));
    }

    @Test
    void mergesPathsAndSchemasOfAllServices() {
        given().when().get("/openapi/all")
                .then().statusCode(200)
                .body("openapi", equalTo("3.1.0"))
                .body("paths", hasKey("/api/v1/auth/things"))
                .body("paths", hasKey("/api/v1/bot/things"))
                .body("paths", hasKey("/api/v1/plugin/things"))
                .body("components.schemas", hasKey("Thing"))
                .body("components.schemas", hasKey("BotThing"))
                .body("components.schemas.BotThing.properties", hasKey("bot_field"))
                .body("components.schemas.Thing.properties", not(hasKey("bot_field")))
                .body("paths.'/api/v1/bot/things'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/BotThing"))
                .body("'x-atrium-unavailable'", contains("workflow"));
    }

    @Test
    void swaggerUiListsEveryService() {
        given().when().get("/q/swagger-ui/index.html")
                .then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("/openapi/all"))
                .body(org.hamcrest.Matchers.containsString("/openapi/conversation"));
    }
}
