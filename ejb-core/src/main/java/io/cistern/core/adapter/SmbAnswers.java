package io.cistern.core.adapter;

import io.cistern.core.fs.FsException;
import io.cistern.core.metadata.DatabaseErrors;
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

    /**
     * @param command   names the request in the log
     * @param operation computes the reply, including the failures it already knows about
     * @param failure   the reply that carries nothing but a status
     */
    static <R> R answer(String command, Supplier<R> operation, Function<SmbFileStatus, R> failure) {
        try {
            return operation.get();
        } catch (FsException e) {
            if (LOG.isLoggable(Level.FINE)) {
                LOG.fine("SMB " + command + ": " + e.error() + ": " + e.getMessage());
            }
            return failure.apply(SmbTranslation.status(e.error()));
        } catch (RuntimeException e) {
            Optional<FsException> database = DatabaseErrors.translate(e);
            if (database.isEmpty()) {
                throw e;
            }
            SmbFileStatus status = SmbTranslation.status(database.get().error());
            DATABASE_DOWN.warn("SMB " + command + ": " + database.get().getMessage() + "; answering " + status);
            return failure.apply(status);
        }
    }
}
