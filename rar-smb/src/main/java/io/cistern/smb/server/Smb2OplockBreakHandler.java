package io.cistern.smb.server;

import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2Dialect;
import io.cistern.smb.wire.Smb2LeaseBreakAcknowledgment;
import io.cistern.smb.wire.Smb2OplockBreak;
import io.cistern.smb.wire.SmbWireException;
import io.cistern.smb.wire.WireReader;

/**
 * SMB2 OPLOCK_BREAK from the client, [MS-SMB2] 3.3.5.22: the acknowledgment of a break notification. Its
 * StructureSize tells which: 24 is an Oplock Break Acknowledgment (2.2.24.1, answered with 2.2.25.1), 36 a Lease
 * Break Acknowledgment (2.2.24.2, answered with 2.2.25.2, from 2.1 on); anything else is STATUS_INVALID_PARAMETER.
 * <ul>
 * <li>oplock: an unknown FileId is STATUS_FILE_CLOSED; the rest is {@link OplockTable#acknowledgeOplock}
 *     (STATUS_INVALID_OPLOCK_PROTOCOL when nothing breaks or for a level the break did
 *     not offer, STATUS_INVALID_PARAMETER for a lease's open);</li>
 * <li>lease: the lease is looked up by this connection's ClientGuid and the key, so no client acknowledges another's
 *     lease ({@link OplockTable#acknowledgeLease}: STATUS_OBJECT_NAME_NOT_FOUND, STATUS_UNSUCCESSFUL,
 *     STATUS_REQUEST_NOT_ACCEPTED).</li>
 * </ul>
 * A CREATE that waited for the break goes on as the acknowledgment ends it.
 */
final class Smb2OplockBreakHandler {
    private final FileRequests files;

    Smb2OplockBreakHandler(FileRequests files) {
        this.files = files;
    }

    void handle(FileRequests.Call call, WireReader body) {
        int structureSize;
        try {
            int start = body.position();
            structureSize = body.readUInt16();
            body.seek(start);
        } catch (SmbWireException e) {
            files.error(call, NtStatus.STATUS_INVALID_PARAMETER);
            return;
        }
        if (structureSize == Smb2OplockBreak.STRUCTURE_SIZE) {
            acknowledgeOplock(call, body);
        } else if (structureSize == Smb2LeaseBreakAcknowledgment.STRUCTURE_SIZE
                && call.state().negotiateDialect() >= Smb2Dialect.SMB_2_1) {
            acknowledgeLease(call, body);
        } else {
            files.error(call, NtStatus.STATUS_INVALID_PARAMETER);
        }
    }

    private void acknowledgeOplock(FileRequests.Call call, WireReader body) {
        Smb2OplockBreak ack = files.decode(call, body, Smb2OplockBreak::decode);
        SmbOpen open = ack == null ? null : files.open(call, ack.fileId());
        if (open == null) {
            return;
        }
        OplockTable.Ack outcome = files.registry().acknowledgeOplock(open, ack.oplockLevel());
        if (outcome.status() != NtStatus.STATUS_SUCCESS) {
            files.error(call, outcome.status());
            return;
        }
        files.reply(call, NtStatus.STATUS_SUCCESS, new Smb2OplockBreak(outcome.granted(), open.fileId())::encode);
    }

    private void acknowledgeLease(FileRequests.Call call, WireReader body) {
        Smb2LeaseBreakAcknowledgment ack = files.decode(call, body, Smb2LeaseBreakAcknowledgment::decode);
        if (ack == null) {
            return;
        }
        OplockTable.Ack outcome = files.registry().acknowledgeLease(call.state().clientGuid(), ack.leaseKey(),
                ack.leaseState());
        if (outcome.status() != NtStatus.STATUS_SUCCESS) {
            files.error(call, outcome.status());
            return;
        }
        files.reply(call, NtStatus.STATUS_SUCCESS,
                new Smb2LeaseBreakAcknowledgment(ack.leaseKey(), outcome.granted())::encode);
    }
}
