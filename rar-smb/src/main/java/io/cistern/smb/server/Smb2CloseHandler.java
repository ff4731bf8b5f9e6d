package io.cistern.smb.server;

import io.cistern.smb.spi.SmbFileStatus;
import io.cistern.smb.spi.SmbInfoReply;
import io.cistern.smb.wire.FileAttributeValues;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2CloseRequest;
import io.cistern.smb.wire.Smb2CloseResponse;
import io.cistern.smb.wire.WireReader;

/**
 * SMB2 CLOSE, [MS-SMB2] 3.3.5.10. A body that is not a CLOSE request (2.2.15) is STATUS_INVALID_PARAMETER; a
 * FileId that names no open of the session and tree, STATUS_FILE_CLOSED. The open leaves Session.OpenTable at
 * once, so nothing after the CLOSE can use it. The last close of a delete-pending file (delete-on-close, or a
 * FileDispositionInformation) deletes it before the answer; a refusal then is only logged, since a CLOSE cannot
 * fail ([MS-FSA] 2.1.5.4). With SMB2_CLOSE_FLAG_POSTQUERY_ATTRIB the response carries the attributes after the
 * close (none once the file is deleted, or when the application cannot say). The open's byte-range locks are
 * released before the answer.
 */
final class Smb2CloseHandler {
    private final FileRequests files;

    Smb2CloseHandler(FileRequests files) {
        this.files = files;
    }

    void handle(FileRequests.Call call, WireReader body) {
        Smb2CloseRequest request = files.decode(call, body, Smb2CloseRequest::decode);
        SmbOpen open = request == null ? null : files.open(call, request.fileId());
        if (open == null) {
            return;
        }
        call.session().opens().remove(open);
        files.closeWatch(open);
        SharedFileRegistry.PendingDelete pending = files.registry().release(open);
        boolean postQuery = (request.flags() & Smb2CloseRequest.POSTQUERY_ATTRIB) != 0;
        if (pending == null && !postQuery && !open.locked()) {
            files.reply(call, NtStatus.STATUS_SUCCESS, Smb2CloseResponse.WITHOUT_ATTRIBUTES::encode);
            return;
        }
        files.submit(call, listener -> {
            files.unlockAll(listener, open);
            if (pending != null) {
                files.deleteNow(listener, pending);
                return Smb2CloseResponse.WITHOUT_ATTRIBUTES;
            }
            SmbInfoReply info = files.retrying(() -> listener.fileInfo(call.caller(), call.user(), open.handle()),
                    SmbInfoReply::status);
            if (info.status() != SmbFileStatus.OK) {
                return Smb2CloseResponse.WITHOUT_ATTRIBUTES;
            }
            FileAttributeValues values = FileAttributeMapping.values(info.info(),
                    FileAttributeMapping.lastName(open.path()));
            return new Smb2CloseResponse(Smb2CloseRequest.POSTQUERY_ATTRIB, values);
        }, response -> files.reply(call, NtStatus.STATUS_SUCCESS, response::encode));
    }
}
