package io.cistern.smb.server;

import io.cistern.smb.spi.SmbFileStatus;
import io.cistern.smb.wire.AccessMask;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2FlushRequest;
import io.cistern.smb.wire.Smb2SmallResponse;
import io.cistern.smb.wire.WireReader;

/**
 * SMB2 FLUSH, [MS-SMB2] 3.3.5.11: a body that is not a FLUSH request (2.2.17) is STATUS_INVALID_PARAMETER, an
 * unknown FileId STATUS_FILE_CLOSED, an open granted neither FILE_WRITE_DATA nor FILE_APPEND_DATA
 * STATUS_ACCESS_DENIED; otherwise the answer comes once the application says everything written is on disk.
 */
final class Smb2FlushHandler {
    private final FileRequests files;

    Smb2FlushHandler(FileRequests files) {
        this.files = files;
    }

    void handle(FileRequests.Call call, WireReader body) {
        Smb2FlushRequest request = files.decode(call, body, Smb2FlushRequest::decode);
        SmbOpen open = request == null ? null : files.open(call, request.fileId());
        if (open == null) {
            return;
        }
        if (!open.granted(AccessMask.FILE_WRITE_DATA | AccessMask.FILE_APPEND_DATA)) {
            files.error(call, NtStatus.STATUS_ACCESS_DENIED);
            return;
        }
        files.submit(call, listener -> files.retrying(() -> listener.flush(call.caller(), call.user(), open.handle())),
                status -> {
                    if (status != SmbFileStatus.OK) {
                        files.error(call, status);
                    } else {
                        files.reply(call, NtStatus.STATUS_SUCCESS, Smb2SmallResponse.FLUSH::encode);
                    }
                });
    }
}
