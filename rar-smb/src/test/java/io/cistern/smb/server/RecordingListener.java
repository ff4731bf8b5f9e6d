package io.cistern.smb.server;

import io.cistern.smb.spi.SmbAdapterEvent;
import io.cistern.smb.spi.SmbCaller;
import io.cistern.smb.spi.SmbListener;
import io.cistern.smb.spi.SmbServerIdentity;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener double for unit tests: answers a fixed identity and records who asked. */
public class RecordingListener implements SmbListener {
    public static final UUID SERVER_GUID = UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
    public static final Instant SERVER_START = Instant.parse("2025-10-01T08:00:00Z");

    public final List<SmbCaller> identityCallers = new CopyOnWriteArrayList<>();
    public final List<SmbAdapterEvent> events = new CopyOnWriteArrayList<>();
    public volatile boolean signingRequired;
    public volatile boolean encryptionRequired;
    public volatile RuntimeException failure;

    @Override
    public SmbServerIdentity serverIdentity(SmbCaller caller) {
        if (failure != null) {
            throw failure;
        }
        identityCallers.add(caller);
        return new SmbServerIdentity(SERVER_GUID, SERVER_START, signingRequired, encryptionRequired);
    }

    @Override
    public void adapterEvent(SmbAdapterEvent event) {
        events.add(event);
    }

    /** What {@link #listenerEnabled} answers; a test switches the listener with it. */
    public volatile boolean enabled = true;
    /** Thrown by {@link #listenerEnabled} when set: an application that cannot answer. */
    public volatile RuntimeException enabledFailure;

    @Override
    public boolean listenerEnabled() {
        if (enabledFailure != null) {
            throw enabledFailure;
        }
        return enabled;
    }

    /** Accounts by lower-case user name, for logon tests; none unless a test adds them. */
    public final java.util.Map<String, io.cistern.smb.spi.SmbAccount> accounts = new java.util.concurrent.ConcurrentHashMap<>();
    /** Every account lookup, as "user@domain", in order. */
    public final List<String> accountLookups = new CopyOnWriteArrayList<>();
    /** When set, account lookups fail with it (the database is down). */
    public volatile RuntimeException accountFailure;

    @Override
    public java.util.Optional<io.cistern.smb.spi.SmbAccount> accountForLogon(SmbCaller caller, String user, String domain) {
        accountLookups.add(user + "@" + domain);
        if (accountFailure != null) {
            throw accountFailure;
        }
        return java.util.Optional.ofNullable(accounts.get(user.toLowerCase(java.util.Locale.ROOT)));
    }

    /** Shares by lower-case name, for tree connect tests; none unless a test adds them. */
    public final java.util.Map<String, io.cistern.smb.spi.SmbShare> shares = new java.util.concurrent.ConcurrentHashMap<>();
    /** Every share lookup, as "account:share", in order. */
    public final List<String> shareLookups = new CopyOnWriteArrayList<>();
    /** When set, share lookups fail with it (the database is down). */
    public volatile RuntimeException shareFailure;

    @Override
    public java.util.Optional<io.cistern.smb.spi.SmbShare> shareForTree(SmbCaller caller, String account,
                                                                      String shareName) {
        shareLookups.add(account + ":" + shareName);
        if (shareFailure != null) {
            throw shareFailure;
        }
        return java.util.Optional.ofNullable(shares.get(shareName.toLowerCase(java.util.Locale.ROOT)));
    }

    /** Adds a share, found by its name in any case. */
    @Override
    public List<io.cistern.smb.spi.SmbShare> sharesFor(SmbCaller caller, String account) {
        // as the SPI asks: a guest (null account) lists only the shares that allow guests
        return shares.values().stream().filter(share -> account != null || share.allowsGuests())
                .sorted(java.util.Comparator.comparing(io.cistern.smb.spi.SmbShare::name)).toList();
    }

    public io.cistern.smb.spi.SmbShare addShare(long id, String name, boolean readOnly) {
        return addShare(new io.cistern.smb.spi.SmbShare(id, name, readOnly));
    }

