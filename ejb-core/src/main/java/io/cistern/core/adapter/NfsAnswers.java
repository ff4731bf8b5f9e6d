package io.cistern.core.adapter;

import io.cistern.core.fs.FsException;
import io.cistern.core.metadata.DatabaseErrors;
import io.cistern.core.metrics.RequestRecorder;
import io.cistern.nfs.spi.NfsReply;
import io.cistern.nfs.spi.NfsStatus;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every outcome of an NFS procedure into a reply. The listener contract keeps expected failures out of
 * exceptions, and an exception that reached the adapter would be logged there a second time with less context;
 * so a file-system error becomes its status, an unreachable database JUKEBOX (the client retries), and anything
 * else is logged here, once, with the procedure's name, and answered SERVERFAULT. Errors (out of memory, assertion failures) are left to propagate: no reply is
 * worth hiding those.
 */
final class NfsAnswers {
    private static final Logger LOG = Logger.getLogger(NfsAnswers.class.getName());
    private static final DatabaseOutageWarning DATABASE_DOWN = new DatabaseOutageWarning(LOG);

    private NfsAnswers() {
    }

    /** As {@link #answer(RequestRecorder, String, Supplier, Function)}, recording nothing. */
    static <R> R answer(String procedure, Supplier<R> operation, Function<NfsStatus, R> failure) {
        return answer(RequestRecorder.NONE, procedure, operation, failure);
    }

    /**
     * @param requests  where the time taken and any error status go
     * @param procedure names the procedure in the log and the metrics
     * @param operation computes the successful reply, or the failure reply it already knows more about
     * @param failure   the reply that carries nothing but a status
     */
    static <R> R answer(RequestRecorder requests, String procedure, Supplier<R> operation,
                        Function<NfsStatus, R> failure) {
        long started = System.nanoTime();
        NfsStatus failed = null;
        try {
            R reply = operation.get();
            if (reply instanceof NfsReply answered && answered.status() != NfsStatus.OK) {
                failed = answered.status();
            }
            return reply;
        } catch (FsException e) {
            if (LOG.isLoggable(Level.FINE)) {
                LOG.fine(procedure + ": " + e.error() + ": " + e.getMessage());
            }
            failed = NfsTranslation.status(e.error());
            return failure.apply(failed);
        } catch (RuntimeException e) {
            Optional<FsException> database = DatabaseErrors.translate(e);
            if (database.isPresent()) {
                logDatabaseFailure(procedure, database.get());
                failed = NfsTranslation.status(database.get().error());
            } else {
                LOG.log(Level.WARNING, "NFS " + procedure + " failed; answering SERVERFAULT", e);
                failed = NfsStatus.SERVERFAULT;
            }
            return failure.apply(failed);
        } finally {
            requests.record(procedure, System.nanoTime() - started, failed == null ? null : failed.name());
        }
    }

    /**
     * A reply from memory, or null: then the adapter asks again on a worker, through {@link #answer}, which
     * records the call. So only a reply is recorded here, and an exception is no failure but a null (the worker
     * meets it again, and logs and answers it there).
     */
    static <R> R fromMemory(RequestRecorder requests, String procedure, Supplier<R> operation) {
        long started = System.nanoTime();
        R reply;
        try {
            reply = operation.get();
        } catch (RuntimeException e) {
            return null;
        }
        if (reply != null) {
            requests.record(procedure, System.nanoTime() - started, null);
        }
        return reply;
    }

    private static void logDatabaseFailure(String procedure, FsException failure) {
        DATABASE_DOWN.warn("NFS " + procedure + ": " + failure.getMessage() + "; answering "
                + NfsTranslation.status(failure.error()) + " (the client retries)");
    }
}
