package io.cistern.smb.server;

import io.cistern.smb.spi.SmbListener;
import io.cistern.smb.spi.SmbFileStatus;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2ChangeNotifyRequest;
import io.cistern.smb.wire.WireReader;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * SMB2 CHANGE_NOTIFY, [MS-SMB2] 3.3.5.19: an unknown FileId is STATUS_FILE_CLOSED; a file rather than a directory,
 * or an OutputBufferLength past MaxTransactSize, STATUS_INVALID_PARAMETER; an open without FILE_LIST_DIRECTORY,
 * STATUS_ACCESS_DENIED. The open's first request asks the application to tell it about every change under the
 * directory ({@link SmbListener#watch}, SMB2_WATCH_TREE for the subtree) into the open's {@link ChangeWatch}, which
 * keeps them until the open is closed; each request is answered from there at once, or waits ({@link PendingNotify}).
 * Every request after the first has the application tell the writes it has not told yet
 * ({@link SmbListener#announcePendingWrites}), so that it is answered with them: a write's change is told a moment
 * after the write, and the client may already have seen the write done (smbtorture's smb2.notify.valid-req).
 */
final class Smb2ChangeNotifyHandler {
    private static final Logger LOG = Logger.getLogger(Smb2ChangeNotifyHandler.class.getName());
    private static final Runnable NOTHING = () -> { };
    /** FILE_LIST_DIRECTORY, the right to watch a directory ([MS-SMB2] 2.2.13.1.2). */
    private static final int LIST_DIRECTORY = 0x0000_0001;

    private final FileRequests files;

    Smb2ChangeNotifyHandler(FileRequests files) {
        this.files = files;
    }

    void handle(FileRequests.Call call, WireReader body) {
        Smb2ChangeNotifyRequest request = files.decode(call, body, Smb2ChangeNotifyRequest::decode);
        SmbOpen open = request == null ? null : files.open(call, request.fileId());
        if (open == null) {
            return;
        }
        if (!open.directory() || Integer.compareUnsigned(request.outputBufferLength(), NegotiateResponder.MAX_TRANSACT_SIZE) > 0) {
            files.error(call, NtStatus.STATUS_INVALID_PARAMETER);
            return;
        }
        if (!open.granted(LIST_DIRECTORY)) {
            files.error(call, NtStatus.STATUS_ACCESS_DENIED);
            return;
        }
        if (files.registry().deletePending(open.fileNumber())) {
            // delete-pending before this open's first request: no watch would ever be told of it
            files.error(call, NtStatus.STATUS_DELETE_PENDING);
            return;
        }
        ChangeWatch watch = open.changeWatch();
        if (watch != null) {
            answerAfterPendingWrites(call, request, watch);
        } else {
            startWatch(call, request, open);
        }
    }

    /**
     * A request on a watch that exists: answered from what is kept with the writes already done too, which are told
     * apart from them, later; the changes told before this request reach the watch before it does (one queue, in
     * order), and the requests of one watch are taken in the order they came, whichever worker is done first.
     */
    private void answerAfterPendingWrites(FileRequests.Call call, Smb2ChangeNotifyRequest request, ChangeWatch watch) {
        long turn = watch.nextTurn();
        boolean queued = files.submit(call, listener -> {
            tellPendingWrites(listener);
            return SmbFileStatus.OK;
        }, told -> watch.inTurn(turn, () -> watch.request(files, call, request.completionFilter(),
                request.outputBufferLength())), gone -> watch.inTurn(turn, NOTHING));
        if (!queued) {
            watch.inTurn(turn, NOTHING);   // answered STATUS_INSUFFICIENT_RESOURCES
        }
    }

    /** The open's first request: the watch starts, then the request is taken like any (in its turn, the first). */
    private void startWatch(FileRequests.Call call, Smb2ChangeNotifyRequest request, SmbOpen open) {
        ChangeWatch started = new ChangeWatch(call.channel(), request.completionFilter(),
                request.outputBufferLength());
        long turn = started.nextTurn();
        open.changeWatch(started);
        boolean queued = files.submit(call, listener -> watch(listener, call, request, open, started),
                status -> started.inTurn(turn, () -> {
                    if (status != SmbFileStatus.OK) {
                        open.changeWatch(null);
                        started.close();
                        files.error(call, status);
                    } else if (started.closed()) {
                        // the open was closed while the watch started: it must not outlive it
                        files.endWatch(started);
                        files.error(call, NtStatus.STATUS_NOTIFY_CLEANUP);
                    } else {
                        if (files.registry().deletePending(open.fileNumber())) {
                            // it went delete-pending while the watch started, perhaps before the open held it
                            started.deletePending();
                        }
                        started.request(files, call, request.completionFilter(), request.outputBufferLength());
                    }
                }), status -> {
                    files.endWatch(started);   // logged off while the watch started
                    started.inTurn(turn, NOTHING);
                });
        if (!queued) {
            started.inTurn(turn, NOTHING);
        }
    }

    /** The application's answer; IO_ERROR when it fails, so that the requests after this one still have their turn. */
    private SmbFileStatus watch(SmbListener listener, FileRequests.Call call, Smb2ChangeNotifyRequest request,
                                SmbOpen open, ChangeWatch started) {
        try {
            return files.retrying(() -> listener.watch(call.caller(), call.user(), open.handle(),
                    request.watchesTree(), started));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "starting a CHANGE_NOTIFY watch failed", e);
            return SmbFileStatus.IO_ERROR;
        }
    }

    /** Never throws: a watcher that misses a write's change still gets its answer. */
    private static void tellPendingWrites(SmbListener listener) {
        try {
            listener.announcePendingWrites();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "telling the writes not told yet failed", e);
        }
    }
}
