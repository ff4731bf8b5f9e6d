package io.cistern.core.content;

import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.Caller;
import io.cistern.core.fs.CommitResult;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import io.cistern.core.fs.PiecedRead;
import io.cistern.core.fs.ReadResult;
import io.cistern.core.fs.Stability;
import io.cistern.core.fs.WriteResult;
import io.cistern.core.metadata.MetadataService;
import io.cistern.core.payload.BlockView;
import io.cistern.core.payload.FileContents;
import io.cistern.core.payload.MemoryReads;
import io.cistern.core.payload.PayloadEngine;
import io.cistern.core.watch.WrittenFiles;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * File contents as both protocols use them: READ, WRITE with its stability, COMMIT/FLUSH and server-side copy,
 * with the permission rules of {@link MetadataService} (truncation is a SETATTR there). A write is acknowledged
 * once it is in the journal; UNSTABLE ones from the page cache, the others after fsync. A full journal answers
 * TRY_LATER, never an error that would lose the client's data. No database transaction: writes touch none. Each
 * journaled write or copy is marked for CHANGE_NOTIFY watchers in {@link WrittenFiles}, which never waits and, when
 * nobody watches the file's share, does nothing more than look at the hub.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PayloadService {
    /** Bytes a copy moves per step: each step is one read and one journal write. */
    private static final int COPY_STEP = 1 << 20;

    @EJB
    private MetadataService metadata;

    @EJB
    private FileContents contents;

    @EJB
    private PayloadEngine engine;

    @EJB
    private WriteAnnouncements announcements;

    /** The writes to announce to watchers; asked for once, then called directly on every write. */
    private WrittenFiles written;

    @PostConstruct
    void findWrittenFiles() {
        written = announcements.files();
    }

    public WriteResult write(Caller caller, FileHandle handle, long offset, ByteBuffer data, Stability stability) {
        requireWithinLargestFile(offset, data.remaining());
        Attributes before = metadata.checkWrite(caller, handle);
        int count = data.remaining();
        if (count > 0) {
            long sequence = contents.write(handle.inodeId(), offset, data);
            if (stability != Stability.UNSTABLE) {
                engine.sync(sequence);
            }
            written.written(handle.shareId(), handle.inodeId(), offset + count > before.size());
        }
        if (!caller.isRoot() && (before.mode() & 06000) != 0) {
            metadata.clearSetIdBitsAfterWrite(caller, handle);
        }
        return new WriteResult(count, stability, engine.writeVerifier(), before.wcc(), metadata.getattr(handle));
    }

    public ReadResult read(Caller caller, FileHandle handle, long offset, int count) {
        return read(caller, handle, offset, count, false);
    }

    /** The reads memory alone answers ({@link MemoryReads}), for threads that must not wait. */
    public MemoryReads readsInMemory() {
        return contents.inMemory();
    }

    /**
     * As {@link #read}, but the content may be a view of a block the server holds in memory until the caller runs
     * the result's {@link ReadResult#release()}, which it must do exactly once, after the bytes have been written
     * to its client or dropped: a protocol adapter then sends them without copying them first.
     */
    public ReadResult readHeld(Caller caller, FileHandle handle, long offset, int count) {
        return read(caller, handle, offset, count, true);
    }

    private ReadResult read(Caller caller, FileHandle handle, long offset, int count, boolean held) {
        Attributes file = readable(caller, handle, count);
        if (offset < 0) {
            return new ReadResult(ByteBuffer.allocate(0), true, file);   // at or past 2^63: beyond any file's end
        }
        BlockView data = contents.readHeld(handle.inodeId(), offset, count, file.size());
        boolean eof = offset + data.length() >= file.size();
        return held ? new ReadResult(data.bytes(), eof, file, data::release) : new ReadResult(data.detach(), eof, file);
    }

    /**
     * As {@link #readHeld}, with the content as one view for each block the range touches (a read spanning blocks
     * is several), all held until the caller runs the result's {@link PiecedRead#release()} exactly once.
     */
    public PiecedRead readHeldPieces(Caller caller, FileHandle handle, long offset, int count) {
        Attributes file = readable(caller, handle, count);
        if (offset < 0) {
            return new PiecedRead(List.of(), true, file, () -> { });   // at or past 2^63: beyond any file's end
        }
        List<BlockView> views = contents.readHeldPieces(handle.inodeId(), offset, count, file.size());
        List<ByteBuffer> pieces = new ArrayList<>(views.size());
        long length = 0;
        for (BlockView view : views) {
            pieces.add(view.bytes());
            length += view.length();
        }
        return new PiecedRead(pieces, offset + length >= file.size(), file, () -> views.forEach(BlockView::release));
    }

    /** The file's attributes once the caller may read it, for a count that is not negative. */
    private Attributes readable(Caller caller, FileHandle handle, int count) {
        if (count < 0) {
            throw new FsException(FsError.INVALID, "negative count " + count);
        }
        return metadata.checkRead(caller, handle);
    }

    /**
     * Makes every write acknowledged so far durable. The whole journal is synced, not just the range: one fsync
     * covers all of it, and group commit shares it among concurrent callers.
     */
    public CommitResult commit(Caller caller, FileHandle handle) {
        Attributes before = metadata.getattr(handle);
        engine.syncAll();
        return new CommitResult(engine.writeVerifier(), before.wcc(), metadata.getattr(handle));
    }

    /**
     * Copies {@code length} bytes (fewer if the source ends first) from one file to another, as SMB's COPYCHUNK
     * and NFS clients' copy offload ask: the bytes never cross the network. Journaled like any write, so the copy
     * deduplicates against the source once uploaded. Returns how many bytes were copied.
     */
    public long copy(Caller caller, FileHandle source, long sourceOffset, FileHandle target, long targetOffset,
                     long length) {
        requireWithinLargestFile(sourceOffset, length);
        requireWithinLargestFile(targetOffset, length);
        Attributes from = metadata.checkRead(caller, source);
        Attributes to = metadata.checkWrite(caller, target);
        long total = Math.max(0, Math.min(from.size(), sourceOffset + length) - sourceOffset);
        // within one file, a copy to a later offset runs back to front so that it never reads what it wrote
        boolean backwards = source.inodeId() == target.inodeId() && targetOffset > sourceOffset;
        long copied = 0;
        try {
            while (copied < total) {
                int step = (int) Math.min(COPY_STEP, total - copied);
                long relative = backwards ? total - copied - step : copied;
                ByteBuffer bytes = contents.read(source.inodeId(), sourceOffset + relative, step, from.size());
                contents.write(target.inodeId(), targetOffset + relative, bytes);
                copied += step;
            }
        } catch (FsException e) {
            if (e.error() != FsError.TRY_LATER || copied == 0 || backwards) {
                throw e;
            }
            // a full journal part way: report the part that was copied, as a short copy, and let the client go on
        }
        if (copied > 0) {
            written.written(target.shareId(), target.inodeId(), targetOffset + copied > to.size());
        }
        return copied;
    }

    /** The write verifier of this run of the server (NFS WRITE and COMMIT replies). */
    public long writeVerifier() {
        return engine.writeVerifier();
    }

    /** A range must end within the largest file, 2^63 - 1 bytes (an offset at or past 2^63 arrives negative). */
    private static void requireWithinLargestFile(long offset, long length) {
        if (length < 0) {
            throw new FsException(FsError.INVALID, "negative length " + length);
        }
        if (offset < 0 || offset > Long.MAX_VALUE - length) {
            throw new FsException(FsError.TOO_BIG, "offset " + Long.toUnsignedString(offset) + " and length " + length
                    + " reach beyond the largest file size");
        }
    }
}
