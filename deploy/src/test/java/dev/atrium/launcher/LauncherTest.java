package dev.atrium.launcher;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher against a fake repository whose seven {@code quarkus-run.jar}s start {@link FakeService},
 * with the real embedded PostgreSQL and Kafka from the testkit.
 */
class LauncherTest {

    @TempDir
    static Path root;

    @BeforeAll
    static void fakeRepository() throws Exception {
        Files.writeString(root.resolve("atrium"), "#!/bin/sh\n");
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        Path classes = Path.of(FakeService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        for (Service service : Service.values()) {
            Path jar = root.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
            Files.createDirectories(jar.getParent());
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classes.toUri().toString());
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
                // A manifest-only jar: the classes come from the test output directory.
            }
        }
    }

    private static LaunchConfig.Builder config(Path dataDir) {
        return LaunchConfig.builder()
                .root(root)
                .dataDir(dataDir)
                .basePort(freeBasePort())
                .pgPort(0)
                .kafkaPort(0)
                .javaOpts(List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    }

    @Test
    void startsEverythingWiresTheEnvironmentAndStopsItAgain(@TempDir Path dataDir) throws Exception {
        RunningSuite suite = new Launcher(config(dataDir)
                .extraEnv("ATRIUM_E2E_MARKER", "everyone")
                .serviceEnv(Service.GATEWAY, "ATRIUM_GATEWAY_RATE_LIMIT_REQUESTS_PER_MINUTE", "120")
                .build()).start();
        Map<Service, Long> pids;
        try {
            int base = suite.portOf(Service.GATEWAY);
            assertEquals(URI.create("http://localhost:" + base), suite.gatewayUrl());
            assertEquals(base + 1, suite.portOf("auth-service"));
            assertEquals(base + 6, suite.portOf(Service.WORKFLOW));

            Properties auth = env(suite.portOf(Service.AUTH));
            assertEquals(String.valueOf(base + 1), auth.getProperty("QUARKUS_HTTP_PORT"));
            assertEquals("2", auth.getProperty("ATRIUM_NODE_ID"));
            assertEquals("admin", auth.getProperty("ATRIUM_ADMIN_USERNAME"));
            assertEquals(suite.admin().password(), auth.getProperty("ATRIUM_ADMIN_PASSWORD"));
            assertEquals("true", auth.getProperty("ATRIUM_EGRESS_ALLOW_PRIVATE"));
            assertEquals("everyone", auth.getProperty("ATRIUM_E2E_MARKER"));
            assertEquals("http://localhost:" + (base + 1) + "/.well-known/jwks.json", auth.getProperty("ATRIUM_JWT_JWKS_URL"));
            assertTrue(auth.getProperty("QUARKUS_DATASOURCE_JDBC_URL").endsWith("/atrium_auth"));
            assertFalse(auth.containsKey("ATRIUM_GATEWAY_RATE_LIMIT_REQUESTS_PER_MINUTE"));

            Properties gateway = env(base);
            assertEquals("http://localhost:" + (base + 1), gateway.getProperty("ATRIUM_GATEWAY_SERVICES_AUTH"));
            assertEquals("http://localhost:" + (base + 6), gateway.getProperty("ATRIUM_GATEWAY_SERVICES_WORKFLOW"));
            assertEquals("localhost", gateway.getProperty("QUARKUS_GRPC_CLIENTS_AUTH_HOST"));
            assertEquals(String.valueOf(base + 1), gateway.getProperty("QUARKUS_GRPC_CLIENTS_AUTH_PORT"));
            assertEquals("120", gateway.getProperty("ATRIUM_GATEWAY_RATE_LIMIT_REQUESTS_PER_MINUTE"));
            assertFalse(gateway.containsKey("ATRIUM_ADMIN_PASSWORD"), "only auth-service sees the admin password");

            // The databases exist and the credentials handed to the services work.
            for (Service service : Service.values()) {
                Properties env = env(suite.portOf(service));
                assertEquals(String.valueOf(service.nodeId()), env.getProperty("ATRIUM_NODE_ID"));
                try (Connection c = DriverManager.getConnection(env.getProperty("QUARKUS_DATASOURCE_JDBC_URL"),
                        env.getProperty("QUARKUS_DATASOURCE_USERNAME"), env.getProperty("QUARKUS_DATASOURCE_PASSWORD"))) {
                    assertTrue(c.isValid(5));
                }
                assertTrue(env.getProperty("KAFKA_BOOTSTRAP_SERVERS").startsWith("localhost:"));
            }

            pids = suite.pids();
            assertEquals(7, pids.size());
            String pidFile = Files.readString(dataDir.resolve("run/pids"));
            pids.forEach((service, pid) -> assertTrue(pidFile.contains(service.module() + " " + pid), pidFile));
            assertTrue(Files.readString(suite.logFile(Service.BOT)).contains("listening on"));
        } finally {
            suite.stop();
        }
        pids.values().forEach(pid -> assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                "process " + pid + " still alive after stop"));
        assertFalse(Files.exists(dataDir.resolve("run/pids")));
        assertTrue(Files.isDirectory(dataDir.resolve("postgres")), "PostgreSQL data is kept under <data>/postgres");
    }

    @Test
    void aServiceThatDiesFailsTheLaunchAndStopsTheRest(@TempDir Path dataDir) {
        LaunchConfig config = config(dataDir)
                .extraEnv("FAKE_EXIT_NODE_ID", String.valueOf(Service.KNOWLEDGE.nodeId()))
                .build();
        LaunchException failure = assertThrows(LaunchException.class, () -> new Launcher(config).start());
        assertTrue(failure.getMessage().contains("knowledge-service exited with code 3"), failure.getMessage());
        assertTrue(failure.getMessage().contains(dataDir.resolve("logs").toString()), failure.getMessage());
        for (Service service : Service.values()) {
            assertTrue(Launcher.portFree(config.portOf(service)), service.module() + " still holds its port");
        }
    }

    @Test
    void refusesToStartWhenAJarIsMissing(@TempDir Path emptyRoot) throws IOException {
        Files.writeString(emptyRoot.resolve("atrium"), "");
        Files.writeString(emptyRoot.resolve("pom.xml"), "");
        LaunchException failure = assertThrows(LaunchException.class, () -> new Launcher(LaunchConfig.builder()
                .root(emptyRoot).basePort(freeBasePort()).build()).start());
        assertTrue(failure.getMessage().contains("gateway/target/quarkus-app/quarkus-run.jar"), failure.getMessage());
        assertTrue(failure.getMessage().contains("./atrium build"), failure.getMessage());
    }

    private static Properties env(int port) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/env")).build(),
                HttpResponse.BodyHandlers.ofString());
        Properties props = new Properties();
        // Properties would treat backslashes as escapes; none of the values checked here contain one.
        props.load(new StringReader(response.body()));
        return props;
    }

    /** Seven consecutive free ports, away from 8080 and 18080 where a real suite may run. */
    static int freeBasePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = 20_000 + (int) (Math.random() * 20_000);
            boolean free = true;
            for (int i = 0; i < Service.values().length && free; i++) {
                free = Launcher.portFree(base + i);
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free port range");
    }
}
