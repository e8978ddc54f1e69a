package dev.atrium.testkit;

import dev.atrium.testkit.server.EmbeddedPostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a Quarkus test at the JVM-wide embedded PostgreSQL and creates the database named by the init arg
 * {@code database}.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE_ARG = "database";

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        String value = initArgs.get(DATABASE_ARG);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("PostgresResource needs the init arg '" + DATABASE_ARG
                    + "', e.g. initArgs = @ResourceArg(name = \"database\", value = \"atrium_auth\")");
        }
        database = value;
    }

    @Override
    public Map<String, String> start() {
        if (database == null) {
            throw new IllegalStateException("PostgresResource was started without the init arg '" + DATABASE_ARG + "'");
        }
        EmbeddedPostgresServer server = SharedServers.postgres();
        server.createDatabase(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", server.jdbcUrl(database),
                "quarkus.datasource.username", server.username(),
                "quarkus.datasource.password", server.password(),
                "quarkus.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        // Shared by every test class in the JVM; SharedServers stops it at exit.
    }
}
