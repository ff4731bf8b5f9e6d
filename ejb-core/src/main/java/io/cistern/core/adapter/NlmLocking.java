package io.cistern.core.adapter;

import io.cistern.core.locks.ByteRange;
import io.cistern.core.locks.LockManager;
import io.cistern.core.locks.LockStatus;
import io.cistern.core.locks.LockTestResult;
import io.cistern.core.locks.RangeLock;
import io.cistern.core.locks.ShareReservation;
import io.cistern.core.metadata.MetadataService;
import io.cistern.core.nsm.HostMonitor;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NlmGrantCallback;
import io.cistern.nfs.spi.NlmLock;
import io.cistern.nfs.spi.NlmShare;
import io.cistern.nfs.spi.NlmStatus;
import io.cistern.nfs.spi.NlmTestReply;
import java.net.InetAddress;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The NLM procedures: the handle is checked as every NFS call checks it (its MAC, its share, the client's network),
 * then the lock manager decides.
 * <p>
 * Permissions follow current Linux nlm_fopen (nfsd commit 4cc9b9f2, 2024; before it, read permission sufficed for
 * both kinds): a shared lock needs read permission, an exclusive one write permission and a writable share, the
 * owner of the file passing either way, and only regular files can be locked. Share reservations need read permission, as Linux opens the file for reading for them. Releasing
 * (UNLOCK, CANCEL, UNSHARE) needs no file permission, unlike Linux, only the share's network rule: it touches only
 * the caller's own state, and a client whose permission was taken away since it locked must still be able to let
 * go.
 * <p>
 * A host that asks for a lock is recorded with the status monitor ({@link HostMonitor}) before the lock manager
 * decides, so that it is told to reclaim after a restart; Linux lockd does the same for LOCK (not for SHARE, nor
 * TEST). If the record cannot be written, the lock is refused DENIED_NOLOCKS, as lockd refuses when its statd fails.
 */
final class NlmLocking {
    private static final Logger LOG = Logger.getLogger(NlmLocking.class.getName());

    private final MetadataService metadata;
    private final NfsCallers callers;
    private final LockManager locks;
    private final HostMonitor hosts;

    NlmLocking(MetadataService metadata, NfsCallers callers, LockManager locks, HostMonitor hosts) {
        this.metadata = metadata;
        this.callers = callers;
        this.locks = locks;
        this.hosts = hosts;
    }

    NlmTestReply test(NfsCaller who, NlmLock lock, boolean exclusive) {
        RangeLock request = NlmTranslation.request(lock, exclusive);
        LockTestResult result = locks.test(fileToLock(who, lock.handle(), exclusive), request);
        RangeLock holder = result.holder();
        return new NlmTestReply(NlmTranslation.status(result.status()),
                holder == null ? null : NlmTranslation.holder(holder));
    }

    /**
     * The client is told of a blocked lock's grant through {@code whenGranted}; a blocking request without one
     * could never be told, so it is answered at once instead of queued.
     */
    NlmStatus lock(NfsCaller who, NlmLock lock, boolean exclusive, boolean block, boolean reclaim,
                   NlmGrantCallback whenGranted) {
        RangeLock request = NlmTranslation.request(lock, exclusive);
        long file = fileToLock(who, lock.handle(), exclusive);
        monitor(who, lock.callerName());
        LockStatus status = block && whenGranted != null
                ? locks.lockOrWait(file, request, reclaim, granted -> whenGranted.granted(lock, exclusive))
                : locks.tryLock(file, request, reclaim);
        return NlmTranslation.status(status);
    }

    /**
     * GRANTED whether or not a blocked request was withdrawn, as Linux nlmsvc_cancel_blocked answers when it finds
     * none (FreeBSD answers DENIED; Linux clients accept both). Either way the client's request is no longer queued,
     * and one that was granted meanwhile stays held until the client unlocks it.
     */
    NlmStatus cancel(NfsCaller who, NlmLock lock, boolean exclusive) {
        RangeLock request = NlmTranslation.request(lock, exclusive);
        LockStatus status = locks.cancel(fileToRelease(who, lock.handle()), request);
        return status == LockStatus.DENIED ? NlmStatus.GRANTED : NlmTranslation.status(status);
    }

    NlmStatus unlock(NfsCaller who, NlmLock lock) {
        ByteRange range = NlmTranslation.range(lock);
        return NlmTranslation.status(locks.unlock(fileToRelease(who, lock.handle()), NlmTranslation.owner(lock),
                range));
    }

    NlmStatus share(NfsCaller who, NlmShare share, boolean reclaim) {
        ShareReservation reservation = NlmTranslation.reservation(share);
        NfsTarget target = callers.resolve(who, share.handle());
        metadata.checkRead(target.caller(), target.handle());
        return NlmTranslation.status(locks.share(target.handle().inodeId(), reservation, reclaim));
    }

    NlmStatus unshare(NfsCaller who, NlmShare share) {
        return NlmTranslation.status(locks.unshare(fileToRelease(who, share.handle()), NlmTranslation.owner(share)));
    }

    /**
     * FREE_ALL and NSM's reboot notice name the host only by its caller_name, which NLM cannot authenticate; the
     * adapter decides whom to believe, and everything the name holds is dropped.
     */
    void freeAll(String callerName) {
        String host = callerName == null ? "" : callerName;
        locks.freeAll(LockManager.NLM, host);
        hosts.rebooted(host);
    }

    /** Records the host with the status monitor, or refuses the lock when that fails. */
    private void monitor(NfsCaller who, String callerName) {
        InetAddress from = who.client().getAddress();
        if (from == null) {
            return;   // an unresolved address: nowhere to send a notice to anyway
        }
        try {
            hosts.lockedBy(callerName == null ? "" : callerName, from);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "NLM: cannot record " + callerName + " at " + from.getHostAddress()
                    + " for restart notices; its lock is refused", e);
            throw new NlmRefusal(NlmStatus.DENIED_NOLOCKS, "the status monitor could not record the host");
        }
    }

    /** The inode to lock, once the caller may take that kind of lock on it. */
    private long fileToLock(NfsCaller who, byte[] handle, boolean exclusive) {
        NfsTarget target = callers.resolve(who, handle);
        if (exclusive) {
            metadata.checkWrite(target.caller(), target.handle());
        } else {
            metadata.checkRead(target.caller(), target.handle());
        }
        return target.handle().inodeId();
    }

    private long fileToRelease(NfsCaller who, byte[] handle) {
        return callers.resolve(who, handle).handle().inodeId();
    }
}
