package org.openami.cloud.ingest.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;

/** A real embedded PostgreSQL in a temporary directory, migrated; one per test class. */
final class TestDatabase implements AutoCloseable {

    private final Path dir;
    private final EmbeddedDatabase db;

    private TestDatabase(Path dir, EmbeddedDatabase db) {
        this.dir = dir;
        this.db = db;
    }

    static TestDatabase start() throws IOException, DatabaseException {
        Path dir = Files.createTempDirectory("ami-ingest-db-test");
        EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"), 0);
        Migrations.migrate(db.dataSource());
        return new TestDatabase(dir, db);
    }

    DataSource dataSource() {
        return db.dataSource();
    }

    EmbeddedDatabase database() {
        return db;
    }

    /** Empties every data table (the schema stays). */
    void truncate() throws SQLException {
        execute("TRUNCATE reading, meter_event, command, command_result, envelope_seen, quarantine");
    }

    void execute(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    long queryLong(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    String queryString(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public void close() throws IOException {
        db.close();
        deleteTree(dir);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
