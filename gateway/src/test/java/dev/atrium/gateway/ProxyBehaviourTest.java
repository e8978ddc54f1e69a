package dev.atrium.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

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
import io.restassured.RestAssured;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "atrium_gateway"))
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(Upstreams.class)
class ProxyBehaviourTest {

    /** %test sets atrium.gateway.max-body-size=256K. */
    private static final int LIMIT = 256 * 1024;

    @InjectJwtKit
    JwtKit jwt;

    @Test
    void upstreamDownIs503Envelope() {
        given().auth().oauth2(jwt.mint(51, "u"))
                .when().get("/api/v1/workflows")
                .then().statusCode(503)
                .body("code", is(113503001))
                .body("detail.logid", notNullValue());
    }

    @Test
    void silentUpstreamIs504Envelope() {
        given().auth().oauth2(jwt.mint(51, "u"))
                .when().get("/api/v1/bots/hang")
                .then().statusCode(504)
                .body("code", is(113504001));
    }

    @Test
    void bodyWithinTheLimitIsStreamedUpstream() {
        given().auth().oauth2(jwt.mint(51, "u"))
                .contentType("application/octet-stream")
                .body(new byte[LIMIT - 1024])
                .when().post("/api/v1/files")
                .then().statusCode(200)
                .body("service", equalTo("knowledge"))
                .body("body_length", is(LIMIT - 1024));
    }

    @Test
    void declaredLengthOverTheLimitIs413Envelope() throws Exception {
        String token = jwt.mint(51, "u");
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/files HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + (LIMIT + 1) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = readHead(socket.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 413"), head);
            assertTrue(head.contains("113413001"), head);
        }
    }

    @Test
    void chunkedBodyOverTheLimitIs413Envelope() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/api/v1/files"))
                .header("Authorization", "Bearer " + jwt.mint(51, "u"))
                .header("Content-Type", "application/octet-stream")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[LIMIT + 64 * 1024])))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
        assertTrue(response.body().contains("\"code\":113413001"), response.body());
    }

    @Test
    void requestIdIsForwardedAndReturned() {
        given().auth().oauth2(jwt.mint(51, "u"))
                .header("x-tt-logid", "test-logid-123")
                .when().get("/api/v1/bots/1")
                .then().statusCode(200)
                .header("x-tt-logid", "test-logid-123")
                .body("headers.x-tt-logid", equalTo("test-logid-123"));
    }

    @Test
    void requestIdIsMadeWhenAbsentAndMatchesTheEnvelope() {
        var response = given().when().get("/api/v1/bots/1").then().statusCode(401).extract();
        String header = response.header("x-tt-logid");
        assertTrue(header != null && !header.isBlank());
        assertEquals(header, response.path("detail.logid"));
    }

    @Test
    void forwardedHeadersAreSetAndHopByHopHeadersDropped() {
        given().auth().oauth2(jwt.mint(51, "u"))
                .header("Connection", "keep-alive, X-Hop-Secret")
                .header("X-Hop-Secret", "must-not-pass")
                .header("X-Forwarded-Proto", "spoofed")
                .header("X-Custom", "passes")
                .when().get("/api/v1/bots/1")
                .then().statusCode(200)
                .body("headers.x-custom", equalTo("passes"))
                .body("headers.x-hop-secret", nullValue())
                .body("headers.x-forwarded-for", equalTo("127.0.0.1"))
                .body("headers.x-forwarded-proto", equalTo("http"))
                .body("headers.x-forwarded-host", containsString("localhost"));
    }

    @Test
    void proxiedResponsesCarryRateLimitHeaders() {
        given().auth().oauth2(jwt.mint(52, "u"))
                .when().get("/api/v1/bots/1")
                .then().statusCode(200)
                .header("X-RateLimit-Limit", "100000")
                .header("X-RateLimit-Remaining", "99999")
                .header("X-RateLimit-Reset", notNullValue());
    }

    @Test
    void corsPreflightWorksOnProxiedPaths() {
        given().header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options("/api/v1/bots/1")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://app.example.com")
                .header("Access-Control-Allow-Methods", containsString("POST"));
    }

    @Test
    void corsHeadersOnProxiedResponses() {
        given().auth().oauth2(jwt.mint(51, "u"))
                .header("Origin", "https://app.example.com")
                .when().get("/api/v1/bots/1")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://app.example.com");
    }

    @Test
    void patForwardingNeverLeaksThePat() {
        String pat = "pat_ok_leak";
        given().auth().oauth2(pat)
                .when().get("/api/v1/bots/1")
                .then().statusCode(200)
                .body("headers.authorization", equalTo("Bearer " + Upstreams.PAT_JWT))
                .body(org.hamcrest.Matchers.not(containsString(pat)));
    }

    private static String readHead(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        byte[] buffer = new byte[4096];
        int n;
        while ((n = in.read(buffer)) > 0) {
            head.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            if (head.indexOf("}") > 0) {
                break;
            }
        }
        return head.toString();
    }
}
