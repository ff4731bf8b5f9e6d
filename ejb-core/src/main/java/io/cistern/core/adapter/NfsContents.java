package io.cistern.core.adapter;

import io.cistern.core.activity.TransferActivity;
import io.cistern.core.activity.TransferRecorder;
import io.cistern.core.content.PayloadService;
import io.cistern.core.fs.CommitResult;
import io.cistern.core.fs.FsException;
import io.cistern.core.fs.ReadResult;
import io.cistern.core.fs.WriteResult;
import io.cistern.core.metadata.MetadataService;
import io.cistern.core.metrics.ProtocolMetrics;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsCommitReply;
import io.cistern.nfs.spi.NfsReadReply;
import io.cistern.nfs.spi.NfsStatus;
import io.cistern.nfs.spi.NfsWriteReply;
import java.nio.ByteBuffer;

/** READ, WRITE and COMMIT, through the payload service and its journal. */
final class NfsContents {
    /**
     * More than any client asks in one READ (Linux rsize is at most 1 MiB): a count beyond it, or one whose
     * uint32 arrived negative, is read short, which clients handle, instead of allocating gigabytes.
     */
    static final int MAX_READ_BYTES = 8 << 20;

    private final MetadataService metadata;
    private final PayloadService payload;
    private final NfsCallers callers;
    private final TransferRecorder activity;

    NfsContents(MetadataService metadata, PayloadService payload, NfsCallers callers, TransferRecorder activity) {
        this.metadata = metadata;
        this.payload = payload;
        this.callers = callers;
        this.activity = activity;
    }

    NfsReadReply read(NfsCaller who, byte[] handle, long offset, int count) {
        NfsTarget file = callers.resolve(who, handle);
        try {
            // held: the adapter writes the bytes to its socket straight from the cache, and releases them after
            ReadResult read = payload.readHeld(file.caller(), file.handle(), offset, readCount(count));
            try {
                activity.record(ProtocolMetrics.NFS, who.client(), file.handle(), TransferActivity.READ,
                        read.content().remaining(), read.attributes().size());
                return new NfsReadReply(NfsStatus.OK, NfsTranslation.attributes(read.attributes()), read.content(),
                        read.eof(), read.release());
            } catch (RuntimeException e) {
                read.release().run();
                throw e;
            }
        } catch (FsException e) {
            return NfsReadReply.failure(NfsTranslation.status(e.error()), PostOpAttributes.of(metadata, file.handle()));
        }
    }

    static int readCount(int count) {
        return count < 0 || count > MAX_READ_BYTES ? MAX_READ_BYTES : count;
    }

    /** A failed write carries no wcc: whether any of it reached the file is unknown, and the client resends. */
    NfsWriteReply write(NfsCaller who, byte[] handle, long offset, ByteBuffer data, int stable) {
        NfsTarget file = callers.resolve(who, handle);
        WriteResult written = payload.write(file.caller(), file.handle(), offset, data,
                NfsTranslation.stability(stable));
        activity.record(ProtocolMetrics.NFS, who.client(), file.handle(), TransferActivity.WRITE, written.count(),
                written.after().size());
        return new NfsWriteReply(NfsStatus.OK, NfsTranslation.wcc(written.before(), written.after()), written.count(),
                NfsTranslation.stableHow(written.committed()), written.verifier());
    }

    /** The whole journal is synced whatever the range: one fsync covers it all (PayloadService.commit). */
    NfsCommitReply commit(NfsCaller who, byte[] handle) {
        NfsTarget file = callers.resolve(who, handle);
        CommitResult committed = payload.commit(file.caller(), file.handle());
        return new NfsCommitReply(NfsStatus.OK, NfsTranslation.wcc(committed.before(), committed.after()),
                committed.verifier());
    }
}