    public io.cistern.smb.spi.SmbShare addShare(io.cistern.smb.spi.SmbShare share) {
        shares.put(share.name().toLowerCase(java.util.Locale.ROOT), share);
        return share;
    }

    /** Adds a local account with {@code password}, uid and gid {@code id}. */
    public io.cistern.smb.spi.SmbAccount addAccount(String user, String password, int id) {
        io.cistern.smb.spi.SmbAccount account = new io.cistern.smb.spi.SmbAccount(user,
                io.cistern.smb.spi.NtHash.of(password.toCharArray()), id, id, new int[] {id});
        accounts.put(user.toLowerCase(java.util.Locale.ROOT), account);
        return account;
    }
    // ---- files: an in-memory tree per share

    /** The file tree every file request works on. */
    public final MemoryFileTree files = new MemoryFileTree();

    @Override
    public io.cistern.smb.spi.SmbOpenReply open(SmbCaller caller, io.cistern.smb.spi.SmbUser user, long shareId,
                                                List<String> path, io.cistern.smb.spi.SmbOpenRequest request) {
        return files.open(user, shareId, path, request);
    }

    @Override
    public io.cistern.smb.spi.SmbInfoReply fileInfo(SmbCaller caller, io.cistern.smb.spi.SmbUser user, byte[] handle) {
        return files.fileInfo(handle);
    }

    @Override
    public io.cistern.smb.spi.SmbReadReply read(SmbCaller caller, io.cistern.smb.spi.SmbUser user, byte[] handle,
                                                byte[] lockOwner, long offset, int length) {
        return files.read(handle, offset, length);
    }

    @Override
    public io.cistern.smb.spi.SmbWriteReply write(SmbCaller caller, io.cistern.smb.spi.SmbUser user, byte[] handle,
                                                  byte[] lockOwner, long offset, java.nio.ByteBuffer data,
                                                  boolean writeThrough) {
        return files.write(handle, offset, data);
    }

    /** The source offset of the range at which copies say TRY_LATER (a full journal), this many times; -1: never. */
    public volatile long copyBusyAtOffset = -1;
    public final java.util.concurrent.atomic.AtomicInteger copyBusyTimes = new java.util.concurrent.atomic.AtomicInteger();

    /** Every copy asked for: the ranges of each call. */
    public final List<List<io.cistern.smb.spi.SmbCopyRange>> copies = new CopyOnWriteArrayList<>();

    /** As the application copies: range by range, each a read and a write, stopping at the first that fails. */
    @Override
    public synchronized io.cistern.smb.spi.SmbCopyReply copy(SmbCaller caller, io.cistern.smb.spi.SmbUser user,
                                                             byte[] source, byte[] sourceLockOwner, byte[] target,
                                                             byte[] targetLockOwner,
                                                             List<io.cistern.smb.spi.SmbCopyRange> ranges) {
        copies.add(List.copyOf(ranges));
        int copied = 0;
        long bytes = 0;
        for (io.cistern.smb.spi.SmbCopyRange range : ranges) {
            if (range.sourceOffset() == copyBusyAtOffset && copyBusyTimes.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return new io.cistern.smb.spi.SmbCopyReply(io.cistern.smb.spi.SmbFileStatus.TRY_LATER, copied, bytes);
            }
            io.cistern.smb.spi.SmbFileStatus refusal = copyRefusal(source, sourceLockOwner, target, targetLockOwner,
                    range);
            if (refusal == null) {
                io.cistern.smb.spi.SmbReadReply read = files.read(source, range.sourceOffset(), range.length());
                refusal = read.status() == io.cistern.smb.spi.SmbFileStatus.OK
                        ? files.write(target, range.targetOffset(), read.data()).status() : read.status();
                refusal = refusal == io.cistern.smb.spi.SmbFileStatus.OK ? null : refusal;
            }
            if (refusal != null) {
                return new io.cistern.smb.spi.SmbCopyReply(refusal, copied, bytes);
            }
            copied++;
            bytes += range.length();
        }
        return new io.cistern.smb.spi.SmbCopyReply(io.cistern.smb.spi.SmbFileStatus.OK, copied, bytes);
    }

