package io.cistern.core.blocks;

import jakarta.ejb.ApplicationException;

/**
 * A block store operation failed. The {@link Kind} tells the caller what to do about it; the message is
 * for people and never contains credentials.
 *
 * <p>Unchecked, like {@code FsException}, because {@link BlockStore#list()} fails inside a stream. An
 * application exception, so that an EJB caller sees it as it is (not wrapped in an EJBException) and its
 * transaction rolls back.
 */
@ApplicationException(rollback = true)
public class BlockStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, as far as the caller's next step is concerned. */
    public enum Kind {
        /** The block is not in the store. */
        NOT_FOUND,
        /** The disk is full (ENOSPC or a quota): nothing can be written until space is freed. */
        NO_SPACE,
        /**
         * The store could not be reached or kept failing (refused connections, timeouts, 5xx) after the
         * retries: transient. The caller keeps the data in its journal and tries again later.
         */
        UNAVAILABLE,
        /** The bytes do not match their hash: on read, the store holds damaged data; on write, it refused them. */
        CORRUPT,
        /** Anything else: access denied, a missing bucket, an unexpected I/O error. */
        IO
    }

    private final Kind kind;

    public BlockStoreException(Kind kind, String message) {
        this(kind, message, null);
    }

    public BlockStoreException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public String toString() {
        return "BlockStoreException[" + kind + ": " + getMessage() + "]";
    }
}
