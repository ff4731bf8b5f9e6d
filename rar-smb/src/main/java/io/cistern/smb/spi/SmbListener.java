package io.cistern.smb.spi;

/**
 * Message listener interface of the SMB resource adapter. The application's MDB implements it; the
 * adapter calls it from its request workers, one JTA transaction per call.
 */
public interface SmbListener {

    /** What the server says about itself in a NEGOTIATE response. */
    SmbServerIdentity serverIdentity(SmbCaller caller);

    /** The adapter reports a change of its listener (bound, switched off, its clients) so the application can show it. */
    void adapterEvent(SmbAdapterEvent event);

    /**
     * Whether the application wants the listener open. The adapter asks right after it bound and then every second;
     * on false it closes its socket and every connection, on true it binds the same address and port again. An
     * exception changes nothing (asked again a second later). The default, for listeners that never switch: true.
     */
    default boolean listenerEnabled() {
        return true;
    }

    /**
     * The local account a client names in an NTLM AUTHENTICATE message, for the adapter to verify the client's
     * response against; empty when there is no such user or it has no NT hash (it never set a password since NT
     * hashes were kept). {@code domain} is what the client sent (often the server's name, a workgroup or empty);
     * local accounts match by user name alone, case-insensitively.
     */
    java.util.Optional<SmbAccount> accountForLogon(SmbCaller caller, String user, String domain);

    /**
     * The share a TREE_CONNECT names, for {@code account} (the {@link SmbAccount#username} of an authenticated
     * session) to use; empty when there is no such share or the account may not use it, which the client learns as
     * STATUS_BAD_NETWORK_NAME either way. {@code account} is null for a guest or anonymous session, which is no
     * account of any permission; the adapter itself refuses such a session a share that does not
     * {@link SmbShare#allowsGuests allow guests}, with STATUS_ACCESS_DENIED. {@code shareName} is the last part of the client's {@code \\server\share}
     * path as sent (the server part plays no role); shares match by name case-insensitively. The protocol's own
     * IPC$ never reaches the application.
     */
    java.util.Optional<SmbShare> shareForTree(SmbCaller caller, String account, String shareName);

    /**
     * Every share {@code account} may connect to, by name, for srvsvc's share listing ({@code smbclient -L},
     * Explorer's view of a server); {@code account} null: the shares a guest or anonymous session may connect to.
     * The protocol's own IPC$ is the adapter's to add.
     */
    java.util.List<SmbShare> sharesFor(SmbCaller caller, String account);

    // ---- file requests on a disk tree. Paths are the components of a share-relative path, already checked by the
    // adapter: none empty, none "." or "..", no character SMB forbids in a name; an empty list is the share's top.
    // Names resolve case-insensitively, an exact match winning over a folded one. Handles are the application's
    // opaque bytes from open(); a handle whose file is gone answers FILE_DELETED.

    /**
     * CREATE ([MS-SMB2] 3.3.5.9) as far as the file system is concerned: resolves {@code path} on the share, checks
     * the access the open wants against the file's mode (and the share's read-only flag), and opens, creates,
     * truncates or replaces the file as the disposition says. A new file or directory belongs to the user.
     */
    SmbOpenReply open(SmbCaller caller, SmbUser user, long shareId, java.util.List<String> path,
                      SmbOpenRequest request);

    /** The current attributes of an open file, for QUERY_INFO and CLOSE's post-query. */
    SmbInfoReply fileInfo(SmbCaller caller, SmbUser user, byte[] handle);

    /**
     * At most {@code length} bytes from {@code offset}; none at or past the end of the file. FILE_LOCK_CONFLICT when
     * a byte-range lock of another owner than {@code lockOwner} (the open's, as for {@link #lock}) refuses the read
     * ([MS-FSA] 2.1.5.2: SMB's locks are mandatory).
     */
    SmbReadReply read(SmbCaller caller, SmbUser user, byte[] handle, byte[] lockOwner, long offset, int length);

    /**
     * Writes all of {@code data} at {@code offset}: journaled before the reply, and synced to disk before it when
     * {@code writeThrough} (SMB2_WRITEFLAG_WRITE_THROUGH) asks. FILE_LOCK_CONFLICT when a byte-range lock refuses
     * the write: another owner's, or a shared lock of {@code lockOwner} itself ([MS-FSA] 2.1.5.3).
     */
    SmbWriteReply write(SmbCaller caller, SmbUser user, byte[] handle, byte[] lockOwner, long offset,
                        java.nio.ByteBuffer data, boolean writeThrough);

    /**
     * Server-side copy (FSCTL_SRV_COPYCHUNK): copies the ranges in order from the file of {@code source} to the
     * file of {@code target} (which may be the same file), each as a read of the source and a write of the target
     * would be, byte-range locks included: {@code sourceLockOwner} and {@code targetLockOwner} are the two opens'
     * lock owners, as for {@link #read} and {@link #write}. Stops at the first range that fails: BEYOND_END_OF_FILE
     * when it ends past the source's end, FILE_LOCK_CONFLICT when a lock refuses it; the reply counts the ranges
     * copied before it. Journaled as writes are, not synced.
     */
    SmbCopyReply copy(SmbCaller caller, SmbUser user, byte[] source, byte[] sourceLockOwner, byte[] target,
                      byte[] targetLockOwner, java.util.List<SmbCopyRange> ranges);

