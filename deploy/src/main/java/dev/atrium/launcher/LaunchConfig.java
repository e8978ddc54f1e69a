package dev.atrium.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the launcher needs to start the suite. Build one with {@link #builder()} (defaults only,
 * what tests want) or {@link #fromEnvironment(Map)} (what {@code ./atrium up} wants).
 *
 * @param root             repository root: the directory holding {@code atrium} and {@code pom.xml}
 * @param dataDir          PostgreSQL data, Kafka logs, process logs, pid files, admin credentials, secrets key
 * @param basePort         gateway port; service {@code i} gets {@code basePort + i}
 * @param databaseUrl      external PostgreSQL, {@code jdbc:postgresql://host:5432/}; empty = embedded
 * @param kafkaBootstrap   external Kafka bootstrap servers; empty = embedded
 * @param pgPort           embedded PostgreSQL port, 0 = any free port
 * @param kafkaPort        embedded Kafka port, 0 = any free port
 * @param adminPassword    empty = reuse the one in {@code <data>/admin-credentials} or generate it
 * @param secretsKey       master key of the stored secrets ({@code ATRIUM_SECRETS_KEY}); empty = reuse the one
 *                         in {@code <data>/secrets/master.key} or generate it (see {@link MasterKey})
 * @param extraEnv         added to every process (after the launcher's own variables, so it can override)
 * @param serviceEnv       added to one process only, after {@code extraEnv}
 * @param javaOpts         JVM options of every process ({@code ATRIUM_JAVA_OPTS})
 * @param serviceJavaOpts  appended for one process ({@code ATRIUM_JAVA_OPTS_<SERVICE>}, e.g. {@code _KNOWLEDGE})
 * @param readyTimeout     how long each start phase may take before the launch is abandoned
 * @param java             the {@code java} executable the services run on
 */
public record LaunchConfig(
        Path root,
        Path dataDir,
        int basePort,
        Optional<String> databaseUrl,
        String databaseUser,
        String databasePassword,
        Optional<String> kafkaBootstrap,
        int pgPort,
        int kafkaPort,
        String adminUsername,
        String adminEmail,
        Optional<String> adminPassword,
        Optional<String> secretsKey,
        Map<String, String> extraEnv,
        Map<Service, Map<String, String>> serviceEnv,
        List<String> javaOpts,
        Map<Service, List<String>> serviceJavaOpts,
        Duration readyTimeout,
        Path java) {

    public static final int DEFAULT_BASE_PORT = 8080;
    public static final int DEFAULT_PG_PORT = 15432;
    public static final int DEFAULT_KAFKA_PORT = 19092;
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(180);
    /**
     * Small heaps, serial GC and C1 only: seven JVMs plus PostgreSQL and Kafka share two cores, where
     * start-up time matters more than peak throughput.
     */
    public static final List<String> DEFAULT_JAVA_OPTS = List.of(
            "-Xms32m", "-Xmx256m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:ReservedCodeCacheSize=64m", "-XX:+ExitOnOutOfMemoryError", "-Djava.net.preferIPv4Stack=true");

    public LaunchConfig {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(dataDir, "dataDir");
        if (basePort < 1 || basePort + Service.values().length > 65_535) {
            throw new IllegalArgumentException("base port out of range: " + basePort);
        }
        extraEnv = Map.copyOf(extraEnv);
        EnumMap<Service, Map<String, String>> copy = new EnumMap<>(Service.class);
        serviceEnv.forEach((service, env) -> copy.put(service, Map.copyOf(env)));
        serviceEnv = Collections.unmodifiableMap(copy);
        javaOpts = List.copyOf(javaOpts);
        EnumMap<Service, List<String>> opts = new EnumMap<>(Service.class);
        serviceJavaOpts.forEach((service, list) -> opts.put(service, List.copyOf(list)));
        serviceJavaOpts = Collections.unmodifiableMap(opts);
    }

    /** Without the passwords, the secrets key and the values of the extra variables (they may hold API keys). */
    @Override
    public String toString() {
        return "LaunchConfig[root=" + root + ", dataDir=" + dataDir + ", basePort=" + basePort
                + ", databaseUrl=" + databaseUrl + ", databaseUser=" + databaseUser + ", databasePassword=***"
                + ", kafkaBootstrap=" + kafkaBootstrap + ", pgPort=" + pgPort + ", kafkaPort=" + kafkaPort
                + ", adminUsername=" + adminUsername + ", adminEmail=" + adminEmail
                + ", adminPassword=" + adminPassword.map(p -> "***") + ", secretsKey=" + secretsKey.map(k -> "***")
                + ", extraEnv=" + extraEnv.keySet() + ", serviceEnv=" + serviceEnvNames()
                + ", javaOpts=" + javaOpts + ", serviceJavaOpts=" + serviceJavaOpts
                + ", readyTimeout=" + readyTimeout + ", java=" + java + "]";
    }

    private Map<Service, Set<String>> serviceEnvNames() {
        EnumMap<Service, Set<String>> names = new EnumMap<>(Service.class);
        serviceEnv.forEach((service, env) -> names.put(service, env.keySet()));
        return names;
    }

    /** The JVM options of one process: the common ones, then its own (later options win). */
    public List<String> javaOptsOf(Service service) {
        List<String> all = new ArrayList<>(javaOpts);
        all.addAll(serviceJavaOpts.getOrDefault(service, List.of()));
        return all;
    }

    public int portOf(Service service) {
        return basePort + service.portOffset();
    }

    public boolean embeddedPostgres() {
        return databaseUrl.isEmpty();
    }

    public boolean embeddedKafka() {
        return kafkaBootstrap.isEmpty();
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    public Path runDir() {
        return dataDir.resolve("run");
    }

    public Path logFile(Service service) {
        return logDir().resolve(service.module() + ".log");
    }

    /** The packaged service, {@code <module>/target/quarkus-app/quarkus-run.jar}. */
    public Path jarOf(Service service) {
        return root.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads {@code ATRIUM_*} variables: {@code ATRIUM_DATA_DIR}, {@code ATRIUM_BASE_PORT},
     * {@code ATRIUM_DATABASE_URL|USER|PASSWORD}, {@code ATRIUM_KAFKA_BOOTSTRAP}, {@code ATRIUM_PG_PORT},
     * {@code ATRIUM_KAFKA_PORT}, {@code ATRIUM_ADMIN_USERNAME|EMAIL|PASSWORD}, {@code ATRIUM_SECRETS_KEY},
     * {@code ATRIUM_JAVA_OPTS}, {@code ATRIUM_READY_TIMEOUT_SECONDS}; {@code OPENAI_API_KEY|BASE_URL|MODEL|MODELS}
     * (the platform provider) go to bot-service.
     */
    public static Builder fromEnvironment(Map<String, String> env) {
        Builder b = new Builder();
        b.env = env;
        value(env, "ATRIUM_DATA_DIR").ifPresent(dir -> b.dataDir(Path.of(dir)));
        value(env, "ATRIUM_BASE_PORT").ifPresent(p -> b.basePort(parsePort("ATRIUM_BASE_PORT", p)));
        value(env, "ATRIUM_DATABASE_URL").ifPresent(b::databaseUrl);
        value(env, "ATRIUM_DATABASE_USER").ifPresent(b::databaseUser);
        value(env, "ATRIUM_DATABASE_PASSWORD").ifPresent(b::databasePassword);
        value(env, "ATRIUM_KAFKA_BOOTSTRAP").ifPresent(b::kafkaBootstrap);
        value(env, "ATRIUM_PG_PORT").ifPresent(p -> b.pgPort(parsePort("ATRIUM_PG_PORT", p)));
        value(env, "ATRIUM_KAFKA_PORT").ifPresent(p -> b.kafkaPort(parsePort("ATRIUM_KAFKA_PORT", p)));
        value(env, "ATRIUM_ADMIN_USERNAME").ifPresent(b::adminUsername);
        value(env, "ATRIUM_ADMIN_EMAIL").ifPresent(b::adminEmail);
        value(env, "ATRIUM_ADMIN_PASSWORD").ifPresent(b::adminPassword);
        value(env, MasterKey.ENV).ifPresent(b::secretsKey);
        value(env, "ATRIUM_JAVA_OPTS").ifPresent(opts -> b.javaOpts(Arrays.asList(opts.trim().split("\\s+"))));
        for (Service service : Service.values()) {
            value(env, "ATRIUM_JAVA_OPTS_" + service.routeKey())
                    .ifPresent(opts -> b.serviceJavaOpts(service, Arrays.asList(opts.trim().split("\\s+"))));
        }
        value(env, "ATRIUM_READY_TIMEOUT_SECONDS")
                .ifPresent(s -> b.readyTimeout(Duration.ofSeconds(Long.parseLong(s.trim()))));
        for (String name : List.of("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL", "OPENAI_MODELS")) {
            value(env, name).ifPresent(v -> b.serviceEnv(Service.BOT, name, v));
        }
        return b;
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }

    private static int parsePort(String name, String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65_535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a port: " + value);
        }
    }

    /**
     * Walks up from {@code start} to the directory holding both {@code atrium} and {@code pom.xml}.
     */
    public static Optional<Path> findRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("atrium")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    public static final class Builder {
        private Map<String, String> env = Map.of();
        private Path root;
        private Path dataDir;
        private int basePort = DEFAULT_BASE_PORT;
        private String databaseUrl;
        private String databaseUser = "postgres";
        private String databasePassword = "";
        private String kafkaBootstrap;
        private int pgPort = DEFAULT_PG_PORT;
        private int kafkaPort = DEFAULT_KAFKA_PORT;
        private String adminUsername = "admin";
        private String adminEmail = "admin@atrium.local";
        private String adminPassword;
        private String secretsKey;
        private final Map<String, String> extraEnv = new LinkedHashMap<>();
        private final Map<Service, Map<String, String>> serviceEnv = new EnumMap<>(Service.class);
        private List<String> javaOpts = DEFAULT_JAVA_OPTS;
        private final Map<Service, List<String>> serviceJavaOpts = new EnumMap<>(Service.class);
        private Duration readyTimeout = DEFAULT_READY_TIMEOUT;
        private Path java;

        private Builder() {
        }

        public Builder root(Path root) {
            this.root = root;
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder basePort(int basePort) {
            this.basePort = basePort;
            return this;
        }

        public Builder databaseUrl(String databaseUrl) {
            this.databaseUrl = databaseUrl;
            return this;
        }

        public Builder databaseUser(String databaseUser) {
            this.databaseUser = databaseUser;
            return this;
        }

        public Builder databasePassword(String databasePassword) {
            this.databasePassword = databasePassword;
            return this;
        }

        public Builder kafkaBootstrap(String kafkaBootstrap) {
            this.kafkaBootstrap = kafkaBootstrap;
            return this;
        }

        public Builder pgPort(int pgPort) {
            this.pgPort = pgPort;
            return this;
        }

        public Builder kafkaPort(int kafkaPort) {
            this.kafkaPort = kafkaPort;
            return this;
        }

        public Builder adminUsername(String adminUsername) {
            this.adminUsername = adminUsername;
            return this;
        }

        public Builder adminEmail(String adminEmail) {
            this.adminEmail = adminEmail;
            return this;
        }

        public Builder adminPassword(String adminPassword) {
            this.adminPassword = adminPassword;
            return this;
        }

        /** The base64 of 32 bytes; checked when the suite starts. */
        public Builder secretsKey(String secretsKey) {
            this.secretsKey = secretsKey;
            return this;
        }

        public Builder extraEnv(String name, String value) {
            extraEnv.put(name, value);
            return this;
        }

        public Builder extraEnv(Map<String, String> env) {
            extraEnv.putAll(env);
            return this;
        }

        public Builder serviceEnv(Service service, String name, String value) {
            serviceEnv.computeIfAbsent(service, s -> new LinkedHashMap<>()).put(name, value);
            return this;
        }

        public Builder javaOpts(List<String> javaOpts) {
            this.javaOpts = new ArrayList<>(javaOpts);
            return this;
        }

        public Builder serviceJavaOpts(Service service, List<String> opts) {
            serviceJavaOpts.put(service, new ArrayList<>(opts));
            return this;
        }

        public Builder readyTimeout(Duration readyTimeout) {
            this.readyTimeout = readyTimeout;
            return this;
        }

        public Builder java(Path java) {
            this.java = java;
            return this;
        }

        public LaunchConfig build() {
            Path resolvedRoot = root != null ? root : findRoot(Path.of("")).orElseThrow(() ->
                    new IllegalStateException("cannot find the Atrium root (a directory with 'atrium' and "
                            + "'pom.xml') above " + Path.of("").toAbsolutePath()));
            Path resolvedData = dataDir != null ? dataDir : resolvedRoot.resolve(".atrium");
            Path resolvedJava = java != null ? java : JavaRuntime.find(env.isEmpty() ? System.getenv() : env);
            return new LaunchConfig(resolvedRoot.toAbsolutePath().normalize(),
                    resolvedData.toAbsolutePath().normalize(), basePort,
                    Optional.ofNullable(databaseUrl), databaseUser, databasePassword,
                    Optional.ofNullable(kafkaBootstrap), pgPort, kafkaPort, adminUsername, adminEmail,
                    Optional.ofNullable(adminPassword), Optional.ofNullable(secretsKey), extraEnv, serviceEnv, javaOpts, serviceJavaOpts, readyTimeout,
                    resolvedJava);
        }
    }
}
