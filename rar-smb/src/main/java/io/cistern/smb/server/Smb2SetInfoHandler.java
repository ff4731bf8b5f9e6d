package io.cistern.smb.server;

import io.cistern.smb.dtyp.SecurityDescriptor;
import io.cistern.smb.fscc.FileAttributes;
import io.cistern.smb.fscc.FileBasicInformation;
import io.cistern.smb.fscc.FileRenameInformation;
import io.cistern.smb.fscc.InformationClass;
import io.cistern.smb.spi.SmbBasicChange;
import io.cistern.smb.spi.SmbFileStatus;
import io.cistern.smb.spi.SmbInfoReply;
import io.cistern.smb.spi.SmbListener;
import io.cistern.smb.spi.SmbSecurityChange;
import io.cistern.smb.wire.AccessMask;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2QueryInfoRequest;
import io.cistern.smb.wire.Smb2SetInfoRequest;
import io.cistern.smb.wire.Smb2SmallResponse;
import io.cistern.smb.wire.SmbWireException;
import io.cistern.smb.wire.WireReader;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * SMB2 SET_INFO, [MS-SMB2] 3.3.5.21, for the file classes of [MS-FSCC] 2.4 that [MS-FSA] 2.1.5.14 lets a client set
 * here. A body that is not a SET_INFO request (2.2.39), a buffer above MaxTransactSize, or a file class whose buffer
 * is too short (STATUS_INFO_LENGTH_MISMATCH) never reaches the application; an unknown FileId is STATUS_FILE_CLOSED;
 * quotas and file-system classes are STATUS_NOT_SUPPORTED; other file classes STATUS_INVALID_INFO_CLASS.
 * <ul>
 * <li>Security (3.3.5.21.3, [MS-FSA] 2.1.5.17): the SACL needs ACCESS_SYSTEM_SECURITY, the DACL WRITE_DAC, the owner,
 *     group or label WRITE_OWNER (else STATUS_ACCESS_DENIED); a buffer that is not a self-relative descriptor
 *     ([MS-DTYP] 2.4.6, every offset and length within it) is STATUS_INVALID_PARAMETER. {@link UnixSecurityMapping}
 *     reads the owner, group and DACL as uid, gid and mode, and the application applies what differs with chown's
 *     and chmod's rules (STATUS_ACCESS_DENIED where they refuse); a SACL or label is accepted and not kept;</li>
 * <li>Basic (needs FILE_WRITE_ATTRIBUTES): creation, last-access, last-write and change times are set as given
 *     (100 ns FILETIMEs, kept in nanoseconds, so from 1677 to 2262); times of 0 or -1 (and -2) are left as they are, FileAttributes 0 leaves
 *     the attributes, otherwise FILE_ATTRIBUTE_READONLY sets or clears the owner's write bit; DIRECTORY on a file, or
 *     TEMPORARY on a directory ([MS-FSA] 2.1.5.14.2), is STATUS_INVALID_PARAMETER; an unrepresentable time STATUS_INVALID_PARAMETER;</li>
 * <li>EndOfFile (needs FILE_WRITE_DATA) truncates or extends; Allocation (FILE_WRITE_DATA) truncates only below the
 *     end of file and is otherwise accepted without effect, since allocation is not reserved here;</li>
 * <li>Disposition (needs DELETE): marks the file delete-pending after {@link SmbListener#checkDelete} agrees
 *     (a refusal for lack of permission is STATUS_CANNOT_DELETE, as for a read-only file on Windows, and so is a
 *     read-only file itself, [MS-FSA] 2.1.5.15.3), or unmarks it; marking it first breaks the handle caching of the
 *     file's other opens (BATCH oplocks, leases' H) and waits for it ({@link PendingHandleBreaks});</li>
 * <li>Rename (needs DELETE): RootDirectory must be 0 and the target is share-relative (a leading backslash is
 *     tolerated); a directory with opens beneath it is STATUS_ACCESS_DENIED, as on Windows, at once when one of them
 *     caches no handle, otherwise once their handle caching was broken and they stayed open; an open of the target's
 *     directory with DELETE access or without FILE_SHARE_DELETE is STATUS_SHARING_VIOLATION
 *     ({@link SharedFileRegistry#renameIntoBlocked}); otherwise the handle caching of the file's other opens, and of
 *     the opens of a file the rename replaces, is broken first and waited for ({@link PendingHandleBreaks}), and the
 *     checks are made again; a file to be replaced that is still open then is STATUS_ACCESS_DENIED ([MS-FSCC]
 *     2.4.42);</li>
 * <li>Position: kept in the open, for FilePositionInformation.</li>
 * </ul>
 */
final class Smb2SetInfoHandler {
    private final FileRequests files;

    Smb2SetInfoHandler(FileRequests files) {
        this.files = files;
    }

    void handle(FileRequests.Call call, WireReader body) {
        Smb2SetInfoRequest request = files.decode(call, body, Smb2SetInfoRequest::decode);
        SmbOpen open = request == null ? null : files.open(call, request.fileId());
        if (open == null) {
            return;
        }
        if (request.buffer().length > NegotiateResponder.MAX_TRANSACT_SIZE) {
            files.error(call, NtStatus.STATUS_INVALID_PARAMETER);
        } else if (request.infoType() == Smb2QueryInfoRequest.INFO_SECURITY) {
            security(call, open, request.additionalInformation(), request.buffer());
        } else if (request.infoType() != Smb2QueryInfoRequest.INFO_FILE) {
            files.error(call, request.infoType() >= Smb2QueryInfoRequest.INFO_FILESYSTEM
                    && request.infoType() <= Smb2QueryInfoRequest.INFO_QUOTA
                    ? NtStatus.STATUS_NOT_SUPPORTED : NtStatus.STATUS_INVALID_PARAMETER);
        } else {
            try {
                setFile(call, open, request.fileInfoClass(), new WireReader(Unpooled.wrappedBuffer(request.buffer())));
            } catch (SmbWireException e) {
                files.error(call, NtStatus.STATUS_INFO_LENGTH_MISMATCH);
            }
        }
    }

    private void setFile(FileRequests.Call call, SmbOpen open, int infoClass, WireReader in) throws SmbWireException {
        switch (infoClass) {
            case InformationClass.FILE_BASIC -> basic(call, open, FileBasicInformation.decode(in));
            case InformationClass.FILE_END_OF_FILE -> endOfFile(call, open, in.readInt64(), false);
            case InformationClass.FILE_ALLOCATION -> endOfFile(call, open, in.readInt64(), true);
            case InformationClass.FILE_DISPOSITION -> disposition(call, open, in.readUInt8() != 0);
            case InformationClass.FILE_RENAME -> rename(call, open, FileRenameInformation.decode(in));
            case InformationClass.FILE_POSITION -> position(call, open, in.readInt64());
            default -> files.error(call, NtStatus.STATUS_INVALID_INFO_CLASS);
        }
    }

    private void done(FileRequests.Call call) {
        files.reply(call, NtStatus.STATUS_SUCCESS, Smb2SmallResponse.SET_INFO::encode);
    }

    /** Runs an application call that answers with a status, then succeeds or fails with it. */
    private void apply(FileRequests.Call call, Function<SmbListener, SmbFileStatus> change) {
        files.submit(call, listener -> files.retrying(() -> change.apply(listener)), status -> {
            if (status == SmbFileStatus.OK) {
                done(call);
            } else {
                files.error(call, status);
            }
        });
    }

    private void basic(FileRequests.Call call, SmbOpen open, FileBasicInformation info) {
        if (!open.granted(AccessMask.FILE_WRITE_ATTRIBUTES)) {
            files.error(call, NtStatus.STATUS_ACCESS_DENIED);
            return;
        }
        int attributes = info.fileAttributes();
        SmbBasicChange change;
        try {
            change = new SmbBasicChange(time(info.creationTime()), time(info.lastAccessTime()),
                    time(info.lastWriteTime()), time(info.changeTime()),
                    attributes == 0 ? null : (attributes & FileAttributes.READONLY) != 0);
        } catch (ArithmeticException e) {
            files.error(call, NtStatus.STATUS_INVALID_PARAMETER);
            return;
        }
        if (!open.directory() && (attributes & FileAttributes.DIRECTORY) != 0
                || open.directory() && (attributes & FileAttributes.TEMPORARY) != 0) {
            files.error(call, NtStatus.STATUS_INVALID_PARAMETER);
        } else if (change.isEmpty()) {
            done(call);
        } else {
            apply(call, listener -> listener.setBasicInfo(call.caller(), call.user(), open.handle(), change).status());
        }
    }

    private static Long time(long fileTime) {
        return fileTime == -2 ? null : FileAttributeMapping.unixNanos(fileTime);
    }

    private void endOfFile(FileRequests.Call call, SmbOpen open, long size, boolean allocation) {
        if (!open.granted(AccessMask.FILE_WRITE_DATA)) {
            files.error(call, NtStatus.STATUS_ACCESS_DENIED);
        } else if (size < 0 || open.directory()) {
            files.error(call, NtStatus.STATUS_INVALID_PARAMETER);
        } else {
            files.registry().breakReadCaching(open);       // a new size is a write to the others' caches
            apply(call, listener -> {
                if (allocation) {
                    SmbInfoReply now = listener.fileInfo(call.caller(), call.user(), open.handle());
                    if (now.status() != SmbFileStatus.OK || size >= now.info().size()) {
                        return now.status();
                    }
                }
                return listener.setEndOfFile(call.caller(), call.user(), open.handle(), size).status();
            });
        }
    }

    private void disposition(FileRequests.Call call, SmbOpen open, boolean delete) {
        if (!open.granted(AccessMask.DELETE)) {
            files.error(call, NtStatus.STATUS_ACCESS_DENIED);
        } else if (!delete) {
            files.registry().deletePending(open.fileNumber(), false);
            done(call);
        } else {
            PendingHandleBreaks.run(files, call, open, () -> files.registry().breakHandleCaching(open),
                    now -> markDeletePending(now, open));
        }
    }

    private void markDeletePending(FileRequests.Call call, SmbOpen open) {
        files.submit(call, listener -> files.retrying(() -> deletable(listener, call, open)), status -> {
            if (status == SmbFileStatus.OK) {
                files.registry().deletePending(open.fileNumber(), true);
                done(call);
            } else {
                files.error(call, status == SmbFileStatus.ACCESS_DENIED ? NtStatus.STATUS_CANNOT_DELETE
                        : FileStatusMapping.ntStatus(status));
            }
        });
    }

    private static SmbFileStatus deletable(SmbListener listener, FileRequests.Call call, SmbOpen open) {
        if (!open.directory()) {
            SmbInfoReply now = listener.fileInfo(call.caller(), call.user(), open.handle());
            if (now.status() != SmbFileStatus.OK || now.info().readOnly()) {
                return now.status() == SmbFileStatus.OK ? SmbFileStatus.ACCESS_DENIED : now.status();
            }
        }
        return listener.checkDelete(call.caller(), call.user(), call.shareId(), open.path(), open.handle());
    }

    private void rename(FileRequests.Call call, SmbOpen open, FileRenameInformation rename) {
        String name = rename.fileName().startsWith("\\") ? rename.fileName().substring(1) : rename.fileName();
        SharePathName target = SharePathName.parse(name);
        if (!open.granted(AccessMask.DELETE)) {
            files.error(call, NtStatus.STATUS_ACCESS_DENIED);
        } else if (rename.rootDirectory() != 0 || name.isEmpty() || open.path().isEmpty()) {
            files.error(call, NtStatus.STATUS_INVALID_PARAMETER);
        } else if (!target.valid()) {
            files.error(call, target.status());
        } else if (!renameBlocked(call, open, target.components(), true)) {
            // refused before anything is broken (smbtorture smb2.oplock.batch20), and asked again after the wait
            List<String> to = target.components();
            boolean replace = rename.replaceIfExists();
            PendingHandleBreaks.run(files, call, open, () -> {
                List<PendingBreak> waits = new ArrayList<>(files.registry().breakHandleCaching(open));
                if (open.directory()) {
                    waits.addAll(files.registry().breakHandleCachingUnder(open.shareId(), open.path(), open));
                }
                if (replace) {
                    waits.addAll(files.registry().breakHandleCachingAt(open.shareId(), to, open));
                }
                return waits;
            }, now -> {
                if (!renameBlocked(now, open, to, false)) {
                    renameUnlessReplacingAnOpenFile(now, open, to, replace);
                }
            });
        }
    }

    /**
     * Whether an open stands in the way of the rename, which is then answered: a directory with opens beneath it is
     * STATUS_ACCESS_DENIED (before the breaks only when one of them caches no handle, since the others may close once
     * broken), an open of the target's directory that blocks renames into it STATUS_SHARING_VIOLATION. Asked again
     * after the rename waited for breaks, since opens came and went meanwhile.
     */
    private boolean renameBlocked(FileRequests.Call call, SmbOpen open, List<String> to, boolean beforeBreaks) {
        SharedFileRegistry registry = files.registry();
        if (open.directory() && (beforeBreaks ? registry.anyUncachedOpenUnder(open.shareId(), open.path(), open)
                : registry.anyOpenUnder(open.shareId(), open.path(), open))) {
            files.error(call, NtStatus.STATUS_ACCESS_DENIED);
            return true;
        }
        if (registry.renameIntoBlocked(open.shareId(), to.subList(0, to.size() - 1))) {
            files.error(call, NtStatus.STATUS_SHARING_VIOLATION);
            return true;
        }
        return false;
    }

    /** The target's opens are looked at only now, so that a holder told of the break could close the file first. */
    private void renameUnlessReplacingAnOpenFile(FileRequests.Call call, SmbOpen open, List<String> to,
                                                 boolean replace) {
        if (replace && files.registry().openAt(open.shareId(), to, open.fileNumber())) {
            files.error(call, NtStatus.STATUS_ACCESS_DENIED);
            return;
        }
        files.submit(call, listener -> files.retrying(() -> listener.rename(call.caller(), call.user(),
                call.shareId(), open.path(), open.handle(), to, replace)), status -> {
                    if (status == SmbFileStatus.OK) {
                        files.registry().renamed(open.fileNumber(), to);
                        open.path(to);
                        done(call);
                    } else {
                        files.error(call, status);
                    }
                });
    }

    private void security(FileRequests.Call call, SmbOpen open, int additional, byte[] buffer) {
        int ownershipParts = UnixSecurityMapping.OWNER_SECURITY_INFORMATION
                | UnixSecurityMapping.GROUP_SECURITY_INFORMATION | UnixSecurityMapping.LABEL_SECURITY_INFORMATION;
        boolean ownership = (additional & ownershipParts) != 0;
        if ((additional & UnixSecurityMapping.SACL_SECURITY_INFORMATION) != 0
                && !open.granted(AccessMask.ACCESS_SYSTEM_SECURITY)
                || (additional & UnixSecurityMapping.DACL_SECURITY_INFORMATION) != 0
                && !open.granted(AccessMask.WRITE_DAC)
                || ownership && !open.granted(AccessMask.WRITE_OWNER)) {
            files.error(call, NtStatus.STATUS_ACCESS_DENIED);
            return;
        }
        SecurityDescriptor descriptor;
        try {
            descriptor = SecurityDescriptor.decode(buffer);
        } catch (SmbWireException e) {
            files.error(call, NtStatus.STATUS_INVALID_PARAMETER);
            return;
        }
        files.submit(call, listener -> applySecurity(listener, call, open, descriptor, additional), status -> {
                    if (status == NtStatus.STATUS_SUCCESS) {
                        done(call);
                    } else {
                        files.error(call, status);
                    }
                });
    }

    /** On a worker: the change the descriptor makes to the file as it is now, applied; an NTSTATUS. */
    private int applySecurity(SmbListener listener, FileRequests.Call call, SmbOpen open, SecurityDescriptor descriptor,
                              int additional) {
        SmbInfoReply now = files.retrying(() -> listener.fileInfo(call.caller(), call.user(), open.handle()),
                SmbInfoReply::status);
        if (now.status() != SmbFileStatus.OK) {
            return FileStatusMapping.ntStatus(now.status());
        }
        UnixSecurityMapping.Interpreted interpreted = UnixSecurityMapping.interpret(descriptor, additional,
                now.info());
        if (interpreted.change() == null) {
            return interpreted.status();
        }
        SmbSecurityChange asked = interpreted.change();
        SmbSecurityChange change = new SmbSecurityChange(
                asked.uid() == null || asked.uid() == now.info().uid() ? null : asked.uid(),
                asked.gid() == null || asked.gid() == now.info().gid() ? null : asked.gid(),
                asked.mode() == null || asked.mode() == now.info().mode() ? null : asked.mode());
        if (change.isEmpty()) {
            return NtStatus.STATUS_SUCCESS;
        }
        SmbInfoReply changed = files.retrying(() -> listener.setSecurity(call.caller(), call.user(), open.handle(),
                change), SmbInfoReply::status);
        return FileStatusMapping.ntStatus(changed.status());
    }

    private void position(FileRequests.Call call, SmbOpen open, long offset) {
        if (offset < 0) {
            files.error(call, NtStatus.STATUS_INVALID_PARAMETER);
        } else {
            open.position(offset);
            done(call);
        }
    }
}
