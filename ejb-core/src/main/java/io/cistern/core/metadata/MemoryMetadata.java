package io.cistern.core.metadata;

import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.Caller;
import io.cistern.core.fs.DirectoryPage;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.FileType;
import io.cistern.core.fs.PosixRules;
import java.net.InetAddress;
import java.util.Collection;
import java.util.function.LongFunction;

/**
 * The answers of {@link MetadataService#nfsCaller}, {@link MetadataService#getattr}, {@link MetadataService#lookup},
 * {@link MetadataService#readdir}, {@link MetadataService#access} and {@link MetadataService#checkRead} when everything they need is in memory, and null when it is not: never a
 * database read. A protocol adapter asks these on its I/O threads, which must not wait, and sends a null to a worker
 * that asks the service. The rules are the service's; so is every error: a case this class would refuse (a
 * permission missing, a network not allowed) is a null too, for the service to refuse with its message.
 * <p>
 * A plain object, not a bean: a call through the container would cost a good part of what an answer from memory
 * saves. It holds only the service's own caches, which live as long as the application.
 */
public final class MemoryMetadata {
    private final AttributeCache cache;
    private final UnuploadedWrites.Source unuploaded;
    /** A share's export rules when they are in memory, else null: {@link ShareExports#known}. */
    private final LongFunction<ShareExports.Export> shares;

    MemoryMetadata(AttributeCache cache, UnuploadedWrites.Source unuploaded, LongFunction<ShareExports.Export> shares) {
        this.cache = cache;
        this.unuploaded = unuploaded;
        this.shares = shares;
    }

    /** As {@link MetadataService#nfsCaller}, when the share's rules are known and let the client in. */
    public Caller nfsCaller(FileHandle handle, int uid, int gid, Collection<Integer> groups, InetAddress client) {
        ShareExports.Export share = shares.apply(handle.shareId());
        if (share == null || !share.options().allowsClient(client)) {
            return null;
        }
        return share.options().squash(uid, gid, groups);
    }

    /** As {@link MetadataService#getattr}, when the inode's attributes are cached. */
    public Attributes getattr(FileHandle handle) {
        UnuploadedWrites writes = unuploaded.of(handle.inodeId());   // before the stored attributes, as there
        Attributes stored = cache.attributes(handle);
        return stored == null ? null : writes.applyTo(stored);
    }

    /** As {@link MetadataService#checkRead}, when the attributes are cached and let the caller read the file. */
    public Attributes readable(Caller caller, FileHandle handle) {
        Attributes file = getattr(handle);
        if (file == null || file.type() != FileType.REGULAR) {
            return null;
        }
        boolean mayRead = caller.uid() == file.uid()
                || (PosixRules.allowed(caller, file.permissions()) & PosixRules.READ) != 0;
        return mayRead ? file : null;
    }

    /** As {@link MetadataService#lookup}, when the caller may search the directory and the name is cached. */
    public Attributes lookup(Caller caller, FileHandle directory, byte[] name) {
        Attributes dir = getattr(directory);
        if (dir == null || dir.type() != FileType.DIRECTORY
                || (PosixRules.allowed(caller, dir.permissions()) & PosixRules.EXECUTE) == 0) {
            return null;
        }
        if (!PosixRules.isValidName(name)) {
            return null;
        }
        Long childId = cache.child(dir.inodeId(), name, dir.change());
        if (childId == null) {
            return null;
        }
        UnuploadedWrites writes = unuploaded.of(childId);
        Attributes child = cache.attributes(childId);
        return child == null ? null : writes.applyTo(child);
    }

    /**
     * As {@link MetadataService#readdir}, when the caller may list the directory, its whole listing is kept for its
     * current change counter, and every child on the page has its attributes cached: the pages after a listing's
     * first, which read and kept the whole directory.
     */
    public DirectoryPage readdir(Caller caller, FileHandle directory, long cookie, int max) {
        Attributes dir = getattr(directory);
        if (dir == null || dir.type() != FileType.DIRECTORY
                || (PosixRules.allowed(caller, dir.permissions()) & PosixRules.READ) == 0) {
            return null;
        }
        DirectoryListing kept = cache.listing(dir.inodeId(), dir.change());
        return kept == null ? null
                : DirectoryReading.fromListing(dir, kept, cookie, max, unuploaded, cache::attributes, false);
    }

    /** As {@link MetadataService#access}, when the attributes and the share's rules are in memory; -1 when not. */
    public int access(Caller caller, FileHandle handle, int wanted) {
        Attributes attributes = getattr(handle);
        ShareExports.Export share = shares.apply(handle.shareId());
        if (attributes == null || share == null) {
            return -1;
        }
        int allowed = PosixRules.allowed(caller, attributes.permissions()) & wanted;
        return share.options().readOnly() ? allowed & ~PosixRules.WRITE : allowed;
    }
}
