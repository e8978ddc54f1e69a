package dev.atrium.launcher;

import dev.atrium.testkit.server.EmbeddedKafkaServer;
import dev.atrium.testkit.server.EmbeddedPostgresServer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Starts the suite on one machine: PostgreSQL and Kafka inside this JVM (unless external ones are
 * configured), then the seven packaged services as child processes. Used by {@code ./atrium up} and by
 * the e2e tests.
 *
 * <pre>{@code
 * try (RunningSuite suite = new Launcher(LaunchConfig.builder().basePort(18080).build()).start()) {
 *     URI gateway = suite.gatewayUrl();
 * }
 * }</pre>
 */
public final class Launcher {

    /** The token signing key, when given, goes to auth-service only. */
    private static final String SIGNING_KEY = "ATRIUM_AUTH_SIGNING_KEY_PEM";
    /** Inherited variables a child must not see: secrets and settings meant for the launcher or for one service. */
    private static final List<String> NOT_INHERITED_PREFIXES = List.of(
            "ATRIUM_DATABASE_", "ATRIUM_ADMIN_", "ATRIUM_JAVA_OPTS", "OPENAI_", SIGNING_KEY, MasterKey.ENV);
    /** The services that store encrypted secrets; only they get the master key. */
    private static final Set<Service> SECRET_STORES = EnumSet.of(Service.BOT, Service.PLUGIN);
    private static final Duration POLL = Duration.ofMillis(500);
    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private static final List<java.util.logging.Logger> QUIET_LOGGERS = new ArrayList<>();

    static {
        for (String category : List.of("io.zonky", "kafka", "org.apache.kafka", "state.change.logger")) {
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(category);
            logger.setLevel(java.util.logging.Level.WARNING);
            QUIET_LOGGERS.add(logger);
        }
    }

    private final LaunchConfig config;
    private final PrintStream out;
    private final HealthProbe probe = new HealthProbe();

    public Launcher(LaunchConfig config) {
        this(config, System.out);
    }

