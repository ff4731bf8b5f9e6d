package io.cistern.core.adapter;

import io.cistern.core.activity.TransferActivity;
import io.cistern.core.activity.TransferRecorder;
import io.cistern.core.content.PayloadService;
import io.cistern.core.fs.AttributeChanges;
import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.DirectoryItem;
import io.cistern.core.fs.DirectoryPage;
import io.cistern.core.fs.FsStat;
import io.cistern.core.fs.PiecedRead;
import io.cistern.core.fs.Stability;
import io.cistern.core.fs.TimeChange;
import io.cistern.core.fs.WriteResult;
import io.cistern.core.metadata.MetadataService;
import io.cistern.core.metrics.ProtocolMetrics;
import io.cistern.smb.spi.SmbBasicChange;
import io.cistern.smb.spi.SmbCaller;
import io.cistern.smb.spi.SmbDirEntry;
import io.cistern.smb.spi.SmbDirectoryReply;
import io.cistern.smb.spi.SmbFileStatus;
import io.cistern.smb.spi.SmbInfoReply;
import io.cistern.smb.spi.SmbReadReply;
import io.cistern.smb.spi.SmbSecurityChange;
import io.cistern.smb.spi.SmbUser;
import io.cistern.smb.spi.SmbVolumeReply;
import io.cistern.smb.spi.SmbWriteReply;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What SMB does with an open file or directory: attributes, contents, listings, and the share's size. */
final class SmbFileOperations {
    private static final int OWNER_WRITE = 0200;
    private static final int ALL_WRITE = 0222;

    private final MetadataService metadata;
    private final PayloadService payload;
    private final SmbCallers callers;
    private final TransferRecorder activity;

    SmbFileOperations(MetadataService metadata, PayloadService payload, SmbCallers callers,
                      TransferRecorder activity) {
        this.metadata = metadata;
        this.payload = payload;
        this.callers = callers;
        this.activity = activity;
    }

    SmbInfoReply fileInfo(SmbCaller who, SmbUser user, byte[] handle) {
        SmbTarget file = callers.resolve(who, user, handle);
        return SmbInfoReply.ok(SmbTranslation.info(metadata.getattr(file.handle())));
    }

    SmbReadReply read(SmbCaller who, SmbUser user, byte[] handle, long offset, int length) {
        SmbTarget file = callers.resolve(who, user, handle);
        // held: the adapter sends the bytes straight from the cached blocks, and releases them after
        PiecedRead read = payload.readHeldPieces(file.caller(), file.handle(), offset, NfsContents.readCount(length));
        try {
            activity.record(ProtocolMetrics.SMB, who.client(), file.handle(), TransferActivity.READ, read.length(),
                    read.attributes().size());
            return new SmbReadReply(SmbFileStatus.OK, read.pieces(), read.release());
        } catch (RuntimeException e) {
            read.release().run();
            throw e;
        }
    }

    /** Without write-through the bytes are journaled but not yet synced, as an SMB server may keep them. */
    SmbWriteReply write(SmbCaller who, SmbUser user, byte[] handle, long offset, ByteBuffer data,
                        boolean writeThrough) {
        SmbTarget file = callers.resolve(who, user, handle);
        WriteResult written = payload.write(file.caller(), file.handle(), offset, data,
                writeThrough ? Stability.FILE_SYNC : Stability.UNSTABLE);
        activity.record(ProtocolMetrics.SMB, who.client(), file.handle(), TransferActivity.WRITE, written.count(),
                written.after().size());
        return new SmbWriteReply(SmbFileStatus.OK, written.count(), SmbTranslation.info(written.after()));
    }

    SmbFileStatus flush(SmbCaller who, SmbUser user, byte[] handle) {
        SmbTarget file = callers.resolve(who, user, handle);
        payload.commit(file.caller(), file.handle());
        return SmbFileStatus.OK;
    }

