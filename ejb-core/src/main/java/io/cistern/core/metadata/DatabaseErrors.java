package io.cistern.core.metadata;

import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Turns the database failures a client should hear about into file-system errors: a full disk under
 * PostgreSQL is "no space" to the client, not an I/O error, and nothing is lost because the transaction
 * rolls back. Everything else stays a system error.
 */
public final class DatabaseErrors {
    /** PostgreSQL SQLSTATE class 53: insufficient resources (53100 disk_full, 53200 out_of_memory, ...). */
    static final String DISK_FULL = "53100";
    static final String UNIQUE_VIOLATION = "23505";

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
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }
}
