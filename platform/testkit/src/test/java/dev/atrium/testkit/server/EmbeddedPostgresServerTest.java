package dev.atrium.testkit.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedPostgresServerTest {

    @Test
    void createsDatabaseThatAnswersQueries() throws SQLException {
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(null, 0)) {
            assertTrue(pg.port() > 0);
            pg.createDatabase("atrium_probe");
            pg.createDatabase("atrium_probe");
            assertEquals("jdbc:postgresql://localhost:" + pg.port() + "/atrium_probe", pg.jdbcUrl("atrium_probe"));
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("atrium_probe"), pg.username(), pg.password());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select 1, current_database()")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
                assertEquals("atrium_probe", rs.getString(2));
            }
        }
    }

    @Test
    void rejectsDatabaseNamesThatWouldNeedQuoting() {
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(null, 0)) {
            assertThrows(IllegalArgumentException.class, () -> pg.createDatabase("Bad-Name"));
            assertThrows(IllegalArgumentException.class, () -> pg.createDatabase("x; drop database postgres"));
        }
    }

    @Test
    void keepsDataAcrossRestartOnTheSameDataDirectory(@TempDir Path dir) throws SQLException {
        Path dataDir = dir.resolve("pgdata");
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir, 0)) {
            pg.createDatabase("atrium_keep");
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("atrium_keep"), pg.username(), pg.password());
                 Statement s = c.createStatement()) {
                s.execute("create table note (body text)");
                s.execute("insert into note values ('survives')");
            }
        }
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir, 0)) {
            pg.createDatabase("atrium_keep");
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("atrium_keep"), pg.username(), pg.password());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select body from note")) {
                assertTrue(rs.next());
                assertEquals("survives", rs.getString(1));
            }
        }
    }
}
