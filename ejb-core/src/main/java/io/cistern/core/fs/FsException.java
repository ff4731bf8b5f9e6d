package io.cistern.core.fs;

import jakarta.ejb.ApplicationException;

/**
 * A file-system operation failed for a reason the caller should see. An application exception: it
 * reaches the adapter as it is, and the transaction rolls back.
 */
@ApplicationException(rollback = true)
public class FsException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final FsError error;

    public FsException(FsError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public FsError error() {
        return error;
    }

    @Override
    public String toString() {
        return "FsException[" + error + ": " + getMessage() + "]";
    }
}
