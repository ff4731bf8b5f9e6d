package io.cistern.smb.server;

import io.cistern.smb.wire.NtStatus;

/**
 * A CHANGE_NOTIFY gone asynchronous ([MS-SMB2] 3.3.5.19), waiting in its open's {@link ChangeWatch} until a change
 * comes (answered with the list of changes, or STATUS_NOTIFY_ENUM_DIR when they do not fit), a CANCEL ends it, or its
 * open is closed (STATUS_NOTIFY_CLEANUP). Nothing is polled: the application tells the watch.
 */
final class PendingNotify extends AsyncRequest {
    private final ChangeWatch watch;
    private final int completionFilter;
    private final int outputBufferLength;

    PendingNotify(FileRequests files, ChangeWatch watch, int completionFilter, int outputBufferLength) {
        super(files);
        this.watch = watch;
        this.completionFilter = completionFilter;
        this.outputBufferLength = outputBufferLength;
    }

    int completionFilter() {
        return completionFilter;
    }

    int outputBufferLength() {
        return outputBufferLength;
    }

    @Override
    void started() {
        watch.waiting(this);
    }

    /** The open went away before a change came. */
    void cleanup() {
        end(NtStatus.STATUS_NOTIFY_CLEANUP);
    }
}
