package dev.atrium.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code up | down | status}, configured from the environment (see {@link LaunchConfig#fromEnvironment}).
 * {@code ./atrium} is the usual way in; it builds first when needed.
 */
public final class Main {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_NOT_READY = 3;
    private static final String PORTS_FILE = "ports";

    private Main() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "help" : args[0];
        int exit;
        try {
            exit = switch (command) {
                case "up" -> up(config());
                case "down" -> down(config());
                case "status" -> status(config());
                case "help", "-h", "--help" -> usage(EXIT_OK);
                default -> usage(EXIT_USAGE);
            };
        } catch (LaunchException | IllegalArgumentException | IllegalStateException e) {
            System.err.println("[atrium] " + e.getMessage());
            exit = EXIT_FAILED;
        }
        System.exit(exit);
    }

    private static LaunchConfig config() {
        return LaunchConfig.fromEnvironment(System.getenv()).build();
    }

    private static int usage(int exit) {
        (exit == EXIT_OK ? System.out : System.err).println("""
                usage: atrium up|down|status
                  up      start PostgreSQL, Kafka and the seven services; Ctrl-C stops everything
                  down    stop a running 'up'
                  status  readiness of every service (exit 0 when all are ready, 3 otherwise)""");
        return exit;
    }

    // ---------------------------------------------------------------------------------------------

    static int up(LaunchConfig config) {
        Path runDir = config.runDir();
        Path pidFile = runDir.resolve(Pids.LAUNCHER);
        Optional<ProcessHandle> other = Pids.readLauncher(runDir).flatMap(pid -> Pids.alive(pid, Main.class.getName()));
        if (other.isPresent()) {
            System.err.println("[atrium] already running (launcher pid " + other.get().pid() + "); use ./atrium down");
            return EXIT_FAILED;
        }
        try {
            Files.createDirectories(runDir);
            Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
            writePorts(config);
        } catch (IOException e) {
            throw new LaunchException("cannot write " + runDir + ": " + e.getMessage(), e);
        }

        RunningSuite suite;
        try {
            suite = new Launcher(config).start();
        } catch (LaunchException e) {
            deleteQuietly(pidFile);
            throw e;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            suite.stop();
            deleteQuietly(pidFile);
            stopped.countDown();
        }, "atrium-up-shutdown"));
        watchForCrashes(suite);
        printBanner(suite);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return EXIT_OK;
    }

    /** A service dying while the suite runs is reported once, with where to look. */
    private static void watchForCrashes(RunningSuite suite) {
        suite.processes().forEach((service, process) -> process.onExit().thenAccept(p -> {
            if (!suite.isStopped()) {
                System.err.println("[atrium] " + service.module() + " exited with code " + p.exitValue()
                        + "; see " + suite.logFile(service) + " (./atrium logs " + service.module() + ")");
            }
        }));
    }

    private static void printBanner(RunningSuite suite) {
        LaunchConfig config = suite.config();
        AdminCredentials admin = suite.admin();
        StringBuilder sb = new StringBuilder();
        String rule = "=".repeat(72);
        sb.append('\n').append(rule).append('\n');
        sb.append("  Atrium is up\n\n");
        String row = "  %-22s %s%n";
        sb.append(String.format(row, "Gateway (API)", suite.gatewayUrl()));
        for (Service service : Service.values()) {
            if (service != Service.GATEWAY) {
                sb.append(String.format(row, service.module(), suite.urlOf(service)));
            }
        }
        sb.append('\n');
        sb.append(String.format(row, "Admin user", admin.username() + " (" + admin.email() + ")"));
        if (admin.generated()) {
            sb.append(String.format(row, "Admin password", admin.password()));
            sb.append(String.format(row, "", "(kept in " + config.dataDir().resolve(AdminCredentials.FILE_NAME) + ")"));
        } else {
            sb.append(String.format(row, "Admin password", "(from ATRIUM_ADMIN_PASSWORD)"));
        }
        sb.append(String.format(row, "Secrets master key", suite.masterKey().origin() == MasterKey.Origin.ENVIRONMENT
                ? "(from " + MasterKey.ENV + ")"
                : "(kept in " + MasterKey.fileOf(config) + "; keep a copy)"));
        sb.append('\n');
        sb.append(String.format(row, "Logs", config.logDir() + "  (./atrium logs <service>)"));
        sb.append(String.format(row, "Data", config.dataDir()));
        sb.append("\n  Ctrl-C to stop (or ./atrium down from another terminal)\n");
        sb.append(rule).append('\n');
        System.out.print(sb);
        System.out.flush();
    }

    // ---------------------------------------------------------------------------------------------

    static int down(LaunchConfig config) {
        Path runDir = config.runDir();
        boolean found = false;
        Optional<ProcessHandle> launcher = Pids.readLauncher(runDir).flatMap(pid -> Pids.alive(pid, Main.class.getName()));
        if (launcher.isPresent()) {
            found = true;
            System.out.println("[atrium] stopping launcher (pid " + launcher.get().pid() + ")...");
            // The launcher's own shutdown hook stops services, Kafka and PostgreSQL in order; give it time.
            if (!Pids.terminate(launcher.get(), Duration.ofSeconds(60))) {
                System.err.println("[atrium] launcher pid " + launcher.get().pid() + " did not exit");
            }
        }
        for (Map.Entry<Service, Long> child : Pids.readChildren(runDir).entrySet()) {
            Optional<ProcessHandle> process = Pids.alive(child.getValue(), config.jarOf(child.getKey()).toString());
            if (process.isPresent()) {
                found = true;
                System.out.println("[atrium] stopping leftover " + child.getKey().module() + " (pid " + child.getValue() + ")");
                Pids.terminate(process.get(), Duration.ofSeconds(15));
            }
        }
        // Only a launcher killed with SIGKILL leaves its embedded PostgreSQL behind.
        if (config.embeddedPostgres() && Launcher.stopOrphanedPostgres(config.dataDir().resolve("postgres"))) {
            found = true;
            System.out.println("[atrium] stopped orphaned PostgreSQL");
        }
        deleteQuietly(runDir.resolve(Pids.CHILDREN));
        deleteQuietly(runDir.resolve(Pids.LAUNCHER));
        System.out.println(found ? "[atrium] stopped" : "[atrium] not running");
        return EXIT_OK;
    }

    // ---------------------------------------------------------------------------------------------

    static int status(LaunchConfig config) {
        Map<Service, Integer> ports = readPorts(config);
        HealthProbe probe = new HealthProbe();
        Optional<ProcessHandle> launcher = Pids.readLauncher(config.runDir())
                .flatMap(pid -> Pids.alive(pid, Main.class.getName()));
        System.out.println(launcher.map(p -> "launcher: running (pid " + p.pid() + ")").orElse("launcher: not running"));
        boolean allReady = true;
        System.out.printf("%-22s %-6s %s%n", "SERVICE", "PORT", "READY");
        for (Service service : Service.values()) {
            int port = ports.get(service);
            int code = probe.readiness(port);
            allReady &= code == 200;
            String state = code == 200 ? "ready" : code < 0 ? "down (no answer)" : "not ready (HTTP " + code + ")";
            System.out.printf("%-22s %-6d %s%n", service.module(), port, state);
        }
        return allReady ? EXIT_OK : EXIT_NOT_READY;
    }

    /** {@code up} records its ports so {@code status} checks the right ones even if the env changed since. */
    private static void writePorts(LaunchConfig config) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Service service : Service.values()) {
            sb.append(service.module()).append(' ').append(config.portOf(service)).append('\n');
        }
        Files.writeString(config.runDir().resolve(PORTS_FILE), sb);
    }

    private static Map<Service, Integer> readPorts(LaunchConfig config) {
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            ports.put(service, config.portOf(service));
        }
        Path file = config.runDir().resolve(PORTS_FILE);
        if (Pids.readLauncher(config.runDir()).isPresent() && Files.isRegularFile(file)) {
            try {
                for (String line : Files.readAllLines(file)) {
                    String[] parts = line.trim().split("\\s+");
                    if (parts.length == 2) {
                        Service.find(parts[0]).ifPresent(s -> ports.put(s, Integer.parseInt(parts[1])));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // Fall back to the ports the current environment implies.
            }
        }
        return ports;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Nothing depends on it being gone: every reader checks the pid is alive and ours.
        }
    }
}
