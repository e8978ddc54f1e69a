package dev.atrium.e2e;

import dev.atrium.launcher.LaunchConfig;
import dev.atrium.launcher.Launcher;
import dev.atrium.launcher.RunningSuite;
import dev.atrium.launcher.Service;
import dev.atrium.testkit.server.OpenAiStub;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Starts the packaged suite once per test JVM (the root store outlives every test class) and stops it
 * when the JVM's tests are done. Base port 18080 and a temporary data directory, so it never collides
 * with a running {@code ./atrium up}. The process logs are copied to {@code target/atrium-logs}.
 */
public final class AtriumSuite implements BeforeAllCallback {

    static final int BASE_PORT = Integer.getInteger("atrium.e2e.base-port", 18080);
    /** Low enough that the rate-limit test reaches it quickly, high enough for the other tests. */
    static final int RATE_LIMIT_PER_MINUTE = 120;

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AtriumSuite.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        Started started = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Started.class.getName(), key -> Started.launch(), Started.class);
        if (started.failure != null) {
            // Every class fails fast with the launch error rather than relaunching for 3 minutes each.
            throw new IllegalStateException("the Atrium suite did not start: " + started.failure.getMessage(),
                    started.failure);
        }
        current = started;
    }

    private static volatile Started current;

    /** The suite this JVM started; empty when the tests drive an existing deployment. */
    public static java.util.Optional<RunningSuite> suite() {
        return java.util.Optional.ofNullable(started().suite);
    }

    /** The OpenAI-protocol stub the suite's platform provider ({@code OPENAI_BASE_URL}) points at. */
    public static OpenAiStub llm() {
        return LLM;
    }

    /** The platform provider's key as the suite was given it. */
    static final String PLATFORM_LLM_KEY = "sk-e2e-platform-key-" + Long.toHexString(System.nanoTime());
    private static final OpenAiStub LLM = OpenAiStub.start(0);

    /** Where the started processes write their logs; empty when the tests drive an existing deployment. */
    public static java.util.Optional<Path> logsDir() {
        Started s = started();
        return s.dataDir == null || s.suite == null ? java.util.Optional.empty() : java.util.Optional.of(s.dataDir.resolve("logs"));
    }

    public static Gateway gateway() {
        return new Gateway(started().gatewayUrl);
    }

    private static Started started() {
        if (current == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(AtriumSuite.class)");
        }
        return current;
    }

    /** Closed by JUnit when the root context closes, i.e. after the last test of this JVM. */
    static final class Started implements AutoCloseable {
        private final RunningSuite suite;
        private final URI gatewayUrl;
        private final RuntimeException failure;
        private final Path dataDir;

        private Started(RunningSuite suite, URI gatewayUrl, RuntimeException failure, Path dataDir) {
            this.suite = suite;
            this.gatewayUrl = gatewayUrl;
            this.failure = failure;
            this.dataDir = dataDir;
        }

        static Started launch() {
            // -Datrium.e2e.gateway-url=http://host:8080 drives an already running Atrium instead.
            String existing = System.getProperty("atrium.e2e.gateway-url");
            if (existing != null && !existing.isBlank()) {
                return new Started(null, URI.create(existing), null, null);
            }
            Path dataDir;
            try {
                dataDir = Files.createTempDirectory("atrium-e2e-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LaunchConfig.Builder builder = LaunchConfig.builder();
            // Normally found by walking up from the module directory; settable to try the suite elsewhere.
            String root = System.getProperty("atrium.e2e.root");
            if (root != null && !root.isBlank()) {
                builder.root(Path.of(root));
            }
            LaunchConfig config = builder
                    .dataDir(dataDir)
                    .basePort(BASE_PORT)
                    .pgPort(0)
                    .kafkaPort(0)
                    .serviceEnv(Service.GATEWAY, "ATRIUM_GATEWAY_RATE_LIMIT_REQUESTS_PER_MINUTE",
                            String.valueOf(RATE_LIMIT_PER_MINUTE))
                    .serviceEnv(Service.BOT, "OPENAI_API_KEY", PLATFORM_LLM_KEY)
                    .serviceEnv(Service.BOT, "OPENAI_BASE_URL", LLM.baseUrl())
                    .serviceEnv(Service.BOT, "OPENAI_MODEL", "e2e-model")
                    .build();
            try {
                RunningSuite suite = new Launcher(config).start();
                return new Started(suite, suite.gatewayUrl(), null, dataDir);
            } catch (RuntimeException e) {
                copyLogs(dataDir);
                deleteRecursively(dataDir);
                return new Started(null, null, e, dataDir);
            }
        }

        @Override
        public void close() {
            if (suite != null) {
                suite.stop();
                copyLogs(dataDir);
                deleteRecursively(dataDir);
            }
        }

        private static void copyLogs(Path dataDir) {
            String target = System.getProperty("atrium.e2e.logs");
            Path logs = dataDir.resolve("logs");
            if (target == null || !Files.isDirectory(logs)) {
                return;
            }
            try (Stream<Path> files = Files.list(logs)) {
                Path to = Files.createDirectories(Path.of(target));
                for (Path file : files.toList()) {
                    Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                System.err.println("[e2e] could not keep the process logs: " + e);
            }
        }

        private static void deleteRecursively(Path dir) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("[e2e] could not delete " + dir + ": " + e);
            }
        }
    }
}
