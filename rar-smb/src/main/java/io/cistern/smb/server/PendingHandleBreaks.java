package io.cistern.smb.server;

import io.cistern.smb.wire.NtStatus;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A rename or delete (SET_INFO FileRenameInformation, FileDispositionInformation) held back by the handle-caching
 * breaks it caused ([MS-FSA] 2.1.4.12: the operation waits until the other opens' BATCH oplocks and leases' H are
 * acknowledged; [MS-SMB2] 3.3.5.21.1 and 3.3.4.2: the server answers STATUS_PENDING meanwhile). Once every break it
 * waits for has ended (acknowledged, its holder closed or disconnected, or the acknowledgment timer ran out), the
 * breaks are asked for again, since a holder may have taken handle caching anew, and when none is left to wait for
 * the operation runs, from its checks on, and answers as the final response. A CANCEL ends it with STATUS_CANCELLED,
 * and the open closed meanwhile with STATUS_FILE_CLOSED. A request with more of its compound after it cannot go
 * asynchronous: its breaks are sent and it goes on beside the breaking holders, as such a CREATE does. Runs on the
 * requester's event loop; the breaks end on their holders' event loops or workers, and hand over to it.
 */
final class PendingHandleBreaks extends AsyncRequest {
    private final SmbOpen open;
    private final Supplier<List<PendingBreak>> breaking;
    private final Consumer<FileRequests.Call> operation;
    private List<PendingBreak> waiting;

    private PendingHandleBreaks(FileRequests files, SmbOpen open, Supplier<List<PendingBreak>> breaking,
                                Consumer<FileRequests.Call> operation, List<PendingBreak> waiting) {
        super(files);
        this.open = open;
        this.breaking = breaking;
        this.operation = operation;
        this.waiting = waiting;
    }

    /**
     * Breaks what {@code breaking} breaks (on the event loop: it sends the notifications and returns the breaks to
     * wait for), then runs {@code operation} on the request's call, at once when nothing is to be waited for or the
     * request cannot wait, otherwise once the breaks have ended, on the asynchronous call.
     */
    static void run(FileRequests files, FileRequests.Call call, SmbOpen open,
                    Supplier<List<PendingBreak>> breaking, Consumer<FileRequests.Call> operation) {
        List<PendingBreak> waits = breaking.get();
        if (waits.isEmpty() || call.header().nextCommand() != 0) {
            operation.accept(call);
        } else {
            new PendingHandleBreaks(files, open, breaking, operation, waits).begin(call);
        }
    }

    @Override
    void started() {
        waitForBreaks();
    }

    private void waitForBreaks() {
        afterBreaks(waiting, this::breaksEnded);
    }

    private void breaksEnded() {
        FileRequests.Call call = call();
        if (!FileRequests.stillOpen(call, open)) {
            end(NtStatus.STATUS_FILE_CLOSED);
        } else {
            List<PendingBreak> again = breaking.get();
            if (again.isEmpty()) {
                finish();                              // the operation answers on the asynchronous call itself
                operation.accept(call);
            } else {
                waiting = again;
                waitForBreaks();
            }
        }
    }
}
