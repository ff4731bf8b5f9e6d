package io.cistern.smb.server;

import io.cistern.smb.spi.SmbFileInfo;
import io.cistern.smb.spi.SmbFileStatus;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2ChangeNotifyRequest;
import io.cistern.smb.wire.WireReader;

/**
 * SMB2 CHANGE_NOTIFY, [MS-SMB2] 3.3.5.19: an unknown FileId is STATUS_FILE_CLOSED; a file rather than a directory,
 * or an OutputBufferLength past MaxTransactSize, STATUS_INVALID_PARAMETER; an open without FILE_LIST_DIRECTORY,
 * STATUS_ACCESS_DENIED. Otherwise the directory's state is read: when it moved since the open's previous watch the
 * request is answered STATUS_NOTIFY_ENUM_DIR at once, else it waits for a change ({@link PendingNotify}). SMB2_WATCH_TREE is taken as watching the directory itself only: a change deeper down is
 * not seen.
 */
final class Smb2ChangeNotifyHandler {
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
        files.submit(call, listener -> files.retrying(
                () -> listener.fileInfo(call.caller(), call.user(), open.handle()), reply -> reply.status()), now -> {
                    SmbFileInfo seen = open.watchedState();
                    if (now.status() != SmbFileStatus.OK) {
                        files.error(call, now.status());
                    } else if (seen != null && PendingNotify.changed(seen, now.info())) {
                        open.watchedState(now.info());
                        files.error(call, NtStatus.STATUS_NOTIFY_ENUM_DIR);
                    } else {
                        open.watchedState(now.info());
                        PendingNotify.start(files, call, open, now.info());
                    }
                });
    }
}
