package dev.atrium.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What every Atrium process promises before any domain feature: readiness that checks its database
 * and Kafka, liveness, OpenAPI, Prometheus metrics, request ids, and envelopes in its own error range.
 * A service's test extends this and is annotated {@code @QuarkusTest}.
 */
public abstract class PlatformEndpointsContract {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The service's 3-digit error range. */
    protected abstract int errorRange();

    @Test
    void readinessChecksTheDatabaseAndKafka() throws Exception {
        HttpResponse<String> ready = get("/q/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        JsonNode body = JSON.readTree(ready.body());
        assertEquals("UP", body.path("status").asText());
        String checks = body.path("checks").toString();
        assertTrue(checks.contains("Database connections health check"), "no database check in " + checks);
        assertTrue(checks.contains("Kafka connection health check"), "no Kafka check in " + checks);
        assertEquals(200, get("/q/health/live").statusCode());
    }

    @Test
    void publishesOpenApiAndPrometheusMetrics() throws Exception {
        HttpResponse<String> openapi = get("/q/openapi?format=json");
        assertEquals(200, openapi.statusCode());
        assertTrue(JSON.readTree(openapi.body()).has("openapi"));
        HttpResponse<String> metrics = get("/q/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("# TYPE jvm_memory_used_bytes gauge"), "not Prometheus text");
    }

    @Test
    void unknownPathsAnswerA404EnvelopeInTheServiceRangeWithTheRequestId() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/does-not-exist")).header("x-tt-logid", "test-logid-42").GET().build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(404, response.statusCode());
        assertEquals("test-logid-42", response.headers().firstValue("x-tt-logid").orElse(null));
        JsonNode body = JSON.readTree(response.body());
        assertEquals(errorRange() * 1_000_000 + 404_001, body.path("code").asInt(), response.body());
        assertNotNull(body.path("msg").textValue());
        assertEquals("test-logid-42", body.path("detail").path("logid").asText());
    }

    protected static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    protected static URI uri(String path) {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        return URI.create("http://localhost:" + port + path);
    }
}