    /** FLUSH: everything written to the file so far is on disk when this returns. */
    SmbFileStatus flush(SmbCaller caller, SmbUser user, byte[] handle);

    /**
     * Up to {@code maxEntries} names of a directory after {@code cookie} (0: from the start), with their attributes;
     * needs read permission on the directory. Never "." or "..": the adapter makes those from {@code self} and
     * {@code parent}.
     */
    SmbDirectoryReply list(SmbCaller caller, SmbUser user, byte[] directory, long cookie, int maxEntries);

    /**
     * A search for one name, as QUERY_DIRECTORY with a pattern without wildcards asks ([MS-FSA] 2.1.5.6.3): the
     * directory's entries whose name equals {@code name} ignoring case, in the order {@link #list} gives them and with
     * its cookies, as one page that ends the listing; needs read permission, as {@link #list} does. smbclient's
     * {@code rm} and {@code ls name} search so before every delete or listing of one file, and a whole listing of a
     * large directory for each would cost in proportion to the directory.
     */
    SmbDirectoryReply listNamed(SmbCaller caller, SmbUser user, byte[] directory, String name);

    /** SET_INFO FileBasicInformation: times and the read-only attribute; the owner (or root) only. */
    SmbInfoReply setBasicInfo(SmbCaller caller, SmbUser user, byte[] handle, SmbBasicChange change);

    /**
     * SET_INFO of a security descriptor, read by the adapter as a new owner, group and mode: applied as chown and
     * chmod are (only root gives a file away; the owner may set a group it is in, and the mode), all or nothing.
     */
    SmbInfoReply setSecurity(SmbCaller caller, SmbUser user, byte[] handle, SmbSecurityChange change);

    /** SET_INFO FileEndOfFileInformation (and FileAllocationInformation below the size): truncates or extends. */
    SmbInfoReply setEndOfFile(SmbCaller caller, SmbUser user, byte[] handle, long size);

    /**
     * SET_INFO FileRenameInformation: moves the entry at {@code from}, which must still name the file of
     * {@code handle}, to {@code to} on the same share; an existing target is replaced only when {@code replace} (and
     * never when it is a directory).
     */
    SmbFileStatus rename(SmbCaller caller, SmbUser user, long shareId, java.util.List<String> from, byte[] handle,
                         java.util.List<String> to, boolean replace);

    /**
     * Whether the entry at {@code path} (which must still name the file of {@code handle}) could be deleted now: the
     * user may write its directory, and a directory is empty. Asked when a client sets delete-on-close, so that it
     * learns of a refusal then ([MS-FSA] 2.1.5.15.3) rather than at a CLOSE that cannot fail.
     */
    SmbFileStatus checkDelete(SmbCaller caller, SmbUser user, long shareId, java.util.List<String> path,
                              byte[] handle);

    /**
     * Deletes the entry at {@code path} if it still names the file of {@code handle}: the last CLOSE of an open
     * that was marked delete-on-close.
     */
    SmbFileStatus delete(SmbCaller caller, SmbUser user, long shareId, java.util.List<String> path, byte[] handle);

    /** The share's size and free space. */
    SmbVolumeReply volume(SmbCaller caller, SmbUser user, long shareId);

    // ---- byte-range locks, in the lock manager NLM uses: a lock taken over one protocol conflicts with the other's.
    // {@code owner} names the SMB open that holds them (its FileId): locks are the open's, follow Windows' rules
    // ([MS-FSA] 2.1.5.7, 2.1.5.8: they stack, unlocks are exact), and go with the open.

    /**
     * Takes the locks in order at once, all or none: OK, or LOCK_CONFLICT at the first that a held lock (of any
     * owner, the open's own exclusive request included) refuses, with those already taken released again. An
     * exclusive lock needs write permission on the file, a shared one read permission.
     */
    SmbFileStatus lock(SmbCaller caller, SmbUser user, byte[] handle, byte[] owner, java.util.List<SmbLockRange> locks);

    /**
     * Releases, in order, the one lock of the open with exactly each range's offset and length: OK, or
     * RANGE_NOT_LOCKED at the first the open does not hold (those before it stay released).
     */
    SmbFileStatus unlock(SmbCaller caller, SmbUser user, byte[] handle, byte[] owner,
                         java.util.List<SmbLockRange> ranges);

    /** Releases every lock of the open: its CLOSE, or the end of its session or connection. */
    void unlockAll(SmbCaller caller, byte[] handle, byte[] owner);

    /**
     * Starts telling {@code sink} about every change, through any protocol, to the entries of the open directory
     * {@code handle} (and with {@code subtree} to everything below it), from now until {@link #unwatch}: OK, or
     * NOT_A_DIRECTORY, FILE_DELETED, ACCESS_DENIED as for other requests. The sink is the watch's identity.
     */
    SmbFileStatus watch(SmbCaller caller, SmbUser user, byte[] handle, boolean subtree, SmbChangeSink sink);

    /** Ends the watch {@code sink} was given to (its open was closed); nothing when there is none. */
    void unwatch(SmbChangeSink sink);

    /**
     * Tells every watch, before this returns, of the writes already done and not yet told (a write's change is told
     * apart from the write, a moment after it): asked before a CHANGE_NOTIFY is answered from what its watch kept, so
     * that the answer has every change the client could have seen done.
     */
    void announcePendingWrites();
}