    public Launcher(LaunchConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    public LaunchConfig config() {
        return config;
    }

    /**
     * Starts everything and returns once all seven services answer {@code /q/health/ready} with 200.
     *
     * @throws LaunchException when something does not come up; whatever was started is stopped again
     */
    public RunningSuite start() {
        checkPackaged();
        try {
            Files.createDirectories(config.logDir());
            Files.createDirectories(config.runDir());
        } catch (IOException e) {
            throw new LaunchException("cannot create " + config.dataDir() + ": " + e.getMessage(), e);
        }
        refuseIfAnotherLauncherOwnsDataDir();
        killLeftoverChildren();
        checkPortsFree();

        AdminCredentials admin;
        try {
            admin = AdminCredentials.resolve(config);
        } catch (IOException e) {
            throw new LaunchException("cannot read or write the admin credentials: " + e.getMessage(), e);
        }
        MasterKey masterKey;
        try {
            masterKey = MasterKey.resolve(config);
        } catch (IOException e) {
            throw new LaunchException("cannot read or write the secrets master key " + MasterKey.fileOf(config)
                    + ": " + e.getMessage(), e);
        }
        if (masterKey.origin() == MasterKey.Origin.GENERATED) {
            log("generated the secrets master key in %s; stored provider keys cannot be read without it",
                    MasterKey.fileOf(config));
        }

        RunningSuite suite = new RunningSuite(config, admin, masterKey, out);
        try {
            Database database = startDatabase(suite);
            String kafka = startKafka(suite);
            Map<String, String> common = commonEnv(database, kafka);

            // Every other service fetches auth's JWKS while starting, so auth goes first, alone.
            long t0 = System.nanoTime();
            spawn(suite, Service.AUTH, database, common);
            awaitReady(suite, Set.of(Service.AUTH));
            log("auth-service ready on port %d (%.1f s)", config.portOf(Service.AUTH), seconds(t0));

            long t1 = System.nanoTime();
            Set<Service> rest = new LinkedHashSet<>(List.of(Service.values()));
            rest.remove(Service.AUTH);
            for (Service service : rest) {
                spawn(suite, service, database, common);
            }
            awaitReady(suite, rest);
            log("all services ready (%.1f s)", seconds(t1));
            return suite;
        } catch (RuntimeException | Error e) {
            suite.stop();
            throw e;
        }
    }

    private void checkPackaged() {
        List<String> missing = new ArrayList<>();
        for (Service service : Service.values()) {
            if (!Files.isRegularFile(config.jarOf(service))) {
                missing.add(config.root().relativize(config.jarOf(service)).toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new LaunchException("not packaged yet: " + String.join(", ", missing)
                    + " (run ./atrium build, or ./mvnw -B package -DskipTests)");
        }
        if (!Files.isExecutable(config.java())) {
            throw new LaunchException("no java executable at " + config.java());
        }
    }

    private void refuseIfAnotherLauncherOwnsDataDir() {
        Pids.readLauncher(config.runDir())
                .filter(pid -> pid != ProcessHandle.current().pid())
                .flatMap(pid -> Pids.alive(pid, Main.class.getName()))
                .ifPresent(other -> {
                    throw new LaunchException("Atrium is already running from " + config.dataDir()
                            + " (launcher pid " + other.pid() + "); stop it with ./atrium down");
                });
    }

    /** Children of a launcher that was killed with SIGKILL have no one left to stop them. */
    private void killLeftoverChildren() {
        Pids.readChildren(config.runDir()).forEach((service, pid) ->
                Pids.alive(pid, config.jarOf(service).toString()).ifPresent(leftover -> {
                    log("stopping leftover %s (pid %d) from an earlier run", service.module(), pid);
                    Pids.terminate(leftover, Duration.ofSeconds(10));
                }));
    }

    private void checkPortsFree() {
        List<String> busy = new ArrayList<>();
        for (Service service : Service.values()) {
            if (!portFree(config.portOf(service))) {
                busy.add(config.portOf(service) + " (" + service.module() + ")");
            }
        }
        if (config.embeddedPostgres() && config.pgPort() != 0 && !portFree(config.pgPort())) {
            busy.add(config.pgPort() + " (PostgreSQL, ATRIUM_PG_PORT)");
        }
        if (config.embeddedKafka() && config.kafkaPort() != 0 && !portFree(config.kafkaPort())) {
            busy.add(config.kafkaPort() + " (Kafka, ATRIUM_KAFKA_PORT)");
        }
        if (!busy.isEmpty()) {
            throw new LaunchException("ports already in use: " + String.join(", ", busy)
                    + ". Is another Atrium running? Choose others with ATRIUM_BASE_PORT, ATRIUM_PG_PORT,"
                    + " ATRIUM_KAFKA_PORT.");
        }
    }

    static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // PostgreSQL and Kafka

    /** Where the services' databases live: JDBC URLs per database plus the login. */
    record Database(Map<Service, String> jdbcUrls, String username, String password) {
    }

    private Database startDatabase(RunningSuite suite) {
        long t0 = System.nanoTime();
        Map<Service, String> urls = new EnumMap<>(Service.class);
        if (config.databaseUrl().isPresent()) {
            String base = config.databaseUrl().get();
            createDatabasesOnExternal(base);
            for (Service service : Service.values()) {
                urls.put(service, jdbcUrl(base, service.database()));
            }
            log("using external PostgreSQL %s", base);
            return new Database(urls, config.databaseUser(), config.databasePassword());
        }
        Path pgData = config.dataDir().resolve("postgres");
        if (stopOrphanedPostgres(pgData)) {
            log("stopped an orphaned PostgreSQL on %s", pgData);
        }
        EmbeddedPostgresServer pg;
        try {
            pg = EmbeddedPostgresServer.start(pgData, config.pgPort());
        } catch (Exception e) {
            throw new LaunchException("embedded PostgreSQL did not start (data in " + pgData + "): " + e, e);
        }
        suite.postgres(pg);
        try {
            for (Service service : Service.values()) {
                pg.createDatabase(service.database());
                urls.put(service, pg.jdbcUrl(service.database()));
            }
        } catch (Exception e) {
            throw new LaunchException("cannot create the databases: " + e, e);
        }
        log("PostgreSQL ready on port %d, data in %s (%.1f s)", pg.port(), pgData, seconds(t0));
        return new Database(urls, pg.username(), pg.password());
    }

    /**
     * A launcher killed with SIGKILL leaves its postgres running on the data directory, and a second
     * postmaster refuses to start there. Returns true when one was stopped.
     */
    static boolean stopOrphanedPostgres(Path pgData) {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return false;
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            // after a reboot the recorded pid may belong to anything: only a postgres serving this directory is ours
            return Pids.alive(pid, "postgres")
                    .filter(process -> process.info().commandLine().map(line -> line.contains(pgData.toString())).orElse(false))
                    .map(orphan -> Pids.terminate(orphan, Duration.ofSeconds(15))).orElse(false);
        } catch (IOException | RuntimeException e) {
            // An unreadable pid file is left for PostgreSQL itself to judge.
            return false;
        }
    }

    private void createDatabasesOnExternal(String baseUrl) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(baseUrl, "postgres"),
                config.databaseUser(), config.databasePassword());
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            for (Service service : Service.values()) {
                exists.setString(1, service.database());
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        continue;
                    }
                }
                try (Statement create = connection.createStatement()) {
                    create.execute("CREATE DATABASE \"" + service.database() + "\"");
                    log("created database %s", service.database());
                } catch (SQLException e) {
                    // 42P04 duplicate_database: someone else created it in between, which is fine.
                    if (!"42P04".equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw new LaunchException("cannot prepare databases on " + baseUrl + " as " + config.databaseUser()
                    + ": " + e.getMessage(), e);
        }
    }

