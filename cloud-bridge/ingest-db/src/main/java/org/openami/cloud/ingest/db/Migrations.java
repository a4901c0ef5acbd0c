package org.openami.cloud.ingest.db;

import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.openami.cloud.ingest.db.DatabaseException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database to the current schema with Flyway, from the scripts in
 * {@code db/migration/ami} ({@code V1__schema.sql}, ...) packed in this module. Safe to call
 * on every start: an up-to-date database is left as it is, and concurrent callers (several
 * ingest processes starting at once) are serialised by Flyway's lock on the history table.
 */
public final class Migrations {

    /** Where the scripts are, on the class path of this module. */
    public static final String LOCATION = "classpath:db/migration/ami";

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    /**
     * Applies every pending migration.
     *
     * @throws DatabaseException {@link Reason#MIGRATION_FAILED} when a script fails or the
     *         history does not match the scripts (the failed script's changes are rolled back)
     */
    public static void migrate(DataSource dataSource) throws DatabaseException {
        Objects.requireNonNull(dataSource, "dataSource");
        try {
            MigrateResult result = flyway(dataSource).migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("schema migrated from {} to {} ({} migrations)", result.initialSchemaVersion,
                        result.targetSchemaVersion, result.migrationsExecuted);
            }
        } catch (FlywayException e) {
            throw new DatabaseException(Reason.MIGRATION_FAILED, "schema migration failed: " + e.getMessage(), e);
        }
    }

    /** The current schema version ("1", ...), or empty text on a database never migrated. */
    public static String currentVersion(DataSource dataSource) throws DatabaseException {
        Objects.requireNonNull(dataSource, "dataSource");
        try {
            var current = flyway(dataSource).info().current();
            return current == null || current.getVersion() == null ? "" : current.getVersion().getVersion();
        } catch (FlywayException e) {
            throw new DatabaseException(Reason.MIGRATION_FAILED, "reading the schema history failed: " + e.getMessage(), e);
        }
    }

    private static Flyway flyway(DataSource dataSource) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                .load();
    }
}
