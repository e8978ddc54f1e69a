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

            // conversation-service reaches auth, bot, knowledge and plugin over gRPC on their HTTP ports, and
            // gets no model credentials: bot-service hands it resolved model targets over gRPC.
            Properties conversation = env(suite.portOf(Service.CONVERSATION));
            for (Service backend : List.of(Service.AUTH, Service.BOT, Service.KNOWLEDGE, Service.PLUGIN)) {
                assertEquals("localhost", conversation.getProperty("QUARKUS_GRPC_CLIENTS_" + backend.routeKey() + "_HOST"),
                        backend.module());
                assertEquals(String.valueOf(suite.portOf(backend)),
                        conversation.getProperty("QUARKUS_GRPC_CLIENTS_" + backend.routeKey() + "_PORT"), backend.module());
            }
            assertTrue(conversation.stringPropertyNames().stream().noneMatch(name -> name.startsWith("OPENAI_")),
                    "conversation-service must not see OPENAI_*: " + conversation.stringPropertyNames());

            // The generated master key, from its file, reaches the services that store secrets and no other.
            String key = Files.readString(dataDir.resolve("secrets/master.key")).strip();
            assertEquals(key, suite.masterKey().value());
            for (Service service : Service.values()) {
                Properties env = env(suite.portOf(service));
                if (service == Service.BOT || service == Service.PLUGIN) {
                    assertEquals(key, env.getProperty("ATRIUM_SECRETS_KEY"), service.module());
                } else {
                    // The pom sets ATRIUM_SECRETS_KEY for this JVM: it must not be inherited either.
                    assertFalse(env.containsKey("ATRIUM_SECRETS_KEY"), service.module() + " must not see the secrets key");
                }
            }

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

    @Test
    void theSecretsKeyGoesOnlyToTheServicesThatStoreSecrets(@TempDir Path dataDir) throws Exception {
        LaunchConfig config = config(dataDir).build();
        MasterKey key = MasterKey.resolve(config);
        Map<Service, Map<String, String>> env = envOfEach(config, key);

        assertEquals(key.value(), env.get(Service.BOT).get("ATRIUM_SECRETS_KEY"));
        assertEquals(key.value(), env.get(Service.PLUGIN).get("ATRIUM_SECRETS_KEY"));
        for (Service service : List.of(Service.GATEWAY, Service.AUTH, Service.CONVERSATION, Service.KNOWLEDGE,
                Service.WORKFLOW)) {
            assertFalse(env.get(service).containsKey("ATRIUM_SECRETS_KEY"), service.module());
        }
        assertFalse(Launcher.inheritable("ATRIUM_SECRETS_KEY"), "children must not inherit the launcher's key");
        assertTrue(Launcher.inheritable("PATH"));
    }

    @Test
    void thePlatformModelKeyFromTheLaunchersEnvironmentGoesToBotServiceOnly(@TempDir Path dataDir) throws Exception {
        LaunchConfig config = LaunchConfig.fromEnvironment(Map.of("OPENAI_API_KEY", "sk-launcher-test",
                        "OPENAI_BASE_URL", "http://localhost:1234/v1"))
                .root(root).dataDir(dataDir).basePort(freeBasePort()).build();

        Map<Service, Map<String, String>> env = envOfEach(config, MasterKey.resolve(config));
        assertEquals("sk-launcher-test", env.get(Service.BOT).get("OPENAI_API_KEY"));
        for (Service service : Service.values()) {
            if (service != Service.BOT) {
                assertTrue(env.get(service).keySet().stream().noneMatch(name -> name.startsWith("OPENAI_")),
                        service.module() + " must not see OPENAI_*: " + env.get(service).keySet());
            }
        }
        assertFalse(env.get(Service.CONVERSATION).containsKey("ATRIUM_SECRETS_KEY"));
        assertFalse(Launcher.inheritable("OPENAI_API_KEY"), "children must not inherit the launcher's model key");
    }

    @Test
    void theSecretsKeyFromTheLaunchersEnvironmentIsPassedOn(@TempDir Path dataDir) throws Exception {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        String given = java.util.Base64.getEncoder().encodeToString(bytes);
        LaunchConfig config = LaunchConfig.fromEnvironment(Map.of("ATRIUM_SECRETS_KEY", given))
                .root(root).dataDir(dataDir).basePort(freeBasePort()).build();

        Map<Service, Map<String, String>> env = envOfEach(config, MasterKey.resolve(config));
        assertEquals(given, env.get(Service.BOT).get("ATRIUM_SECRETS_KEY"));
        assertEquals(given, env.get(Service.PLUGIN).get("ATRIUM_SECRETS_KEY"));
        assertFalse(env.get(Service.AUTH).containsKey("ATRIUM_SECRETS_KEY"));
        assertFalse(Files.exists(dataDir.resolve("secrets/master.key")), "a given key is not written to the data dir");
    }

    @Test
    void aCorruptSecretsKeyFileStopsTheLaunch(@TempDir Path dataDir) throws Exception {
        Path keyFile = dataDir.resolve("secrets/master.key");
        Files.createDirectories(keyFile.getParent());
        Files.writeString(keyFile, "c2hvcnQ=\n");
        LaunchConfig config = config(dataDir).build();

        LaunchException failure = assertThrows(LaunchException.class, () -> new Launcher(config).start());
        assertTrue(failure.getMessage().contains("secrets master key file " + keyFile + " is corrupt"), failure.getMessage());
        assertEquals("c2hvcnQ=\n", Files.readString(keyFile), "the key file must not be replaced");
        assertFalse(Files.exists(dataDir.resolve("postgres")), "nothing starts with an unreadable key");
        for (Service service : Service.values()) {
            assertTrue(Launcher.portFree(config.portOf(service)), service.module() + " holds its port");
        }
    }

    private static Map<Service, Map<String, String>> envOfEach(LaunchConfig config, MasterKey key) {
        Launcher launcher = new Launcher(config);
        Map<Service, String> urls = new java.util.EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            urls.put(service, "jdbc:postgresql://localhost:5432/" + service.database());
        }
        Launcher.Database database = new Launcher.Database(urls, "postgres", "");
        AdminCredentials admin = new AdminCredentials("admin", "admin@atrium.local", "Adm1n-Passw0rd!", false);
        Map<Service, Map<String, String>> env = new java.util.EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            env.put(service, launcher.envOf(service, database, Map.of(), admin, key));
        }
        return env;
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
