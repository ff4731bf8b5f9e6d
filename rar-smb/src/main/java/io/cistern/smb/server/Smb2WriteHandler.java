package io.cistern.smb.server;

import io.cistern.smb.spi.SmbFileStatus;
import io.cistern.smb.spi.SmbInfoReply;
import io.cistern.smb.spi.SmbListener;
import io.cistern.smb.spi.SmbWriteReply;
import io.cistern.smb.wire.AccessMask;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2WriteRequest;
import io.cistern.smb.wire.Smb2WriteResponse;
import io.cistern.smb.wire.SmbWireException;
import io.cistern.smb.wire.WireReader;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/**
 * SMB2 WRITE, [MS-SMB2] 3.3.5.13.
 * <ul>
 * <li>STATUS_INVALID_PARAMETER: a body that is not a WRITE request (2.2.21: data outside the message), a Length
 *     above the MaxWriteSize NEGOTIATE announced (64 KiB for 2.0.2), a negative Offset (the all-ones "end of file"
 *     of [MS-FSA] 2.1.5.4 included: Windows and Samba refuse it over SMB2), data that would end beyond
 *     {@link #MAX_FILE_SIZE}; STATUS_FILE_CLOSED: an unknown FileId; STATUS_INVALID_DEVICE_REQUEST: a directory;</li>
 * <li>STATUS_ACCESS_DENIED: an open granted neither FILE_WRITE_DATA nor FILE_APPEND_DATA, or only FILE_APPEND_DATA
 *     for data that starts within the file (3.3.5.13: such an open may only extend the file);</li>
 * <li>SMB2_WRITEFLAG_WRITE_THROUGH reaches the application, which syncs before it answers; TRY_LATER is re-asked,
 *     never turned into a lost write.</li>
 * </ul>
 */
final class Smb2WriteHandler {
    /**
     * The end of the largest file a write may make: NTFS's largest (16 TiB less 64 KiB), which Windows and Samba
     * both enforce, so that a client sees the same limit on every server.
     */
    static final long MAX_FILE_SIZE = 0xfffffff0000L;
    private final FileRequests files;

    Smb2WriteHandler(FileRequests files) {
        this.files = files;
    }

    void handle(FileRequests.Call call, WireReader body) {
        Smb2WriteRequest.Fields request;
        try {
            request = Smb2WriteRequest.decodeFields(body, NegotiateResponder.MAX_WRITE_SIZE);
        } catch (SmbWireException e) {
            files.error(call, NtStatus.STATUS_INVALID_PARAMETER);
            return;
        }
        SmbOpen open = files.open(call, request.fileId());
        if (open == null) {
            return;
        }
        long offset = request.offset();
        int length = request.length();
        if (!CreditCharge.covers(call.state(), call.header(), length)) {
            files.error(call, NtStatus.STATUS_INVALID_PARAMETER);
        } else if (offset < 0 || length > 0 && offset > MAX_FILE_SIZE - length) {
            files.error(call, NtStatus.STATUS_INVALID_PARAMETER);
        } else if (open.directory()) {
            files.error(call, NtStatus.STATUS_INVALID_DEVICE_REQUEST);
        } else if (!open.granted(AccessMask.FILE_WRITE_DATA | AccessMask.FILE_APPEND_DATA)) {
            files.error(call, NtStatus.STATUS_ACCESS_DENIED);
        } else {
            if (length > 0) {
                files.registry().breakReadCaching(open);   // the others' cached reads go stale ([MS-SMB2] 3.3.4.7)
            }
            submit(call, body, open, request);
        }
    }

    /**
     * Hands the data to a worker as the message's own bytes, retained until the application has journaled them
     * (it keeps no reference past the call), instead of a copy: a WRITE's megabytes were copied into an array of
     * their own, allocated afresh for every request, before the journal copied them again.
     */
    private void submit(FileRequests.Call call, WireReader body, SmbOpen open, Smb2WriteRequest.Fields request) {
        ByteBuf data;
        try {
            data = body.retainedSlice(request.dataOffset(), request.length());
        } catch (SmbWireException e) {
            files.error(call, NtStatus.STATUS_INVALID_PARAMETER);   // decodeFields checked it: not expected
            return;
        }
        Runnable release = LentData.once(data::release);
        boolean writeThrough = (request.flags() & Smb2WriteRequest.WRITE_THROUGH) != 0;
        boolean queued = files.submit(call, listener -> {
            try {
                return write(listener, call, open, request, data.nioBuffer().asReadOnlyBuffer(), writeThrough);
            } finally {
                release.run();
            }
        }, reply -> {
            if (reply.status() != SmbFileStatus.OK) {
                files.error(call, reply.status());
            } else {
                files.reply(call, NtStatus.STATUS_SUCCESS, new Smb2WriteResponse(reply.count())::encode);
            }
        });
        if (!queued) {
            release.run();
        }
    }

    private SmbWriteReply write(SmbListener listener, FileRequests.Call call, SmbOpen open,
                                Smb2WriteRequest.Fields request, ByteBuffer data, boolean writeThrough) {
        if (!open.granted(AccessMask.FILE_WRITE_DATA)) {
            SmbInfoReply info = files.retrying(() -> listener.fileInfo(call.caller(), call.user(), open.handle()),
                    SmbInfoReply::status);
            if (info.status() != SmbFileStatus.OK) {
                return SmbWriteReply.failure(info.status());
            }
            if (request.offset() < info.info().size()) {
                return SmbWriteReply.failure(SmbFileStatus.ACCESS_DENIED);
            }
        }
        // each attempt gets the data from its start: a listener may have moved the buffer's position
        return files.retrying(() -> listener.write(call.caller(), call.user(), open.handle(),
                open.lockOwner(), request.offset(), data.duplicate(), writeThrough), SmbWriteReply::status);
    }
}
