package dev.atrium.launcher;

import dev.atrium.testkit.server.EmbeddedKafkaServer;
import dev.atrium.testkit.server.EmbeddedPostgresServer;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The handle {@link Launcher#start()} returns. {@link #stop()} (or {@link #close()}) stops the services
 * with SIGTERM (SIGKILL after a grace period), then Kafka, then PostgreSQL. A shutdown hook does the
 * same when this JVM exits without calling it, so no service outlives the launcher.
 */
public final class RunningSuite implements AutoCloseable {

    private static final Duration GRACE = Duration.ofSeconds(20);

    private final LaunchConfig config;
    private final AdminCredentials admin;
    private final MasterKey masterKey;
    private final PrintStream out;
    private final Map<Service, Process> processes = Collections.synchronizedMap(new EnumMap<>(Service.class));
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Thread shutdownHook;
    private volatile EmbeddedPostgresServer postgres;
    private volatile EmbeddedKafkaServer kafka;

    RunningSuite(LaunchConfig config, AdminCredentials admin, MasterKey masterKey, PrintStream out) {
        this.config = config;
        this.admin = admin;
        this.masterKey = masterKey;
        this.out = out;
        this.shutdownHook = new Thread(this::stopFromHook, "atrium-launcher-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public URI gatewayUrl() {
        return urlOf(Service.GATEWAY);
    }

    public URI urlOf(Service service) {
        return URI.create("http://localhost:" + portOf(service));
    }

    public int portOf(Service service) {
        return config.portOf(service);
    }

    /** By module name ({@code auth-service}) or short name ({@code auth}). */
    public int portOf(String service) {
        return portOf(Service.find(service).orElseThrow(() -> new IllegalArgumentException("no service " + service)));
    }

    public AdminCredentials admin() {
        return admin;
    }

    /** The key bot-service and plugin-service encrypt stored secrets with. */
    public MasterKey masterKey() {
        return masterKey;
    }

    public LaunchConfig config() {
        return config;
    }

    public Path logFile(Service service) {
        return config.logFile(service);
    }

    /** Pids of the running service processes. */
    public Map<Service, Long> pids() {
        Map<Service, Long> pids = new LinkedHashMap<>();
        synchronized (processes) {
            processes.forEach((service, process) -> pids.put(service, process.pid()));
        }
        return pids;
    }

    /** The service processes, e.g. to watch for one exiting while the suite runs. */
    public Map<Service, Process> processes() {
        synchronized (processes) {
            return Map.copyOf(processes);
        }
    }

    public boolean isStopped() {
        return stopped.get();
    }

    Process process(Service service) {
        return processes.get(service);
    }

    void postgres(EmbeddedPostgresServer postgres) {
        this.postgres = postgres;
    }

    void kafka(EmbeddedKafkaServer kafka) {
        this.kafka = kafka;
    }

    void started(Service service, Process process) throws IOException {
        processes.put(service, process);
        Pids.writeChildren(config.runDir(), pids());
    }

    @Override
    public void close() {
        stop();
    }

    /** Idempotent; safe from any thread, including a shutdown hook. */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or about to; this call does the work instead.
        }
        doStop();
    }

    private void stopFromHook() {
        if (stopped.compareAndSet(false, true)) {
            doStop();
        }
    }

    private void doStop() {
        List<Process> running = processes().values().stream().filter(Process::isAlive).toList();
        if (!running.isEmpty()) {
            out.println("[atrium] stopping " + running.size() + " service(s)...");
        }
        running.forEach(Process::destroy);
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (Process process : running) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                if (!process.waitFor(left, TimeUnit.NANOSECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly("Kafka", kafka);
        closeQuietly("PostgreSQL", postgres);
        try {
            Files.deleteIfExists(config.runDir().resolve(Pids.CHILDREN));
        } catch (IOException e) {
            // Only a hint for `down`; it checks every pid before acting on it.
        }
        out.println("[atrium] stopped");
    }

    private void closeQuietly(String what, Object server) {
        if (server == null) {
            return;
        }
        try {
            if (server instanceof EmbeddedKafkaServer k) {
                k.close();
            } else if (server instanceof EmbeddedPostgresServer p) {
                p.close();
            }
        } catch (Exception e) {
            out.println("[atrium] " + what + " did not stop cleanly: " + e);
        }
    }
}
