package io.cistern.smb.server;

import io.cistern.smb.spi.SmbFileStatus;
import io.cistern.smb.spi.SmbReadReply;
import io.cistern.smb.wire.AccessMask;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2ReadRequest;
import io.cistern.smb.wire.Smb2ReadResponse;
import io.cistern.smb.wire.WireReader;

/**
 * SMB2 READ, [MS-SMB2] 3.3.5.12.
 * <ul>
 * <li>STATUS_INVALID_PARAMETER: a body that is not a READ request (2.2.19), a Length above the MaxReadSize NEGOTIATE
 *     announced (64 KiB for 2.0.2), an Offset, or an Offset plus Length, beyond 2^63 - 1 (the largest offset a file
 *     may have, as Windows and Samba refuse it); STATUS_FILE_CLOSED: an unknown FileId;
 *     STATUS_INVALID_DEVICE_REQUEST: a directory; STATUS_ACCESS_DENIED: an open granted neither FILE_READ_DATA nor
 *     FILE_EXECUTE;</li>
 * <li>fewer bytes than MinimumCount, or none at all at or past the end of the file: STATUS_END_OF_FILE; a Length of
 *     0 is answered without asking the application: no data, or STATUS_END_OF_FILE when MinimumCount asks for more
 *     than none (3.3.5.12: fewer bytes read than MinimumCount).</li>
 * </ul>
 * The application's bytes are sent from where it holds them (views of its cache, several when the read spans
 * blocks), without a copy, and handed back to it ({@link SmbReadReply#release}) once the response is written or
 * dropped; an encrypted response reads them once, into its ciphertext.
 */
final class Smb2ReadHandler {
    private final FileRequests files;

    Smb2ReadHandler(FileRequests files) {
        this.files = files;
    }

    void handle(FileRequests.Call call, WireReader body) {
        Smb2ReadRequest request = files.decode(call, body, Smb2ReadRequest::decode);
        SmbOpen open = request == null ? null : files.open(call, request.fileId());
        if (open == null) {
            return;
        }
        int length = request.length();
        if (Integer.compareUnsigned(length, NegotiateResponder.MAX_READ_SIZE) > 0 || request.offset() < 0
                || request.offset() > Long.MAX_VALUE - length
                || !CreditCharge.covers(call.state(), call.header(), Integer.toUnsignedLong(length))) {
            files.error(call, NtStatus.STATUS_INVALID_PARAMETER);
        } else if (open.directory()) {
            files.error(call, NtStatus.STATUS_INVALID_DEVICE_REQUEST);
        } else if (!open.granted(AccessMask.FILE_READ_DATA | AccessMask.FILE_EXECUTE)) {
            files.error(call, NtStatus.STATUS_ACCESS_DENIED);
        } else if (length == 0 && request.minimumCount() != 0) {
            files.error(call, NtStatus.STATUS_END_OF_FILE);
        } else if (length == 0) {
            files.reply(call, NtStatus.STATUS_SUCCESS, new Smb2ReadResponse(java.nio.ByteBuffer.allocate(0))::encode);
        } else {
            files.submit(call, listener -> files.retrying(() -> listener.read(call.caller(), call.user(),
                    open.handle(), open.lockOwner(), request.offset(), length), SmbReadReply::status),
                    reply -> answer(call, request, reply), reply -> reply.release().run());
        }
    }

    private void answer(FileRequests.Call call, Smb2ReadRequest request, SmbReadReply reply) {
        long length = reply.length();
        if (reply.status() != SmbFileStatus.OK) {
            reply.release().run();
            files.error(call, reply.status());
        } else if (length == 0 || Long.compareUnsigned(length, Integer.toUnsignedLong(request.minimumCount())) < 0) {
            reply.release().run();
            files.error(call, NtStatus.STATUS_END_OF_FILE);
        } else if (length > Integer.toUnsignedLong(request.length())) {
            // more than asked would break the client's framing: the application broke the contract
            reply.release().run();
            files.error(call, NtStatus.STATUS_INTERNAL_ERROR);
        } else {
            files.replyLent(call, NtStatus.STATUS_SUCCESS,
                    out -> Smb2ReadResponse.encodeFixedPart(out, (int) length), reply.pieces(), reply.release());
        }
    }
}