    private io.cistern.smb.spi.SmbFileStatus copyRefusal(byte[] source, byte[] sourceOwner, byte[] target,
                                                         byte[] targetOwner, io.cistern.smb.spi.SmbCopyRange range) {
        io.cistern.smb.spi.SmbInfoReply info = files.fileInfo(source);
        if (info.status() != io.cistern.smb.spi.SmbFileStatus.OK) {
            return info.status();
        }
        if (range.sourceOffset() > info.info().size() - range.length()) {
            return io.cistern.smb.spi.SmbFileStatus.BEYOND_END_OF_FILE;
        }
        HeldLock read = new HeldLock(java.util.HexFormat.of().formatHex(source),
                java.util.HexFormat.of().formatHex(sourceOwner), range.sourceOffset(),
                range.sourceOffset() + range.length() - 1, false);
        HeldLock write = new HeldLock(java.util.HexFormat.of().formatHex(target),
                java.util.HexFormat.of().formatHex(targetOwner), range.targetOffset(),
                range.targetOffset() + range.length() - 1, true);
        return locks.stream().anyMatch(held -> held.conflictsWith(read) || held.conflictsWith(write))
                ? io.cistern.smb.spi.SmbFileStatus.FILE_LOCK_CONFLICT : null;
    }

    @Override
    public io.cistern.smb.spi.SmbFileStatus flush(SmbCaller caller, io.cistern.smb.spi.SmbUser user, byte[] handle) {
        files.calls.add("flush");
        return io.cistern.smb.spi.SmbFileStatus.OK;
    }

    @Override
    public io.cistern.smb.spi.SmbDirectoryReply list(SmbCaller caller, io.cistern.smb.spi.SmbUser user,
                                                     byte[] directory, long cookie, int maxEntries) {
        return files.list(directory, cookie, maxEntries);
    }

    @Override
    public io.cistern.smb.spi.SmbDirectoryReply listNamed(SmbCaller caller, io.cistern.smb.spi.SmbUser user,
                                                          byte[] directory, String name) {
        return files.listNamed(directory, name);
    }

    @Override
    public io.cistern.smb.spi.SmbInfoReply setBasicInfo(SmbCaller caller, io.cistern.smb.spi.SmbUser user,
                                                        byte[] handle, io.cistern.smb.spi.SmbBasicChange change) {
        return files.setBasicInfo(handle, change);
    }

    @Override
    public io.cistern.smb.spi.SmbInfoReply setSecurity(SmbCaller caller, io.cistern.smb.spi.SmbUser user,
                                                       byte[] handle, io.cistern.smb.spi.SmbSecurityChange change) {
        return files.setSecurity(handle, change);
    }

    /** When set, every resize fails with it: an application that breaks in the middle of a CREATE. */
    public volatile RuntimeException resizeFailure;

    @Override
    public io.cistern.smb.spi.SmbInfoReply setEndOfFile(SmbCaller caller, io.cistern.smb.spi.SmbUser user,
                                                        byte[] handle, long size) {
        if (resizeFailure != null) {
            throw resizeFailure;
        }
        return files.setEndOfFile(handle, size);
    }

    @Override
    public io.cistern.smb.spi.SmbFileStatus rename(SmbCaller caller, io.cistern.smb.spi.SmbUser user, long shareId,
                                                   List<String> from, byte[] handle, List<String> to,
                                                   boolean replace) {
        return files.rename(shareId, from, handle, to, replace);
    }

    @Override
    public io.cistern.smb.spi.SmbFileStatus checkDelete(SmbCaller caller, io.cistern.smb.spi.SmbUser user,
                                                        long shareId, List<String> path, byte[] handle) {
        return files.checkDelete(shareId, path, handle);
    }

