package io.cistern.core.adapter;

import io.cistern.core.fs.FsException;
import io.cistern.core.metadata.DatabaseErrors;
import io.cistern.core.metrics.RequestRecorder;
import io.cistern.smb.spi.SmbFileStatus;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the outcome of an SMB file request into a reply: a file-system error becomes its status, an unreachable
 * database TRY_LATER (the adapter asks again). Anything else propagates: the adapter logs it once, with the
 * command, and answers STATUS_INTERNAL_ERROR.
 */
final class SmbAnswers {
    private static final Logger LOG = Logger.getLogger(SmbAnswers.class.getName());
    private static final DatabaseOutageWarning DATABASE_DOWN = new DatabaseOutageWarning(LOG);

    private SmbAnswers() {
    }

    /** As {@link #answer(RequestRecorder, String, Supplier, Function)}, recording nothing. */
    static <R> R answer(String command, Supplier<R> operation, Function<SmbFileStatus, R> failure) {
        return answer(RequestRecorder.NONE, command, operation, failure);
    }

    /**
     * @param requests  where the time taken and any error status go
     * @param command   names the request in the log and the metrics
     * @param operation computes the reply, including the failures it already knows about
     * @param failure   the reply that carries nothing but a status
     */
    static <R> R answer(RequestRecorder requests, String command, Supplier<R> operation,
                        Function<SmbFileStatus, R> failure) {
        long started = System.nanoTime();
        String failed = null;
        try {
            R reply = operation.get();
            if (reply instanceof SmbFileStatus status && status != SmbFileStatus.OK) {
                failed = status.name();
            }
            return reply;
        } catch (FsException e) {
            if (LOG.isLoggable(Level.FINE)) {
                LOG.fine("SMB " + command + ": " + e.error() + ": " + e.getMessage());
            }
            SmbFileStatus status = SmbTranslation.status(e.error());
            failed = status.name();
            return failure.apply(status);
        } catch (RuntimeException e) {
            Optional<FsException> database = DatabaseErrors.translate(e);
            if (database.isEmpty()) {
                failed = "INTERNAL_ERROR";
                throw e;
            }
            SmbFileStatus status = SmbTranslation.status(database.get().error());
            DATABASE_DOWN.warn("SMB " + command + ": " + database.get().getMessage() + "; answering " + status);
            failed = status.name();
            return failure.apply(status);
        } finally {
            requests.record(command, System.nanoTime() - started, failed);
        }
    }
}
