package io.cistern.smb.server;

import io.cistern.smb.fscc.FileAttributes;
import io.cistern.smb.spi.SmbCreateAction;
import io.cistern.smb.spi.SmbDisposition;
import io.cistern.smb.spi.SmbFileInfo;
import io.cistern.smb.spi.SmbFileStatus;
import io.cistern.smb.spi.SmbInfoReply;
import io.cistern.smb.spi.SmbListener;
import io.cistern.smb.spi.SmbOpenReply;
import io.cistern.smb.spi.SmbOpenRequest;
import io.cistern.smb.spi.SmbOpenTarget;
import io.cistern.smb.wire.AccessMask;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2CreateRequest;
import java.util.List;

/**
 * What a decoded CREATE asks of the file system ([MS-SMB2] 3.3.5.9, [MS-FSA] 2.1.5.1), checked before any worker
 * is asked, and the part that runs on the worker.
 * <ul>
 * <li>DesiredAccess: generic rights mapped to file rights ([MS-FSA] 2.1.5.1.2); MAXIMUM_ALLOWED is the tree's
 *     MaximalAccess, narrowed to reading when the application refuses writing; ACCESS_SYSTEM_SECURITY (no SACLs
 *     here), or anything beyond a read-only tree's MaximalAccess: STATUS_ACCESS_DENIED, as are dispositions that
 *     create or truncate and delete-on-close on a read-only tree;</li>
 * <li>STATUS_BAD_IMPERSONATION_LEVEL: an ImpersonationLevel above 3 (Delegate), as 3.3.5.9 requires;</li>
 * <li>STATUS_INVALID_PARAMETER: a CreateDisposition above 5, FILE_DIRECTORY_FILE with FILE_NON_DIRECTORY_FILE or
 *     with a truncating disposition, FILE_DELETE_ON_CLOSE without DELETE access; STATUS_NOT_SUPPORTED:
 *     FILE_OPEN_BY_FILE_ID;</li>
 * <li>truncating dispositions (SUPERSEDE, OVERWRITE, OVERWRITE_IF) first open the existing file without
 *     truncating, pass the share-access check, and only then truncate it, so that a sharing violation never costs
 *     another open its data (the contract's open() would truncate before the adapter could check);</li>
 * <li>delete-on-close asks {@link SmbListener#checkDelete} at once, so the refusal comes with the CREATE; on a
 *     read-only file (no owner write bit) it is STATUS_CANNOT_DELETE, and so is a new file asked to be created
 *     read-only and deleted on close, which is then never created ([MS-FSA] 2.1.5.1.2.1, 2.1.5.1.2);</li>
 * </ul>
 */
