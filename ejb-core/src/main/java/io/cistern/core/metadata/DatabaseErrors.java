package io.cistern.core.metadata;

import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import jakarta.resource.spi.ResourceAllocationException;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Turns the database failures a client should hear about into file-system errors: a full disk under
 * PostgreSQL is "no space" to the client, not an I/O error, and nothing is lost because the transaction
 * rolls back. A database that is unreachable (restarting, failing over, its connections cut) is "try later": the
 * client repeats the call once it is back (NFS JUKEBOX), rather than an application seeing an I/O error for an
 * outage of seconds. Everything else stays a system error.
 */
public final class DatabaseErrors {
    /** PostgreSQL SQLSTATE class 53: insufficient resources (53100 disk_full, 53200 out_of_memory, ...). */
    static final String DISK_FULL = "53100";
    static final String UNIQUE_VIOLATION = "23505";
    /** SQLSTATE class 08, connection exception (08001 cannot connect, 08006 connection failure, ...). */
    static final String CONNECTION_CLASS = "08";
    /** 08P01 is a protocol violation: a bug, not an outage. */
    static final String PROTOCOL_VIOLATION = "08P01";
    /** 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or in recovery). */
    static final String SHUTTING_DOWN_CLASS = "57P0";

    private DatabaseErrors() {
    }

    /** The file-system error behind a failure, if it is one a client should see. */
    public static Optional<FsException> translate(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof FsException fs) {
                return Optional.of(fs);
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                switch (sql.getSQLState()) {
                    case DISK_FULL:
                        return Optional.of(new FsException(FsError.NO_SPACE, "the metadata database is out of disk space"));
                    case UNIQUE_VIOLATION:
                        return Optional.of(new FsException(FsError.EXISTS, "the name exists"));
                    default:
                        break;
                }
                if (isUnreachable(sql.getSQLState())) {
                    return Optional.of(unreachable());
                }
            }
            // the pool could not hand out a connection: every cause of that (a refused or dead connection, an enlistment
            // that failed with it, all connections busy) passes once the database is back or a connection is free
            if (cause instanceof java.net.ConnectException || cause instanceof ResourceAllocationException) {
                return Optional.of(unreachable());
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }

    private static boolean isUnreachable(String sqlState) {
        return sqlState.startsWith(SHUTTING_DOWN_CLASS)
                || sqlState.startsWith(CONNECTION_CLASS) && !sqlState.equals(PROTOCOL_VIOLATION);
    }

    private static FsException unreachable() {
        return new FsException(FsError.TRY_LATER, "the metadata database is unreachable");
    }
}
