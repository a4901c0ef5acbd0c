package org.openami.cloud.ingest.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openami.cloud.ingest.db.Fixtures.curve;
import static org.openami.cloud.ingest.db.Fixtures.ref;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openami.cloud.ingest.db.DatabaseException.Reason;
import org.openami.concentrator.model.Quantity;

class EmbeddedDatabaseTest {

    private Path dir;

    @BeforeEach
    void tempDir() throws Exception {
        dir = Files.createTempDirectory("ami-embedded-db-test");
    }

    @AfterEach
    void removeTempDir() throws Exception {
        TestDatabase.deleteTree(dir);
    }

    private static long historyRows(EmbeddedDatabase db) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM flyway_schema_history")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void migratesAnEmptyDatabaseAndARestartKeepsSchemaAndRows() throws Exception {
        Path data = dir.resolve("pg");
        int firstPort;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data, 0)) {
            firstPort = db.port();
            assertThat(firstPort).isPositive();
            assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:" + firstPort + "/postgres?user=postgres");
            assertThat(Migrations.currentVersion(db.dataSource())).isEmpty();
            Migrations.migrate(db.dataSource());
            assertThat(Migrations.currentVersion(db.dataSource())).isEqualTo("2");
            long history = historyRows(db);
            Migrations.migrate(db.dataSource()); // no-op
            assertThat(historyRows(db)).isEqualTo(history);
            new IngestWriter(db.dataSource()).writeTelemetry(ref("c1", 1, "x"), List.of(
                    curve(1, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, 0, 100), curve(1, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, 1, 110)));
        }
        assertThat(EmbeddedDatabase.isFree(firstPort)).isTrue();
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data, 0)) {
            long history = historyRows(db);
            Migrations.migrate(db.dataSource()); // a restart migrates again: nothing to do
            assertThat(historyRows(db)).isEqualTo(history);
            assertThat(Migrations.currentVersion(db.dataSource())).isEqualTo("2");
            assertThat(new ReadingQueries(db.dataSource()).count()).isEqualTo(2);
            assertThat(new IngestWriter(db.dataSource()).writeTelemetry(ref("c1", 1, "x"), List.of()).status())
                    .isEqualTo(WriteOutcome.Status.DUPLICATE);
        }
    }

    @Test
    void aTakenPortIsAClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> EmbeddedDatabase.start(dir.resolve("pg"), port))
                    .isInstanceOfSatisfying(DatabaseException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.PORT_IN_USE);
                        assertThat(e.getMessage()).isEqualTo("port " + port + " is already in use");
                    });
        }
        assertThatThrownBy(() -> EmbeddedDatabase.start(dir.resolve("pg"), 65536))
                .isInstanceOfSatisfying(DatabaseException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT))
                .hasMessage("port 65536 is outside 0..65535");
    }

    @Test
    void aPortOrDirectoryUsedByAnotherServerIsAClearError() throws Exception {
        try (EmbeddedDatabase first = EmbeddedDatabase.start(dir.resolve("a"), 0)) {
            assertThatThrownBy(() -> EmbeddedDatabase.start(dir.resolve("b"), first.port()))
                    .isInstanceOfSatisfying(DatabaseException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PORT_IN_USE))
                    .hasMessage("port " + first.port() + " is already in use");
            assertThatThrownBy(() -> EmbeddedDatabase.start(dir.resolve("a"), 0))
                    .isInstanceOfSatisfying(DatabaseException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.DATA_DIRECTORY_IN_USE))
                    .hasMessageContaining("in use");
            // the first one still works
            try (Connection c = first.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT 41 + 1")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }

    /**
     * A JVM killed with SIGKILL leaves its PostgreSQL server running on the directory; the next
     * start stops it and finds every committed row. A second live process on the directory is refused.
     */
    @Test
    void aServerLeftByAKilledProcessIsStoppedAndItsDataKept() throws Exception {
        Path data = dir.resolve("pg");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OrphanChild.class.getName(), data.toString())
                .redirectErrorStream(true).start();
        long serverPid;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            String ready = null;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("READY ")) {
                    ready = line;
                    break;
                }
            }
            assertThat(ready).as("child output").isNotNull();
            // while the child lives, its directory is in use
            assertThatThrownBy(() -> EmbeddedDatabase.start(data, 0))
                    .isInstanceOfSatisfying(DatabaseException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.DATA_DIRECTORY_IN_USE));
            serverPid = OrphanedServer.runningServer(data).orElseThrow().pid();
            child.toHandle().destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(ProcessHandle.of(serverPid).map(ProcessHandle::isAlive)).contains(true); // the orphan
        } finally {
            child.destroyForcibly();
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data, 0)) {
            assertThat(ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            Migrations.migrate(db.dataSource());
            assertThat(new ReadingQueries(db.dataSource()).count()).isEqualTo(3);
        }
    }
}