    /** {@code jdbc:postgresql://h:5432/} + {@code db}, keeping any {@code ?query} at the end. */
    static String jdbcUrl(String baseUrl, String database) {
        int q = baseUrl.indexOf('?');
        String path = q < 0 ? baseUrl : baseUrl.substring(0, q);
        String query = q < 0 ? "" : baseUrl.substring(q);
        if (!path.endsWith("/")) {
            // A URL that already names a database (…:5432/postgres) is treated as naming the server only.
            int afterHost = path.indexOf('/', "jdbc:postgresql://".length());
            path = afterHost < 0 ? path + "/" : path.substring(0, afterHost + 1);
        }
        return path + database + query;
    }

    private String startKafka(RunningSuite suite) {
        if (config.kafkaBootstrap().isPresent()) {
            log("using external Kafka %s", config.kafkaBootstrap().get());
            return config.kafkaBootstrap().get();
        }
        long t0 = System.nanoTime();
        Path kafkaLogs = config.dataDir().resolve("kafka");
        int port = config.kafkaPort() != 0 ? config.kafkaPort() : freePort();
        EmbeddedKafkaServer kafka;
        try {
            Files.createDirectories(kafkaLogs);
            kafka = EmbeddedKafkaServer.start(port, kafkaLogs);
        } catch (Exception e) {
            throw new LaunchException("embedded Kafka did not start on port " + port + ": " + e, e);
        }
        suite.kafka(kafka);
        log("Kafka ready at %s (%.1f s)", kafka.bootstrapServers(), seconds(t0));
        return kafka.bootstrapServers();
    }

    // ---------------------------------------------------------------------------------------------
    // Services

