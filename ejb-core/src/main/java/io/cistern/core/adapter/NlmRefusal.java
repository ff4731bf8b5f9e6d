package io.cistern.core.adapter;

import io.cistern.nfs.spi.NlmStatus;

/**
 * An NLM request refused for a reason the file system has no error for (an offset past the last byte, an unknown
 * share mode): carries the status straight to the reply. Without a stack trace, since it is an answer, not a fault.
 */
final class NlmRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient NlmStatus status;

    NlmRefusal(NlmStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    NlmStatus status() {
        return status;
    }
}
