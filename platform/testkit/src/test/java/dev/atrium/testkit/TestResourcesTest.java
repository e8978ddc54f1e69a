package dev.atrium.testkit;

import dev.atrium.testkit.server.OpenAiStub;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager.TestInjector;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drives the lifecycle managers the way Quarkus does: init, start, inject. */
class TestResourcesTest {

    static class FakeTest {
        @InjectLlmStub
        OpenAiStub stub;
        @InjectJwtKit
        JwtKit jwt;
        OpenAiStub notAnnotated;
    }

    @Test
    void postgresResourceCreatesTheDatabaseAndSharesOneServer() throws Exception {
        PostgresResource first = new PostgresResource();
        first.init(Map.of("database", "atrium_first"));
        Map<String, String> config = first.start();
        PostgresResource second = new PostgresResource();
        second.init(Map.of("database", "atrium_second"));
        Map<String, String> secondConfig = second.start();

        assertEquals("false", config.get("quarkus.devservices.enabled"));
        String url = config.get("quarkus.datasource.jdbc.url");
        assertTrue(url.endsWith("/atrium_first"), url);
        assertEquals(url.replace("atrium_first", "atrium_second"), secondConfig.get("quarkus.datasource.jdbc.url"));
        try (Connection c = DriverManager.getConnection(url, config.get("quarkus.datasource.username"),
                config.get("quarkus.datasource.password"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select current_database()")) {
            assertTrue(rs.next());
            assertEquals("atrium_first", rs.getString(1));
        }
    }

    @Test
    void postgresResourceInsistsOnADatabaseName() {
        assertThrows(IllegalArgumentException.class, () -> new PostgresResource().init(Map.of()));
    }

    @Test
    void llmStubResourcePublishesBaseUrlAndInjectsTheStub() throws Exception {
        LlmStubResource resource = new LlmStubResource();
        Map<String, String> config = resource.start();
        FakeTest test = new FakeTest();
        resource.inject(injectorFor(test));

        assertSame(SharedServers.llmStub(), test.stub);
        assertNull(test.notAnnotated);
        assertEquals(test.stub.baseUrl(), config.get("quarkus.langchain4j.openai.base-url"));
        assertEquals(test.stub.baseUrl(), config.get("atrium.llm.stub-base-url"));
    }

    @Test
    void jwtResourcePublishesJwksAndInjectsTheKit() throws Exception {
        JwtResource resource = new JwtResource();
        Map<String, String> config = resource.start();
        FakeTest test = new FakeTest();
        resource.inject(injectorFor(test));

        assertSame(SharedServers.jwtKit(), test.jwt);
        assertEquals("atrium", config.get("atrium.jwt.issuer"));
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> jwks = http.send(HttpRequest.newBuilder(URI.create(config.get("atrium.jwt.jwks-url")))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, jwks.statusCode());
            assertTrue(jwks.body().contains(test.jwt.kid()));
        }
    }

    @Test
    void kafkaResourcePublishesBootstrapServersForBothKeys() {
        Map<String, String> config = new KafkaResource().start();

        assertEquals(SharedServers.kafka().bootstrapServers(), config.get("kafka.bootstrap.servers"));
        assertEquals(config.get("kafka.bootstrap.servers"),
                config.get("mp.messaging.connector.smallrye-kafka.bootstrap.servers"));
    }

    /** Mirrors Quarkus' injector: every matching field of the test instance gets the value. */
    private static TestInjector injectorFor(Object testInstance) {
        return (Object value, Predicate<Field> predicate) -> {
            for (Field field : testInstance.getClass().getDeclaredFields()) {
                if (predicate.test(field)) {
                    field.setAccessible(true);
                    try {
                        field.set(testInstance, value);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
    }
}