    private Map<String, String> commonEnv(Database database, String kafka) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("QUARKUS_DATASOURCE_USERNAME", database.username());
        env.put("QUARKUS_DATASOURCE_PASSWORD", database.password());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        env.put("ATRIUM_EGRESS_ALLOW_PRIVATE", "true");
        env.put("ATRIUM_JWT_JWKS_URL", "http://localhost:" + config.portOf(Service.AUTH) + "/.well-known/jwks.json");
        // Services call each other over gRPC on the HTTP port; with a non-default base port the
        // defaults in application.properties would point at the wrong processes.
        for (Service service : Service.values()) {
            if (service != Service.GATEWAY) {
                env.put("QUARKUS_GRPC_CLIENTS_" + service.routeKey() + "_HOST", "localhost");
                env.put("QUARKUS_GRPC_CLIENTS_" + service.routeKey() + "_PORT", String.valueOf(config.portOf(service)));
            }
        }
        return env;
    }

    Map<String, String> envOf(Service service, Database database, Map<String, String> common,
                              AdminCredentials admin, MasterKey masterKey) {
        Map<String, String> env = new java.util.LinkedHashMap<>(common);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(config.portOf(service)));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrls().get(service));
        env.put("ATRIUM_NODE_ID", String.valueOf(service.nodeId()));
        if (service == Service.AUTH) {
            env.put("ATRIUM_ADMIN_USERNAME", admin.username());
            env.put("ATRIUM_ADMIN_EMAIL", admin.email());
            env.put("ATRIUM_ADMIN_PASSWORD", admin.password());
            String signingKey = System.getenv(SIGNING_KEY);
            if (signingKey != null && !signingKey.isBlank()) {
                env.put(SIGNING_KEY, signingKey);
            }
        }
        if (SECRET_STORES.contains(service)) {
            env.put(MasterKey.ENV, masterKey.value());
        }
        if (service == Service.GATEWAY) {
            for (Service backend : Service.values()) {
                if (backend != Service.GATEWAY) {
                    env.put("ATRIUM_GATEWAY_SERVICES_" + backend.routeKey(), "http://localhost:" + config.portOf(backend));
                }
            }
        }
        env.putAll(config.extraEnv());
        env.putAll(config.serviceEnv().getOrDefault(service, Map.of()));
        return env;
    }

    private void spawn(RunningSuite suite, Service service, Database database, Map<String, String> common) {
        Map<String, String> env = envOf(service, database, common, suite.admin(), suite.masterKey());
        List<String> command = new ArrayList<>();
        command.add(config.java().toString());
        command.addAll(config.javaOptsOf(service));
        command.add("-jar");
        command.add(config.jarOf(service).toString());

        Path logFile = config.logFile(service);
        ProcessBuilder builder = new ProcessBuilder(command)
                // Not the repository: a stray .env or config/ there must not leak into the processes.
                .directory(config.runDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
        builder.environment().keySet().removeIf(name -> !inheritable(name));
        builder.environment().putAll(env);
        try {
            rotate(logFile);
            suite.started(service, builder.start());
        } catch (IOException e) {
            throw new LaunchException("cannot start " + service.module() + ": " + e.getMessage(), e);
        }
    }

    /** Whether a child may see this variable of the launcher's own environment. */
    static boolean inheritable(String name) {
        return NOT_INHERITED_PREFIXES.stream().noneMatch(name::startsWith);
    }

    private static void rotate(Path logFile) throws IOException {
        if (Files.exists(logFile)) {
            Files.move(logFile, logFile.resolveSibling(logFile.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void awaitReady(RunningSuite suite, Set<Service> services) {
        long deadline = System.nanoTime() + config.readyTimeout().toNanos();
        Set<Service> pending = new LinkedHashSet<>(services);
        while (!pending.isEmpty()) {
            for (var it = pending.iterator(); it.hasNext(); ) {
                Service service = it.next();
                Process process = suite.process(service);
                if (!process.isAlive()) {
                    throw failed(List.of(service), service.module() + " exited with code " + process.exitValue()
                            + " before it was ready");
                }
                if (probe.ready(config.portOf(service))) {
                    it.remove();
                    if (services.size() > 1) {
                        log("%s ready on port %d", service.module(), config.portOf(service));
                    }
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw failed(pending, "not ready after " + config.readyTimeout().toSeconds() + " s: "
                        + String.join(", ", pending.stream().map(Service::module).toList()));
            }
            awaitExitOrPoll(suite, pending);
        }
    }

    /** Waits one poll interval, or less when a pending service exits, so a crash is reported at once. */
    private static void awaitExitOrPoll(RunningSuite suite, Set<Service> pending) {
        java.util.concurrent.CompletableFuture<?>[] exits = pending.stream()
                .map(service -> suite.process(service).onExit())
                .toArray(java.util.concurrent.CompletableFuture[]::new);
        try {
            java.util.concurrent.CompletableFuture.anyOf(exits).get(POLL.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // the usual case: every pending service is still starting
            return;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new LaunchException("waiting for the services failed: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while waiting for the services");
        }
    }

    private LaunchException failed(java.util.Collection<Service> services, String message) {
        PrintStream err = out == System.out ? System.err : out;
        err.println("[atrium] " + message);
        for (Service service : services) {
            err.println("[atrium] ---- last 30 lines of " + config.logFile(service) + " ----");
            tail(config.logFile(service), 30).forEach(line -> err.println("  " + line));
        }
        return new LaunchException(message + " (logs in " + config.logDir() + ")");
    }

    static List<String> tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, java.nio.charset.StandardCharsets.ISO_8859_1);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(no log: " + e.getMessage() + ")");
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private void log(String format, Object... args) {
        out.println("[atrium] " + String.format(format, args));
    }
}
