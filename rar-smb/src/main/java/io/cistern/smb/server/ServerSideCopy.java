package io.cistern.smb.server;

import io.cistern.smb.spi.SmbCopyRange;
import io.cistern.smb.spi.SmbCopyReply;
import io.cistern.smb.spi.SmbFileStatus;
import io.cistern.smb.spi.SmbListener;
import io.cistern.smb.wire.AccessMask;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2FileId;
import io.cistern.smb.wire.Smb2IoctlRequest;
import io.cistern.smb.wire.Smb2IoctlResponse;
import io.cistern.smb.wire.SmbWireException;
import io.cistern.smb.wire.SrvCopychunkCopy;
import io.cistern.smb.wire.SrvCopychunkResponse;
import io.cistern.smb.wire.SrvRequestResumeKeyResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Server-side copy on a disk tree: FSCTL_SRV_REQUEST_RESUME_KEY ([MS-SMB2] 3.3.5.15.8) names an open as a copy's
 * source by an unguessable key ({@link SmbOpen#resumeKey}), and FSCTL_SRV_COPYCHUNK and _WRITE (3.3.5.15.6) copy
 * chunks from that open's file to the file of the open the request names, without the bytes crossing the network.
 * <ul>
 * <li>the resume key: STATUS_INVALID_PARAMETER when MaxOutputResponse cannot hold the 32-byte answer;</li>
 * <li>the copy, refused with an error response (no SRV_COPYCHUNK_RESPONSE): MaxOutputResponse below 12 bytes or an
 *     input that is no SRV_COPYCHUNK_COPY, STATUS_INVALID_PARAMETER; a key that names no open of the session,
 *     STATUS_OBJECT_NAME_NOT_FOUND; STATUS_ACCESS_DENIED when the target was not granted FILE_WRITE_DATA (an
 *     append-only open may not write within the file, and a chunk may), for COPYCHUNK (not _WRITE) also when it was
 *     not granted FILE_READ_DATA, when the source was granted neither FILE_READ_DATA nor FILE_EXECUTE, or either is a
 *     directory (as Samba);</li>
 * <li>more than {@link #MAX_CHUNKS} chunks, a chunk of no bytes or more than {@link #MAX_CHUNK_SIZE}, or more than
 *     {@link #MAX_TOTAL_SIZE} in all: STATUS_INVALID_PARAMETER with the three limits in the response (2.2.32.1), the
 *     figures Windows Server 2008 R2 to 2012 and Samba use; a target range past the largest file a WRITE may make,
 *     STATUS_INVALID_PARAMETER with nothing copied;</li>
 * <li>otherwise the chunks are copied in order on a request worker, each whole or not at all, as a read of the
 *     source and a write of the target would be (byte-range locks count: STATUS_FILE_LOCK_CONFLICT); the first
 *     that fails ends the copy, a chunk that ends past the source's end with STATUS_INVALID_VIEW_SIZE (Windows'
 *     answer, which smbtorture expects), and the response says how many chunks and bytes were copied before it,
 *     whatever the status (3.3.4.4).</li>
 * </ul>
 */
final class ServerSideCopy {
    static final int FSCTL_SRV_REQUEST_RESUME_KEY = 0x0014_0078;
    static final int FSCTL_SRV_COPYCHUNK = 0x0014_40F2;
    static final int FSCTL_SRV_COPYCHUNK_WRITE = 0x0014_80F2;
    /** ServerSideCopyMaxNumberofChunks. */
    static final int MAX_CHUNKS = 256;
    /** ServerSideCopyMaxChunkSize: 1 MiB. */
    static final int MAX_CHUNK_SIZE = 1 << 20;
    /** ServerSideCopyMaxDataSize: 16 MiB. */
    static final int MAX_TOTAL_SIZE = 16 << 20;
    private static final SrvCopychunkResponse LIMITS = new SrvCopychunkResponse(MAX_CHUNKS, MAX_CHUNK_SIZE,
            MAX_TOTAL_SIZE);

    private final FileRequests files;

    /** The application's handles of the two files and the lock owners of the two opens. */
    private record Ends(byte[] source, byte[] sourceOwner, byte[] target, byte[] targetOwner) {
    }

    ServerSideCopy(FileRequests files) {
        this.files = files;
    }

    static boolean handles(int ctlCode) {
        return ctlCode == FSCTL_SRV_REQUEST_RESUME_KEY || ctlCode == FSCTL_SRV_COPYCHUNK
                || ctlCode == FSCTL_SRV_COPYCHUNK_WRITE;
    }

    void handle(FileRequests.Call call, Smb2IoctlRequest request) {
        SmbOpen open = files.open(call, new Smb2FileId(request.filePersistent(), request.fileVolatile()));
        if (open == null) {
            return;
        }
        if (request.ctlCode() == FSCTL_SRV_REQUEST_RESUME_KEY) {
            resumeKey(call, request, open);
        } else {
            copy(call, request, open);
        }
    }

    private void resumeKey(FileRequests.Call call, Smb2IoctlRequest request, SmbOpen open) {
        if (request.maxOutputResponse() < SrvRequestResumeKeyResponse.SIZE) {
            files.error(call, NtStatus.STATUS_INVALID_PARAMETER);
            return;
        }
        answer(call, request, NtStatus.STATUS_SUCCESS, new SrvRequestResumeKeyResponse(open.resumeKey()).encode());
    }

    private void copy(FileRequests.Call call, Smb2IoctlRequest request, SmbOpen target) {
        SrvCopychunkCopy copy;
        try {
            if (request.maxOutputResponse() < SrvCopychunkResponse.SIZE) {
                throw new SmbWireException("MaxOutputResponse " + request.maxOutputResponse());
            }
            copy = SrvCopychunkCopy.decode(request.input());
        } catch (SmbWireException e) {
            files.error(call, NtStatus.STATUS_INVALID_PARAMETER);
            return;
        }
        SmbOpen source = call.session().opens().findByResumeKey(copy.sourceKey());
        if (source == null) {
            files.error(call, NtStatus.STATUS_OBJECT_NAME_NOT_FOUND);
        } else if (refused(request.ctlCode(), source, target)) {
            files.error(call, NtStatus.STATUS_ACCESS_DENIED);
        } else if (beyondLimits(copy)) {
            answer(call, request, NtStatus.STATUS_INVALID_PARAMETER, LIMITS.encode());
        } else if (!targetsFit(copy)) {
            answer(call, request, NtStatus.STATUS_INVALID_PARAMETER, new SrvCopychunkResponse(0, 0, 0).encode());
        } else {
            List<SmbCopyRange> ranges = ranges(copy);
            // read on the event loop, which owns the opens; the worker gets plain values
            Ends ends = new Ends(source.handle(), source.lockOwner(), target.handle(), target.lockOwner());
            files.submit(call, listener -> copyAll(listener, call, ends, ranges), reply ->
                    answer(call, request, FileStatusMapping.ntStatus(reply.status()), new SrvCopychunkResponse(
                            reply.rangesCopied(), 0, (int) reply.bytesCopied()).encode()));
        }
    }

    /**
     * The access checks of 3.3.5.15.6, where FILE_EXECUTE reads the source as FILE_READ_DATA does (Windows and
     * Samba copy from such an open; smbtorture's copy_chunk_bad_access), and Samba's refusal of directories.
     */
    private static boolean refused(int ctlCode, SmbOpen source, SmbOpen target) {
        return !target.granted(AccessMask.FILE_WRITE_DATA)
                || ctlCode == FSCTL_SRV_COPYCHUNK && !target.granted(AccessMask.FILE_READ_DATA)
                || !source.granted(AccessMask.FILE_READ_DATA | AccessMask.FILE_EXECUTE)
                || source.directory() || target.directory() || source.pipe() != null || target.pipe() != null;
    }

    private static boolean beyondLimits(SrvCopychunkCopy copy) {
        return copy.chunks().size() > MAX_CHUNKS || copy.totalLength() > MAX_TOTAL_SIZE
                || copy.chunks().stream().anyMatch(c -> c.length() == 0 || c.length() > MAX_CHUNK_SIZE);
    }

    /** Whether every target range lies where a WRITE could write it; a source offset past 2^63 is past any end. */
    private static boolean targetsFit(SrvCopychunkCopy copy) {
        return copy.chunks().stream().allMatch(c -> c.targetOffset() >= 0
                && c.targetOffset() <= Smb2WriteHandler.MAX_FILE_SIZE - c.length());
    }

    private static List<SmbCopyRange> ranges(SrvCopychunkCopy copy) {
        List<SmbCopyRange> ranges = new ArrayList<>(copy.chunks().size());
        for (SrvCopychunkCopy.Chunk chunk : copy.chunks()) {
            // 2^63 and more arrive negative: as far past the source's end as the application can tell
            long sourceOffset = chunk.sourceOffset() < 0 ? Long.MAX_VALUE - chunk.length() : chunk.sourceOffset();
            ranges.add(new SmbCopyRange(sourceOffset, chunk.targetOffset(), (int) chunk.length()));
        }
        return ranges;
    }

    /**
     * On a worker: the application copies the ranges; while it says TRY_LATER (a full journal) it is asked again
     * for the ranges it has not copied yet, so that a chunk is never copied twice nor lost.
     */
    private SmbCopyReply copyAll(SmbListener listener, FileRequests.Call call, Ends ends, List<SmbCopyRange> ranges) {
        int[] copied = {0};
        long[] bytes = {0};
        SmbCopyReply last = files.retrying(() -> {
            SmbCopyReply reply = listener.copy(call.caller(), call.user(), ends.source(), ends.sourceOwner(),
                    ends.target(), ends.targetOwner(), ranges.subList(copied[0], ranges.size()));
            copied[0] += reply.rangesCopied();
            bytes[0] += reply.bytesCopied();
            return reply;
        }, SmbCopyReply::status);
        SmbFileStatus status = copied[0] == ranges.size() ? SmbFileStatus.OK : last.status();
        return new SmbCopyReply(status, copied[0], bytes[0]);
    }

    private void answer(FileRequests.Call call, Smb2IoctlRequest request, int status, byte[] output) {
        files.reply(call, status, new Smb2IoctlResponse(request.ctlCode(), request.filePersistent(),
                request.fileVolatile(), output)::encode);
    }
}
