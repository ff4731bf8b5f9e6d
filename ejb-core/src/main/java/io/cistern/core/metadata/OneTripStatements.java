package io.cistern.core.metadata;

import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.FileType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the one-statement mutations ({@link OneTripMutations}) share across calls: whether their functions are in the
 * database, and the directories as last seen. One per deployment, held by {@link MetadataCaches}; thread-safe.
 * Public only because that bean hands it out.
 */
public final class OneTripStatements {
    private static final Logger LOG = Logger.getLogger(OneTripStatements.class.getName());
    private static final String SCRIPT = "one-trip-mutations.sql";
    /** Directories whose rules were last applied; a wrong one costs a RETRY, never a wrong answer. */
    static final int MAX_DIRECTORIES = 10_000;

    /** Null until the first call has tried to install the functions. */
    private volatile Boolean available;
    private final ConcurrentHashMap<Long, Attributes> directories = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();

    /**
     * Whether the functions can be used, installing them on the first call. A database that refuses them (a role
     * without CREATE on the schema) leaves every change to the JPA path, with one warning; an unreachable one is the
     * caller's to report, and the next call tries again.
     */
    boolean available(Connection connection) throws SQLException {
        Boolean known = available;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (available == null) {
                available = install(connection);
            }
            return available;
        }
    }

    private static boolean install(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(script());
            return true;
        } catch (IllegalStateException | UncheckedIOException e) {
            LOG.log(Level.SEVERE, "the one-statement mutations are not in the deployment: creates, removes and"
                    + " renames take the JPA path", e);
            return false;
        } catch (SQLException e) {
            if (DatabaseErrors.translate(e).isPresent()) {
                throw e;   // an outage or a full disk: nothing learnt about the functions
            }
            LOG.log(Level.WARNING, "cannot install the one-statement mutations (SQLSTATE " + e.getSQLState()
                    + "): creates, removes and renames take the JPA path", e);
            return false;
        }
    }

    private static String script() {
        try (InputStream in = OneTripStatements.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is missing from the deployment");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Changes made by one statement since the deployment started. */
    long changes() {
        return changes.get();
    }

    void changed() {
        changes.incrementAndGet();
    }

    /** The directory as last seen by a one-statement mutation, if that is the inode the handle names. */
    Attributes lastSeen(long inodeId, long shareId, int generation) {
        Attributes seen = directories.get(inodeId);
        return seen != null && seen.shareId() == shareId && seen.generation() == generation ? seen : null;
    }

    void saw(Attributes directory) {
        if (directory.type() != FileType.DIRECTORY) {
            directories.remove(directory.inodeId());
            return;
        }
        if (directories.size() >= MAX_DIRECTORIES) {
            Iterator<Long> keys = directories.keySet().iterator();
            for (int i = 0; i < MAX_DIRECTORIES / 10 && keys.hasNext(); i++) {
                keys.next();
                keys.remove();
            }
        }
        directories.put(directory.inodeId(), directory);
    }
}
