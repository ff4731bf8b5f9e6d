package io.cistern.core.adapter;

import io.cistern.core.activity.TransferActivity;
import io.cistern.core.activity.TransferRecorder;
import io.cistern.core.content.PayloadService;
import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.FsException;
import io.cistern.core.metadata.MetadataService;
import io.cistern.core.metrics.ProtocolMetrics;
import io.cistern.smb.spi.SmbCaller;
import io.cistern.smb.spi.SmbCopyRange;
import io.cistern.smb.spi.SmbCopyReply;
import io.cistern.smb.spi.SmbFileStatus;
import io.cistern.smb.spi.SmbUser;
import java.util.List;

/**
 * SMB's server-side copy (FSCTL_SRV_COPYCHUNK): each range is checked as a READ of the source and a WRITE of the
 * target would be (the end of the source, the byte-range locks of other opens, the permission rules of
 * MetadataService), then copied by {@link PayloadService#copy}, which journals the bytes as a write does.
 *
 * <p>Blocks are not shared between the files: a range is at most 1 MiB (the adapter's limit, Windows' and Samba's),
 * a quarter of a 4 MiB block, so no range ever covers a whole block to share; the copy deduplicates against the
 * source when its blocks are uploaded, like any write of the same bytes.
 */
final class SmbServerSideCopy {
    private final MetadataService metadata;
    private final PayloadService payload;
    private final SmbCallers callers;
    private final SmbLocking locking;
    private final TransferRecorder activity;

    SmbServerSideCopy(MetadataService metadata, PayloadService payload, SmbCallers callers, SmbLocking locking,
                      TransferRecorder activity) {
        this.metadata = metadata;
        this.payload = payload;
        this.callers = callers;
        this.locking = locking;
        this.activity = activity;
    }

    /**
     * Copies the ranges in order and stops at the first that cannot be copied whole. A full journal part way
     * (TRY_LATER) is reported with the ranges copied before it, so that the adapter asks again for the rest.
     */
    SmbCopyReply copy(SmbCaller who, SmbUser user, byte[] source, byte[] sourceOwner, byte[] target,
                      byte[] targetOwner, List<SmbCopyRange> ranges) {
        SmbTarget from = callers.resolve(who, user, source);
        SmbTarget to = callers.resolve(who, user, target);
        int copied = 0;
        long bytes = 0;
        for (SmbCopyRange range : ranges) {
            SmbFileStatus refusal = refusal(who, from, source, sourceOwner, target, targetOwner, range);
            long count;
            try {
                count = refusal == null ? payload.copy(from.caller(), from.handle(), range.sourceOffset(),
                        to.handle(), range.targetOffset(), range.length()) : 0;
            } catch (FsException e) {
                if (copied == 0) {
                    throw e;
                }
                return new SmbCopyReply(SmbTranslation.status(e.error()), copied, bytes);
            }
            if (refusal == null && count < range.length()) {
                refusal = SmbFileStatus.TRY_LATER;     // the journal filled part way; the range is copied again
            }
            if (refusal != null) {
                return new SmbCopyReply(refusal, copied, bytes);
            }
            copied++;
            bytes += count;
        }
        if (bytes > 0) {
            Attributes after = metadata.getattr(to.handle());
            activity.record(ProtocolMetrics.SMB, who.client(), to.handle(), TransferActivity.WRITE, bytes, after.size());
        }
        return new SmbCopyReply(SmbFileStatus.OK, copied, bytes);
    }

    /** Why a range may not be copied (past the source's end, a lock), or null. */
    private SmbFileStatus refusal(SmbCaller who, SmbTarget from, byte[] source, byte[] sourceOwner, byte[] target,
                                  byte[] targetOwner, SmbCopyRange range) {
        long size = metadata.getattr(from.handle()).size();
        if (range.sourceOffset() > size - range.length()) {
            return SmbFileStatus.BEYOND_END_OF_FILE;
        }
        if (locking.refusesAccess(who, source, sourceOwner, range.sourceOffset(), range.length(), false)
                || locking.refusesAccess(who, target, targetOwner, range.targetOffset(), range.length(), true)) {
            return SmbFileStatus.FILE_LOCK_CONFLICT;
        }
        return null;
    }
}
