package io.cistern.smb.server;

import io.cistern.smb.fscc.DirectoryEntry;
import io.cistern.smb.spi.SmbDirectoryReply;
import io.cistern.smb.spi.SmbFileStatus;
import io.cistern.smb.spi.SmbListener;
import io.cistern.smb.wire.AccessMask;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2QueryDirectoryRequest;
import io.cistern.smb.wire.Smb2QueryDirectoryResponse;
import io.cistern.smb.wire.WireReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * SMB2 QUERY_DIRECTORY, [MS-SMB2] 3.3.5.18 with [MS-FSA] 2.1.5.6.3. Pages come from {@link SmbListener#list} and
 * the scan's state lives in the open's {@link DirectoryCursor}; "." and ".." come first, from the page's
 * {@code self} and {@code parent}.
 * <ul>
 * <li>STATUS_INVALID_PARAMETER: a body that is not a QUERY_DIRECTORY request (2.2.33), an OutputBufferLength above
 *     the MaxTransactSize NEGOTIATE announced, a pattern with a backslash, or an open that is no directory;
 *     STATUS_FILE_CLOSED: an unknown FileId; STATUS_ACCESS_DENIED: an open without FILE_LIST_DIRECTORY;
 *     STATUS_INVALID_INFO_CLASS: a class other than the six directory classes of [MS-FSCC] 2.4;</li>
 * <li>the pattern of the first query, or of one with RESTART_SCANS or REOPEN, holds until the next restart
 *     (3.3.5.18); INDEX_SPECIFIED is accepted and ignored, since entries carry FileIndex 0 (no stable index);</li>
 * <li>entries are 8-byte aligned and chained by NextEntryOffset, as many as fit in OutputBufferLength (one with
 *     RETURN_SINGLE_ENTRY); a buffer smaller than the class's fixed part is STATUS_INFO_LENGTH_MISMATCH; a first
 *     entry that does not fit is STATUS_BUFFER_OVERFLOW, with the scan where it was;</li>
 * <li>nothing left: STATUS_NO_SUCH_FILE when the scan never matched anything, STATUS_NO_MORE_FILES otherwise.</li>
 * </ul>
 */
final class Smb2QueryDirectoryHandler {
    private final FileRequests files;

    /** What the worker answers: a status, and the entries when any fit. */
    private record Result(int status, byte[] output) {
    }

    Smb2QueryDirectoryHandler(FileRequests files) {
        this.files = files;
    }

    void handle(FileRequests.Call call, WireReader body) {
        Smb2QueryDirectoryRequest request = files.decode(call, body, Smb2QueryDirectoryRequest::decode);
        SmbOpen open = request == null ? null : files.open(call, request.fileId());
        if (open == null) {
            return;
        }
        DirectoryEntry.Format format = DirectoryEntry.Format.of(request.fileInformationClass());
        int status = NtStatus.STATUS_SUCCESS;
        if (Integer.compareUnsigned(request.outputBufferLength(), NegotiateResponder.MAX_TRANSACT_SIZE) > 0
                || request.pattern().indexOf('\\') >= 0 || !open.directory()) {
            status = NtStatus.STATUS_INVALID_PARAMETER;
        } else if (!open.granted(AccessMask.FILE_READ_DATA)) {
            status = NtStatus.STATUS_ACCESS_DENIED;
        } else if (format == null) {
            status = NtStatus.STATUS_INVALID_INFO_CLASS;
        } else if (request.outputBufferLength() < format.fixedSize()) {
            status = NtStatus.STATUS_INFO_LENGTH_MISMATCH;
        }
        if (status != NtStatus.STATUS_SUCCESS) {
            files.error(call, status);
            return;
        }
        files.submit(call, listener -> query(listener, call, open, request, format), result -> {
            if (result.output() == null) {
                files.error(call, result.status());
            } else {
                files.reply(call, result.status(), new Smb2QueryDirectoryResponse(result.output())::encode);
            }
        });
    }

    /** On a request worker, holding the cursor for the whole request. */
    private Result query(SmbListener listener, FileRequests.Call call, SmbOpen open,
                         Smb2QueryDirectoryRequest request, DirectoryEntry.Format format) {
        DirectoryCursor cursor = open.cursor();
        synchronized (cursor) {
            int flags = request.flags();
            if (!cursor.started() || (flags & (Smb2QueryDirectoryRequest.RESTART_SCANS
                    | Smb2QueryDirectoryRequest.REOPEN)) != 0) {
                cursor.restart(request.pattern().isEmpty() ? "*" : request.pattern());
            } else {
                cursor.resume();
            }
            boolean single = (flags & Smb2QueryDirectoryRequest.RETURN_SINGLE_ENTRY) != 0;
            ByteBuf out = Unpooled.buffer(Math.min(request.outputBufferLength(), 4096));
            int lastEntry = -1;
            while (true) {
                while (cursor.needsPage()) {
                    String searched = cursor.searchedName();
                    SmbDirectoryReply page = files.retrying(() -> searched != null
                            ? listener.listNamed(call.caller(), call.user(), open.handle(), searched)
                            : listener.list(call.caller(), call.user(), open.handle(), cursor.cookie(),
                                    DirectoryCursor.PAGE), SmbDirectoryReply::status);
                    if (page.status() != SmbFileStatus.OK) {
                        return new Result(FileStatusMapping.ntStatus(page.status()), null);
                    }
                    cursor.accept(page);
                }
                DirectoryCursor.Candidate next = cursor.peek();
                if (next == null) {
                    break;
                }
                DirectoryEntry entry = FileAttributeMapping.entry(next.info(), next.name());
                int start = lastEntry < 0 ? 0 : align8(out.writerIndex());
                if (start + entry.size(format) > request.outputBufferLength()) {
                    break;
                }
                out.writeZero(start - out.writerIndex());
                if (lastEntry >= 0) {
                    out.setIntLE(lastEntry, start - lastEntry);
                }
                entry.encode(out, format);
                lastEntry = start;
                cursor.advance();
                if (single) {
                    break;
                }
            }
            if (lastEntry >= 0) {
                return new Result(NtStatus.STATUS_SUCCESS, ByteBufUtil.getBytes(out));
            }
            if (cursor.peek() != null) {
                return new Result(NtStatus.STATUS_BUFFER_OVERFLOW, null);
            }
            return new Result(cursor.anyReturned() ? NtStatus.STATUS_NO_MORE_FILES : NtStatus.STATUS_NO_SUCH_FILE,
                    null);
        }
    }

    private static int align8(int value) {
        return (value + 7) & ~7;
    }
}