record CreatePlan(SmbDisposition disposition, SmbOpenTarget target, int access, boolean maximumAllowed,
                  int shareAccess, boolean deleteOnClose, boolean readOnlyAttribute, List<String> path) {

    static final int WRITE_RIGHTS = AccessMask.FILE_WRITE_DATA | AccessMask.FILE_APPEND_DATA | AccessMask.FILE_WRITE_EA
            | AccessMask.FILE_WRITE_ATTRIBUTES | AccessMask.DELETE | AccessMask.WRITE_DAC | AccessMask.WRITE_OWNER
            | AccessMask.FILE_DELETE_CHILD;
    private static final int GENERIC_READ = AccessMask.FILE_READ_DATA | AccessMask.FILE_READ_EA
            | AccessMask.FILE_READ_ATTRIBUTES | AccessMask.READ_CONTROL | AccessMask.SYNCHRONIZE;
    private static final int GENERIC_WRITE = AccessMask.FILE_WRITE_DATA | AccessMask.FILE_APPEND_DATA
            | AccessMask.FILE_WRITE_EA | AccessMask.FILE_WRITE_ATTRIBUTES | AccessMask.READ_CONTROL
            | AccessMask.SYNCHRONIZE;
    private static final int GENERIC_EXECUTE = AccessMask.FILE_EXECUTE | AccessMask.FILE_READ_ATTRIBUTES
            | AccessMask.READ_CONTROL | AccessMask.SYNCHRONIZE;
    /** The highest ImpersonationLevel of [MS-SMB2] 2.2.13 (Anonymous 0, Identification, Impersonation, Delegate). */
    private static final int IMPERSONATION_DELEGATE = 3;
    private static final int SHARE_BITS = Smb2CreateRequest.FILE_SHARE_READ | Smb2CreateRequest.FILE_SHARE_WRITE
            | Smb2CreateRequest.FILE_SHARE_DELETE;

    /**
     * The outcome on the worker: an open registered with the shared registry and what it was granted, the status that
     * refused it, or (STATUS_PENDING) an open held back by oplock or lease breaks, with what {@link #resume} needs.
     */
    record Outcome(int status, SmbOpen open, SmbFileInfo info, SmbCreateAction action, OplockTable.Grant grant,
                   Waiting waiting) {
        static Outcome failure(int status) {
            return new Outcome(status, null, null, null, OplockTable.Grant.NONE, null);
        }

        static Outcome success(SmbOpen open, SmbFileInfo info, SmbCreateAction action) {
            return new Outcome(NtStatus.STATUS_SUCCESS, open, info, action, OplockTable.Grant.NONE, null);
        }

        Outcome granted(OplockTable.Grant given) {
            return new Outcome(status, open, info, action, given, waiting);
        }
    }

    /** An open the application made that waits for breaks before it joins the registry. */
    record Waiting(SmbOpen open, SmbOpenReply reply, boolean truncate, List<PendingBreak> breaks) {
    }

    /** The plan, or an NTSTATUS refusing the request: {@code plan} is then null. */
    record Checked(CreatePlan plan, int status) {
    }

    static Checked check(Smb2CreateRequest request, TreeConnect tree) {
        if (Integer.compareUnsigned(request.impersonationLevel(), IMPERSONATION_DELEGATE) > 0) {
            return refuse(NtStatus.STATUS_BAD_IMPERSONATION_LEVEL);
        }
        int options = request.createOptions();
        int wire = request.createDisposition();
        boolean dir = (options & Smb2CreateRequest.FILE_DIRECTORY_FILE) != 0;
        boolean nonDir = (options & Smb2CreateRequest.FILE_NON_DIRECTORY_FILE) != 0;
        boolean deleteOnClose = (options & Smb2CreateRequest.FILE_DELETE_ON_CLOSE) != 0;
        if ((options & Smb2CreateRequest.FILE_OPEN_BY_FILE_ID) != 0) {
            return refuse(NtStatus.STATUS_NOT_SUPPORTED);
        }
        if (wire < 0 || wire > 5 || dir && nonDir) {
            return refuse(NtStatus.STATUS_INVALID_PARAMETER);
        }
        SmbDisposition disposition = SmbDisposition.values()[wire];
        if (dir && disposition.truncates()) {
            return refuse(NtStatus.STATUS_INVALID_PARAMETER);
        }
        int desired = request.desiredAccess();
        if ((desired & AccessMask.ACCESS_SYSTEM_SECURITY) != 0) {
            return refuse(NtStatus.STATUS_ACCESS_DENIED);
        }
        boolean maximum = (desired & AccessMask.MAXIMUM_ALLOWED) != 0;
        int access = mapGeneric(desired) | (maximum ? tree.maximalAccess() : 0);
        if (deleteOnClose && (access & AccessMask.DELETE) == 0) {
            return refuse(NtStatus.STATUS_INVALID_PARAMETER);
        }
        boolean readOnlyTree = (tree.maximalAccess() & AccessMask.FILE_WRITE_DATA) == 0;
        if ((access & ~tree.maximalAccess()) != 0 || readOnlyTree && (disposition != SmbDisposition.OPEN
                && disposition != SmbDisposition.OPEN_IF || deleteOnClose)) {
            return refuse(NtStatus.STATUS_ACCESS_DENIED);
        }
        SharePathName name = SharePathName.parse(request.name());
        if (!name.valid()) {
            return refuse(name.status());
        }
        SmbOpenTarget target = dir ? SmbOpenTarget.DIRECTORY : nonDir ? SmbOpenTarget.FILE : SmbOpenTarget.ANY;
        boolean readOnly = (request.fileAttributes() & FileAttributes.READONLY) != 0;
        return new Checked(new CreatePlan(disposition, target, access, maximum, request.shareAccess() & SHARE_BITS,
                deleteOnClose, readOnly, name.components()), NtStatus.STATUS_SUCCESS);
    }

    private static Checked refuse(int status) {
        return new Checked(null, status);
    }

    static int mapGeneric(int desired) {
        int access = desired & 0x01FF_FFFF & ~AccessMask.MAXIMUM_ALLOWED & ~AccessMask.ACCESS_SYSTEM_SECURITY;
        if ((desired & AccessMask.GENERIC_READ) != 0) {
            access |= GENERIC_READ;
        }
        if ((desired & AccessMask.GENERIC_WRITE) != 0) {
            access |= GENERIC_WRITE;
        }
        if ((desired & AccessMask.GENERIC_EXECUTE) != 0) {
            access |= GENERIC_EXECUTE;
        }
        if ((desired & AccessMask.GENERIC_ALL) != 0) {
            access |= AccessMask.ALL_FILE_RIGHTS;
        }
        return access;
    }

    private SmbOpenRequest request(SmbDisposition as, int rights) {
        // only writing data needs the file's write permission: a read-only file's times, attributes and owner are
        // changed through an open as on Windows (smbtorture's smb2.create.delete), and each such change is checked
        // when it is made, as POSIX checks chmod and utimes (the owner's, or write permission for "now")
        boolean write = (rights & (AccessMask.FILE_WRITE_DATA | AccessMask.FILE_APPEND_DATA)) != 0;
        boolean read = (rights & (AccessMask.FILE_READ_DATA | AccessMask.FILE_EXECUTE)) != 0;
        boolean delete = (rights & AccessMask.DELETE) != 0 || deleteOnClose;
        return new SmbOpenRequest(as, target, write, read, delete, readOnlyAttribute);
    }

    /** On a request worker: opens, registers the open for share access, truncates and checks delete as asked. */
    Outcome run(SmbListener listener, FileRequests files, FileRequests.Call call, OplockRequest want) {
        int rights = access;
        boolean truncate = disposition.truncates();
        if (deleteOnClose && readOnlyAttribute && disposition.creates()) {
            // a new file would be read-only and so could not be deleted: Windows refuses before creating it
            SmbOpenReply existing = openAs(listener, files, call, SmbDisposition.OPEN, rights);
            if (existing.status() == SmbFileStatus.NOT_FOUND) {
                return Outcome.failure(NtStatus.STATUS_CANNOT_DELETE);
            }
        }
        SmbOpenReply reply = openAs(listener, files, call, truncate ? SmbDisposition.OPEN : disposition, rights);
        if (maximumAllowed && reply.status() == SmbFileStatus.ACCESS_DENIED) {
            rights &= ~WRITE_RIGHTS;
            reply = openAs(listener, files, call, truncate ? SmbDisposition.OPEN : disposition, rights);
        }
        if (truncate && reply.status() == SmbFileStatus.NOT_FOUND && disposition.creates()) {
            truncate = false;
            reply = openAs(listener, files, call, disposition, rights);
        }
        if (reply.status() != SmbFileStatus.OK) {
            return Outcome.failure(FileStatusMapping.ntStatus(reply.status()));
        }
        if (truncate && reply.info().directory()) {
            return Outcome.failure(NtStatus.STATUS_FILE_IS_A_DIRECTORY);
        }
        SmbOpen open = new SmbOpen(call.tree(), call.caller(), call.user(), reply.handle(), reply.info().fileId(),
                reply.info().directory(), rights, truncate ? rights | AccessMask.FILE_WRITE_DATA : rights,
                shareAccess, path, deleteOnClose);
        open.breakRoute(new BreakRoute(call.channel(), call.session(), want.dialect()));
        return admitted(listener, files, call, new Waiting(open, reply, truncate, List.of()), want);
    }

    /** On a request worker, once the breaks {@code waiting} named have ended: the open asks to join again. */
    Outcome resume(SmbListener listener, FileRequests files, FileRequests.Call call, Waiting waiting,
                   OplockRequest want) {
        return admitted(listener, files, call, waiting, want);
    }

    private Outcome admitted(SmbListener listener, FileRequests files, FileRequests.Call call, Waiting waiting,
                             OplockRequest want) {
        SmbOpen open = waiting.open();
        SharedFileRegistry.Admission admission = files.registry().admit(open, want,
                waiting.truncate() || disposition == SmbDisposition.SUPERSEDE);
        if (admission.waiting()) {
            return new Outcome(NtStatus.STATUS_PENDING, open, null, null, OplockTable.Grant.NONE,
                    new Waiting(open, waiting.reply(), waiting.truncate(), admission.waits()));
        }
        if (admission.status() != NtStatus.STATUS_SUCCESS) {
            return Outcome.failure(admission.status());
        }
        try {
            return afterRegistering(listener, files, call, open, waiting.reply(), waiting.truncate())
                    .granted(admission.grant());
        } catch (RuntimeException | Error e) {
            // the open never reaches the client, so nothing would ever release its share access
            open.deleteOnClose(false);
            files.registry().release(open);
            throw e;
        }
    }

    private Outcome afterRegistering(SmbListener listener, FileRequests files, FileRequests.Call call, SmbOpen open,
                                     SmbOpenReply reply, boolean truncate) {
        Outcome outcome = truncate ? truncated(listener, files, call, open, reply)
                : Outcome.success(open, reply.info(), reply.action());
        if (outcome.status() == NtStatus.STATUS_SUCCESS && deleteOnClose && !outcome.info().directory()
                && outcome.info().readOnly()) {
            outcome = Outcome.failure(NtStatus.STATUS_CANNOT_DELETE);
        } else if (outcome.status() == NtStatus.STATUS_SUCCESS && deleteOnClose) {
            SmbFileStatus deletable = files.retrying(() -> listener.checkDelete(call.caller(), call.user(),
                    call.shareId(), path, open.handle()));
            if (deletable != SmbFileStatus.OK) {
                outcome = Outcome.failure(deletable == SmbFileStatus.ACCESS_DENIED ? NtStatus.STATUS_CANNOT_DELETE
                        : FileStatusMapping.ntStatus(deletable));
            }
        }
        if (outcome.status() != NtStatus.STATUS_SUCCESS) {
            open.deleteOnClose(false);
            files.registry().release(open);
        }
        return outcome;
    }

    private SmbOpenReply openAs(SmbListener listener, FileRequests files, FileRequests.Call call, SmbDisposition as,
                                int rights) {
        SmbOpenRequest request = request(as, rights);
        return files.retrying(() -> listener.open(call.caller(), call.user(), call.shareId(), path, request),
                SmbOpenReply::status);
    }

    private Outcome truncated(SmbListener listener, FileRequests files, FileRequests.Call call, SmbOpen open,
                              SmbOpenReply reply) {
        SmbCreateAction action = disposition == SmbDisposition.SUPERSEDE ? SmbCreateAction.SUPERSEDED
                : SmbCreateAction.OVERWRITTEN;
        if (reply.info().size() == 0) {
            return Outcome.success(open, reply.info(), action);
        }
        SmbInfoReply emptied = files.retrying(() -> listener.setEndOfFile(call.caller(), call.user(), open.handle(), 0),
                SmbInfoReply::status);
        return emptied.status() == SmbFileStatus.OK
                ? Outcome.success(open, emptied.info(), action)
                : Outcome.failure(FileStatusMapping.ntStatus(emptied.status()));
    }
}
