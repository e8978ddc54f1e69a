package dev.atrium.e2e;

import dev.atrium.launcher.RunningSuite;
import dev.atrium.launcher.Service;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Order(1)
@ExtendWith(AtriumSuite.class)
class HealthE2ETest {

    @ParameterizedTest
    @EnumSource(Service.class)
    void everyServiceIsReadyOnItsOwnPort(Service service) throws Exception {
        RunningSuite suite = AtriumSuite.suite().orElse(null);
        Assumptions.assumeTrue(suite != null, "only when this JVM started the suite");
        int port = suite.portOf(service);
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), () -> service.module() + ": " + response.body());
    }

    @Test
    void gatewayAnswersReadinessThroughItsOwnPort() {
        Gateway.Reply reply = AtriumSuite.gateway().get("/q/health/ready", null);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("UP", reply.json().path("status").asText(), reply::toString);
    }
}
