package io.cistern.nfs.spi;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Message listener interface of the NFS resource adapter. The application's MDB implements it; the adapter calls
 * it from its request workers (and a few methods, named so, from its I/O threads). One method per MOUNT and NFSv3 procedure that needs the file system, with the
 * procedure's arguments already decoded and its results as plain values: the adapter encodes them, and fits
 * directory listings into the client's byte counts.
 * <p>
 * Every reply carries an {@link NfsStatus}; an expected failure (no such file, access denied, try later) is a
 * reply, never an exception. An exception means the application failed, and the adapter answers the RPC call
 * with SYSTEM_ERR.
 * Handles are the opaque bytes the application handed out (at most 64); a handle it did not make is answered
 * with BADHANDLE or STALE.
 */
public interface NfsListener {

    /**
     * The NULL procedure of every program the adapter serves (NFS, MOUNT): proves that a request
     * reaches the application. Throwing makes the adapter answer SYSTEM_ERR.
     */
    void ping(NfsCaller caller);

    /** The adapter reports a change of its listener (bound, switched off, its clients) so the application can show it. */
    void adapterEvent(NfsAdapterEvent event);

    /**
     * Whether the application wants the adapter's sockets open. The adapter asks right after it bound and then every
     * second; on false it closes every socket and connection (NFS, MOUNT, NLM and NSM over TCP and UDP, and the
     * portmapper), on true it binds the same addresses and ports again. An exception changes nothing (asked again a
     * second later). The default, for listeners that never switch: true.
     */
    default boolean listenerEnabled() {
        return true;
    }

    // MOUNT v3 (RFC 1813 section 5)

    /** MNT: the root handle of the export at {@code path}, if the caller's address may mount it. */
    NfsMountReply mount(NfsCaller caller, String path);

    /** UMNT: the client says it no longer uses {@code path}; only bookkeeping. */
    void unmount(NfsCaller caller, String path);

    /** EXPORT: every export with the networks allowed to mount it. */
    List<NfsExport> exports(NfsCaller caller);

    // NFS v3 (RFC 1813 section 3)

    NfsAttrReply getattr(NfsCaller caller, byte[] handle);

    /** SETATTR; with {@code guardCtimeNanos} only if the object's ctime is still that. */
    NfsWccReply setattr(NfsCaller caller, byte[] handle, NfsSetAttributes changes, Long guardCtimeNanos);

    NfsLookupReply lookup(NfsCaller caller, byte[] directory, byte[] name);

    /** ACCESS: which of the ACCESS3_* bits in {@code wanted} the caller has. */
    NfsAccessReply access(NfsCaller caller, byte[] handle, int wanted);

    /*
     * The procedures clients send most, answered from what the application holds in memory. The adapter
     * asks these on the connection's I/O thread, before it queues the call for a worker: they must never wait (no
     * database, no disk, no lock held across either). Null means "not in memory", and the adapter then calls the
     * method above on a worker; so an error is never answered here, it is left to the worker. The defaults answer
     * nothing from memory.
     */

    /** GETATTR from memory, or null. */
    default NfsAttrReply getattrInMemory(NfsCaller caller, byte[] handle) {
        return null;
    }

    /** LOOKUP from memory, or null. */
    default NfsLookupReply lookupInMemory(NfsCaller caller, byte[] directory, byte[] name) {
        return null;
    }

    /** ACCESS from memory, or null. */
    default NfsAccessReply accessInMemory(NfsCaller caller, byte[] handle, int wanted) {
        return null;
    }

    /** READ from memory (data the application holds, released as {@link #read}'s is), or null. */
    default NfsReadReply readInMemory(NfsCaller caller, byte[] handle, long offset, int count) {
        return null;
    }

    /** READDIR or READDIRPLUS from memory, or null: as {@link #readdir}, which a null sends the call to. */
    default NfsDirectoryReply readdirInMemory(NfsCaller caller, byte[] directory, long cookie, long cookieVerifier,
                                              int maxEntries, boolean plus) {
        return null;
    }

    NfsReadlinkReply readlink(NfsCaller caller, byte[] handle);

    NfsReadReply read(NfsCaller caller, byte[] handle, long offset, int count);

    /**
     * WRITE with stable_how {@code stable}: 0 UNSTABLE, 1 DATA_SYNC, 2 FILE_SYNC. {@code data} is a view of the bytes as
     * received, valid during the call only: the adapter reuses that memory afterwards, so what must be kept is copied.
     */
    NfsWriteReply write(NfsCaller caller, byte[] handle, long offset, ByteBuffer data, int stable);