    /**
     * Times the client sets are kept as it gives them, the creation (birth) and change times included ([MS-FSA]
     * 2.1.5.14.2). Read-only maps to the write bits: set, all are removed; cleared, the owner may write again.
     */
    SmbInfoReply setBasicInfo(SmbCaller who, SmbUser user, byte[] handle, SmbBasicChange change) {
        SmbTarget file = callers.resolve(who, user, handle);
        Attributes current = metadata.getattr(file.handle());
        AttributeChanges changes = new AttributeChanges(newMode(current.mode(), change.readOnly()), null, null, null,
                clientTime(change.lastAccessTime()), clientTime(change.lastWriteTime()))
                .withBirthAndChangeTimes(clientTime(change.creationTime()), clientTime(change.changeTime()));
        if (changes.equals(AttributeChanges.none())) {
            return SmbInfoReply.ok(SmbTranslation.info(current));
        }
        return SmbInfoReply.ok(SmbTranslation.info(metadata.setattr(file.caller(), file.handle(), changes, null)));
    }

    private static Integer newMode(int mode, Boolean readOnly) {
        if (readOnly == null) {
            return null;
        }
        int changed = readOnly ? mode & ~ALL_WRITE : mode | OWNER_WRITE;
        return changed == mode ? null : changed;
    }

    private static TimeChange clientTime(Long nanos) {
        return nanos == null ? TimeChange.KEEP : TimeChange.client(nanos);
    }

    /**
     * The owner, group and mode a security descriptor asked for, in one SETATTR, so that MetadataService applies
     * chown's and chmod's rules to them as it does for NFS, all or nothing.
     */
    SmbInfoReply setSecurity(SmbCaller who, SmbUser user, byte[] handle, SmbSecurityChange change) {
        SmbTarget file = callers.resolve(who, user, handle);
        AttributeChanges changes = AttributeChanges.none().withOwner(change.uid(), change.gid());
        if (change.mode() != null) {
            changes = changes.withMode(change.mode());
        }
        return SmbInfoReply.ok(SmbTranslation.info(metadata.setattr(file.caller(), file.handle(), changes, null)));
    }

    SmbInfoReply setEndOfFile(SmbCaller who, SmbUser user, byte[] handle, long size) {
        SmbTarget file = callers.resolve(who, user, handle);
        Attributes resized = metadata.setattr(file.caller(), file.handle(), AttributeChanges.none().withSize(size),
                null);
        return SmbInfoReply.ok(SmbTranslation.info(resized));
    }

    /** The first page also says what "." and ".." are; later pages only carry entries. */
    SmbDirectoryReply list(SmbCaller who, SmbUser user, byte[] directory, long cookie, int maxEntries) {
        SmbTarget dir = callers.resolve(who, user, directory);
        DirectoryPage page = metadata.readdir(dir.caller(), dir.handle(), cookie, Math.max(1, maxEntries));
        Attributes parent = cookie == 0 ? metadata.parent(dir.caller(), dir.handle()) : null;
        return reply(page, parent);
    }

    /** The entries named {@code name} ignoring case: no "..", since a search for a name never reports it. */
    SmbDirectoryReply listNamed(SmbCaller who, SmbUser user, byte[] directory, String name) {
        SmbTarget dir = callers.resolve(who, user, directory);
        return reply(metadata.readdirNamed(dir.caller(), dir.handle(), name), null);
    }

    private static SmbDirectoryReply reply(DirectoryPage page, Attributes parent) {
        List<SmbDirEntry> entries = new ArrayList<>(page.items().size());
        for (DirectoryItem item : page.items()) {
            entries.add(new SmbDirEntry(new String(item.name(), StandardCharsets.UTF_8), item.cookie(),
                    SmbTranslation.info(item.attributes())));
        }
        return new SmbDirectoryReply(SmbFileStatus.OK, SmbTranslation.info(page.directory()),
                parent == null ? null : SmbTranslation.info(parent), entries, page.end());
    }

    SmbVolumeReply volume(SmbCaller who, SmbUser user, long shareId) {
        callers.onShare(who, user, shareId);
        FsStat stat = metadata.fsstat(metadata.shareRoot(shareId).handle());
        return new SmbVolumeReply(SmbFileStatus.OK, stat.totalBytes(), stat.freeBytes(), stat.availableBytes());
    }
}
