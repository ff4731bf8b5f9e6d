package io.cistern.core.adapter;

import io.cistern.core.fs.FsException;
import io.cistern.nfs.spi.NlmStatus;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every outcome of an NLM procedure into a reply, as {@link NfsAnswers} does for NFS: an expected refusal
 * becomes its status, anything else is logged once here and answered FAILED (nlm4_failed, "unspecified"), which a
 * Linux client reports as ENOLCK. Errors propagate.
 */
final class NlmAnswers {
    private static final Logger LOG = Logger.getLogger(NlmAnswers.class.getName());

    private NlmAnswers() {
    }

    static <R> R answer(String procedure, Supplier<R> operation, Function<NlmStatus, R> failure) {
        try {
            return operation.get();
        } catch (NlmRefusal e) {
            fine(procedure, e.status(), e.getMessage());
            return failure.apply(e.status());
        } catch (FsException e) {
            fine(procedure, e.error(), e.getMessage());
            return failure.apply(NlmTranslation.status(e.error()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "NLM " + procedure + " failed; answering FAILED", e);
            return failure.apply(NlmStatus.FAILED);
        }
    }

    /** For a procedure without a reply (FREE_ALL): a failure is only logged. */
    static void run(String procedure, Runnable operation) {
        try {
            operation.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "NLM " + procedure + " failed", e);
        }
    }

    private static void fine(String procedure, Object outcome, String message) {
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("NLM " + procedure + ": " + outcome + ": " + message);
        }
    }
}
