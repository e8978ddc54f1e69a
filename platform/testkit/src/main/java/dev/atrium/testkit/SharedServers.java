package dev.atrium.testkit;

import dev.atrium.testkit.server.EmbeddedKafkaServer;
import dev.atrium.testkit.server.EmbeddedPostgresServer;
import dev.atrium.testkit.server.OpenAiStub;

/**
 * One instance of each server per class loader, started on first use and stopped at JVM exit, so the many
 * test classes of a module (and Quarkus restarts between them) reuse warm servers instead of paying start-up
 * each time.
 */
final class SharedServers {

    private static EmbeddedPostgresServer postgres;
    private static EmbeddedKafkaServer kafka;
    private static OpenAiStub llmStub;
    private static JwtKit jwtKit;

    private SharedServers() {
    }

    static synchronized EmbeddedPostgresServer postgres() {
        if (postgres == null) {
            postgres = closeAtExit(EmbeddedPostgresServer.start(null, 0), "postgres");
        }
        return postgres;
    }

    static synchronized EmbeddedKafkaServer kafka() {
        if (kafka == null) {
            kafka = closeAtExit(EmbeddedKafkaServer.start(0, null), "kafka");
        }
        return kafka;
    }

    static synchronized OpenAiStub llmStub() {
        if (llmStub == null) {
            llmStub = closeAtExit(OpenAiStub.start(0), "openai-stub");
        }
        return llmStub;
    }

    static synchronized JwtKit jwtKit() {
        if (jwtKit == null) {
            jwtKit = closeAtExit(JwtKit.create(), "jwt-kit");
        }
        return jwtKit;
    }

    private static <T extends AutoCloseable> T closeAtExit(T server, String name) {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("atrium-testkit-stop-" + name).unstarted(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("atrium-testkit: " + name + " did not stop cleanly: " + e);
            }
        }));
        return server;
    }
}