    /**
     * CREATE of a regular file. {@code how}: 0 UNCHECKED, 1 GUARDED (both with {@code attributes}), 2 EXCLUSIVE
     * (with {@code verifier}; a retransmission with the same verifier finds the file it made).
     */
    NfsCreateReply create(NfsCaller caller, byte[] directory, byte[] name, int how, NfsSetAttributes attributes,
                          long verifier);

    NfsCreateReply mkdir(NfsCaller caller, byte[] directory, byte[] name, NfsSetAttributes attributes);

    NfsCreateReply symlink(NfsCaller caller, byte[] directory, byte[] name, NfsSetAttributes attributes,
                           byte[] target);

    /** MKNOD of a device ({@code rdev}: major in the upper 32 bits), socket or FIFO. */
    NfsCreateReply mknod(NfsCaller caller, byte[] directory, byte[] name, NfsFileType type,
                         NfsSetAttributes attributes, long rdev);

    NfsWccReply remove(NfsCaller caller, byte[] directory, byte[] name);

    NfsWccReply rmdir(NfsCaller caller, byte[] directory, byte[] name);

    NfsRenameReply rename(NfsCaller caller, byte[] fromDirectory, byte[] fromName, byte[] toDirectory,
                          byte[] toName);

    NfsLinkReply link(NfsCaller caller, byte[] file, byte[] directory, byte[] name);

    /**
     * READDIR and READDIRPLUS: up to {@code maxEntries} entries after {@code cookie} (0: from the start). A cookie
     * verifier that no longer matches the directory is answered BAD_COOKIE. With {@code plus}, each entry carries
     * its handle and attributes.
     */
    NfsDirectoryReply readdir(NfsCaller caller, byte[] directory, long cookie, long cookieVerifier, int maxEntries,
                              boolean plus);

    NfsFsStatReply fsstat(NfsCaller caller, byte[] handle);

    NfsFsInfoReply fsinfo(NfsCaller caller, byte[] handle);

    NfsPathconfReply pathconf(NfsCaller caller, byte[] handle);

    /** COMMIT: every write acknowledged for the file so far is durable when this returns. */
    NfsCommitReply commit(NfsCaller caller, byte[] handle, long offset, int count);

    // NLM v4 (X/Open XNFS) and NSM: byte-range locks shared with SMB

    /** NLM TEST: whether the lock could be taken now, and if not, who holds the conflicting one. */
    NlmTestReply nlmTest(NfsCaller caller, NlmLock lock, boolean exclusive);

    /**
     * NLM LOCK. Non-blocking: GRANTED or DENIED. Blocking ({@code block}): GRANTED, or BLOCKED and later
     * {@code whenGranted} once the conflicting locks are gone (unless cancelled first). {@code reclaim}: the client
     * re-establishes a lock it held before the server restarted, allowed (only) during the grace period, when
     * other requests get DENIED_GRACE_PERIOD.
     */
    NlmStatus nlmLock(NfsCaller caller, NlmLock lock, boolean exclusive, boolean block, boolean reclaim,
                      NlmGrantCallback whenGranted);

    /** NLM CANCEL: withdraws a blocked LOCK that has not been granted yet. */
    NlmStatus nlmCancel(NfsCaller caller, NlmLock lock, boolean exclusive);

    /** NLM UNLOCK: releases the owner's locks within the range (a range may split a lock in two). */
    NlmStatus nlmUnlock(NfsCaller caller, NlmLock lock);

    /** NLM SHARE: a share reservation for the whole file. */
    NlmStatus nlmShare(NfsCaller caller, NlmShare share, boolean reclaim);

    NlmStatus nlmUnshare(NfsCaller caller, NlmShare share);

    /**
     * NLM FREE_ALL, or an NSM SM_NOTIFY that the client host restarted: drops all its locks and shares, and the
     * application forgets the host until it locks again (it need not be told of this server's next restart).
     */
    void nlmFreeAll(NfsCaller caller, String callerName);

    // NSM (X/Open XNFS chapter 11): this server's restarts, which the clients that held locks must learn of

    /**
     * This server's NSM state number, as SM_STAT, SM_MON and SM_NOTIFY report it: odd (the server is up), and larger
     * after every start of the application than before it, also across a crash, so the application keeps it.
     */
    int nsmState();

    /**
     * Asked once per activation, when the listener is up: the client hosts to tell that this server restarted (and
     * so lost every lock), so that they reclaim their locks during the grace period. Those are the hosts that took
     * locks before this start and have not been told since nor said themselves that they restarted.
     */
    List<NsmPeer> nsmPeersToNotify();

    /** The peer's status monitor accepted this start's SM_NOTIFY: it need not be told again unless it locks again. */
    void nsmPeerNotified(NsmPeer peer);
}