    @Override
    public io.cistern.smb.spi.SmbFileStatus delete(SmbCaller caller, io.cistern.smb.spi.SmbUser user, long shareId,
                                                   List<String> path, byte[] handle) {
        return files.delete(shareId, path, handle);
    }

    @Override
    public io.cistern.smb.spi.SmbVolumeReply volume(SmbCaller caller, io.cistern.smb.spi.SmbUser user, long shareId) {
        return files.volume();
    }

    // ---- byte-range locks: a small table of its own, enough for the handler's decisions

    /** A held lock: the file (its handle), the owner (the open), the bytes [first, last], shared or exclusive. */
    public record HeldLock(String file, String owner, long first, long last, boolean exclusive) {
        boolean conflictsWith(HeldLock other) {
            return file.equals(other.file) && !owner.equals(other.owner) && (exclusive || other.exclusive)
                    && first <= other.last && other.first <= last;
        }
    }

    public final List<HeldLock> locks = new CopyOnWriteArrayList<>();

    /** All or none, as the application's lock manager; a lock of no bytes is kept but conflicts with nothing. */
    @Override
    public synchronized io.cistern.smb.spi.SmbFileStatus lock(SmbCaller caller, io.cistern.smb.spi.SmbUser user,
                                                              byte[] handle, byte[] owner,
                                                              List<io.cistern.smb.spi.SmbLockRange> ranges) {
        List<HeldLock> wanted = ranges.stream().map(range -> held(handle, owner, range)).toList();
        for (HeldLock lock : wanted) {
            if (lock.last() >= lock.first() && locks.stream().anyMatch(held -> held.conflictsWith(lock))) {
                return io.cistern.smb.spi.SmbFileStatus.LOCK_CONFLICT;
            }
        }
        locks.addAll(wanted);
        return io.cistern.smb.spi.SmbFileStatus.OK;
    }

    /** Exact unlocks in order, as the application's lock manager. */
    @Override
    public synchronized io.cistern.smb.spi.SmbFileStatus unlock(SmbCaller caller, io.cistern.smb.spi.SmbUser user,
                                                                byte[] handle, byte[] owner,
                                                                List<io.cistern.smb.spi.SmbLockRange> ranges) {
        for (io.cistern.smb.spi.SmbLockRange range : ranges) {
            HeldLock shape = held(handle, owner, range);
            HeldLock match = locks.stream().filter(held -> held.file().equals(shape.file())
                    && held.owner().equals(shape.owner()) && held.first() == shape.first()
                    && held.last() == shape.last()).findFirst().orElse(null);
            if (match == null) {
                return io.cistern.smb.spi.SmbFileStatus.RANGE_NOT_LOCKED;
            }
            locks.remove(match);
        }
        return io.cistern.smb.spi.SmbFileStatus.OK;
    }

    private static HeldLock held(byte[] handle, byte[] owner, io.cistern.smb.spi.SmbLockRange range) {
        return new HeldLock(java.util.HexFormat.of().formatHex(handle), java.util.HexFormat.of().formatHex(owner),
                range.offset(), range.offset() + range.length() - 1, range.exclusive());
    }

    @Override
    public synchronized void unlockAll(SmbCaller caller, byte[] handle, byte[] owner) {
        String file = java.util.HexFormat.of().formatHex(handle);
        String by = java.util.HexFormat.of().formatHex(owner);
        locks.removeIf(held -> held.file().equals(file) && held.owner().equals(by));
    }

    @Override
    public io.cistern.smb.spi.SmbFileStatus watch(SmbCaller caller, io.cistern.smb.spi.SmbUser user, byte[] handle,
                                                  boolean subtree, io.cistern.smb.spi.SmbChangeSink sink) {
        return files.watch(handle, sink);
    }

    @Override
    public void unwatch(io.cistern.smb.spi.SmbChangeSink sink) {
        files.unwatch(sink);
    }

    @Override
    public void announcePendingWrites() {
        files.announcePendingWrites();
    }
}
