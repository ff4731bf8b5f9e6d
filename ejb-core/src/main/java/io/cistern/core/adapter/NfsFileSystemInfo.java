package io.cistern.core.adapter;

import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.FsStat;
import io.cistern.core.metadata.MetadataService;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsFsInfoReply;
import io.cistern.nfs.spi.NfsFsStatReply;
import io.cistern.nfs.spi.NfsPathconfReply;
import io.cistern.nfs.spi.NfsStatus;

/** FSSTAT, FSINFO and PATHCONF: what the share's file system is, and what it can hold. */
final class NfsFileSystemInfo {
    /** Times are stored in nanoseconds; the client may set them that finely. */
    static final long TIME_DELTA_NANOS = 1;
    static final int PROPERTIES = NfsFsInfoReply.FSF3_LINK | NfsFsInfoReply.FSF3_SYMLINK
            | NfsFsInfoReply.FSF3_HOMOGENEOUS | NfsFsInfoReply.FSF3_CANSETTIME;
    /** Linux NAME_MAX, in bytes, which is what the file system checks. */
    static final int NAME_MAX = 255;

    private final MetadataService metadata;
    private final NfsCallers callers;

    NfsFileSystemInfo(MetadataService metadata, NfsCallers callers) {
        this.metadata = metadata;
        this.callers = callers;
    }

    /** The figures change with every write, so invarsec is 0: the client must not cache them. */
    NfsFsStatReply fsstat(NfsCaller who, byte[] handle) {
        NfsTarget target = callers.resolve(who, handle);
        FsStat stat = metadata.fsstat(target.handle());
        return new NfsFsStatReply(NfsStatus.OK, PostOpAttributes.of(metadata, target.handle()), stat.totalBytes(),
                stat.freeBytes(), stat.availableBytes(), stat.totalFiles(), stat.freeFiles(), stat.freeFiles(), 0);
    }

    /** Files are sparse and block-mapped, so no size below the largest signed 64-bit offset is special. */
    NfsFsInfoReply fsinfo(NfsCaller who, byte[] handle) {
        NfsTarget target = callers.resolve(who, handle);
        Attributes object = metadata.getattr(target.handle());
        return new NfsFsInfoReply(NfsStatus.OK, NfsTranslation.attributes(object), Long.MAX_VALUE, TIME_DELTA_NANOS,
                PROPERTIES);
    }

    /**
     * Names are bytes compared exactly (SMB's case folding is a separate lookup); only root may give a file away,
     * the owner may only change its group to one it belongs to (PosixRules.chown), which is _POSIX_CHOWN_RESTRICTED.
     */
    NfsPathconfReply pathconf(NfsCaller who, byte[] handle) {
        NfsTarget target = callers.resolve(who, handle);
        Attributes object = metadata.getattr(target.handle());
        return new NfsPathconfReply(NfsStatus.OK, NfsTranslation.attributes(object), MetadataService.LINK_LIMIT,
                NAME_MAX, true, true, false, true);
    }
}
