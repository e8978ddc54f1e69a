package dev.atrium.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaunchConfigTest {

    @TempDir
    Path root;

    @Test
    void findsTheRootByWalkingUp() throws Exception {
        Files.writeString(root.resolve("atrium"), "");
        Files.writeString(root.resolve("pom.xml"), "");
        Path deep = Files.createDirectories(root.resolve("e2e/target/classes"));
        Files.writeString(root.resolve("e2e/pom.xml"), "");
        assertEquals(Optional.of(root.toRealPath()), LaunchConfig.findRoot(deep).map(p -> {
            try {
                return p.toRealPath();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
    }

    @Test
    void defaults() {
        LaunchConfig config = LaunchConfig.builder().root(root).java(Path.of("/bin/true")).build();
        assertEquals(root.resolve(".atrium"), config.dataDir());
        assertEquals(8080, config.portOf(Service.GATEWAY));
        assertEquals(8081, config.portOf(Service.AUTH));
        assertEquals(8086, config.portOf(Service.WORKFLOW));
        assertEquals(15432, config.pgPort());
        assertEquals(19092, config.kafkaPort());
        assertTrue(config.embeddedPostgres());
        assertTrue(config.embeddedKafka());
        assertEquals(Duration.ofSeconds(180), config.readyTimeout());
        assertTrue(config.javaOpts().contains("-Xmx256m"));
        assertEquals(root.resolve("auth-service/target/quarkus-app/quarkus-run.jar"), config.jarOf(Service.AUTH));
        assertEquals(root.resolve(".atrium/logs/gateway.log"), config.logFile(Service.GATEWAY));
    }

    @Test
    void readsTheEnvironment() {
        LaunchConfig config = LaunchConfig.fromEnvironment(Map.ofEntries(
                Map.entry("ATRIUM_DATA_DIR", root.resolve("d").toString()),
                Map.entry("ATRIUM_BASE_PORT", "9000"),
                Map.entry("ATRIUM_DATABASE_URL", "jdbc:postgresql://db:5432/"),
                Map.entry("ATRIUM_DATABASE_USER", "atrium"),
                Map.entry("ATRIUM_DATABASE_PASSWORD", "secret"),
                Map.entry("ATRIUM_KAFKA_BOOTSTRAP", "kafka:9092"),
                Map.entry("ATRIUM_ADMIN_PASSWORD", "Adm1n-Passw0rd!"),
                Map.entry("ATRIUM_SECRETS_KEY", "c2VjcmV0cy1rZXktb2YtdGhpcnR5LXR3by1ieXRlcyE="),
                Map.entry("ATRIUM_JAVA_OPTS", " -Xmx128m  -XX:+UseSerialGC "),
                Map.entry("ATRIUM_JAVA_OPTS_KNOWLEDGE", "-Xmx512m"),
                Map.entry("OPENAI_API_KEY", "sk-test"),
                Map.entry("OPENAI_BASE_URL", "http://localhost:1234/v1"), Map.entry("OPENAI_MODEL", "gpt-test")))
                .root(root).java(Path.of("/bin/true")).build();
        assertEquals(root.resolve("d"), config.dataDir());
        assertEquals(9004, config.portOf(Service.KNOWLEDGE));
        assertEquals(Optional.of("jdbc:postgresql://db:5432/"), config.databaseUrl());
        assertEquals("atrium", config.databaseUser());
        assertEquals(Optional.of("kafka:9092"), config.kafkaBootstrap());
        assertEquals(Optional.of("Adm1n-Passw0rd!"), config.adminPassword());
        assertEquals(Optional.of("c2VjcmV0cy1rZXktb2YtdGhpcnR5LXR3by1ieXRlcyE="), config.secretsKey());
        assertEquals(List.of("-Xmx128m", "-XX:+UseSerialGC"), config.javaOptsOf(Service.GATEWAY));
        assertEquals(List.of("-Xmx128m", "-XX:+UseSerialGC", "-Xmx512m"), config.javaOptsOf(Service.KNOWLEDGE));
        assertEquals(Map.of("OPENAI_API_KEY", "sk-test", "OPENAI_BASE_URL", "http://localhost:1234/v1", "OPENAI_MODEL", "gpt-test"),
                config.serviceEnv().get(Service.BOT));
        assertTrue(config.toString().contains("databasePassword=***"), config.toString());
        for (String secret : List.of("Adm1n-Passw0rd!", "c2VjcmV0cy1rZXktb2YtdGhpcnR5LXR3by1ieXRlcyE=", "sk-test")) {
            assertFalse(config.toString().contains(secret), "toString shows " + secret);
        }
    }

    @Test
    void rejectsABadPort() {
        assertThrows(IllegalArgumentException.class, () -> LaunchConfig.fromEnvironment(Map.of("ATRIUM_BASE_PORT", "http")));
    }

    @Test
    void appendsTheDatabaseToTheServerUrl() {
        assertEquals("jdbc:postgresql://db:5432/atrium_bot", Launcher.jdbcUrl("jdbc:postgresql://db:5432/", "atrium_bot"));
        assertEquals("jdbc:postgresql://db:5432/atrium_bot", Launcher.jdbcUrl("jdbc:postgresql://db:5432", "atrium_bot"));
        assertEquals("jdbc:postgresql://db:5432/atrium_bot", Launcher.jdbcUrl("jdbc:postgresql://db:5432/postgres", "atrium_bot"));
        assertEquals("jdbc:postgresql://db/atrium_bot?sslmode=require",
                Launcher.jdbcUrl("jdbc:postgresql://db/?sslmode=require", "atrium_bot"));
    }

    @Test
    void findsServicesByEitherName() {
        assertEquals(Optional.of(Service.AUTH), Service.find("auth-service"));
        assertEquals(Optional.of(Service.AUTH), Service.find("auth"));
        assertEquals(Optional.of(Service.GATEWAY), Service.find("GATEWAY"));
        assertEquals(Optional.empty(), Service.find("nope"));
    }
}
