package io.cistern.core.adapter;

import io.cistern.core.activity.TransferActivity;
import io.cistern.core.content.PayloadService;
import io.cistern.core.locks.LockManager;
import io.cistern.core.metadata.MetadataService;
import io.cistern.core.nsm.HostMonitor;
import io.cistern.core.metrics.ProtocolMetrics;
import io.cistern.core.payload.PayloadEngine;
import io.cistern.core.metrics.RequestRecorder;
import io.cistern.core.metrics.TransferBytes;
import io.cistern.core.service.ClientConnection;
import io.cistern.core.service.ConnectedClients;
import io.cistern.core.service.ListenerRegistry;
import io.cistern.core.service.ListenerSwitches;
import io.cistern.core.service.ServerIdentity;
import io.cistern.nfs.spi.NfsAccessReply;
import io.cistern.nfs.spi.NfsAdapterEvent;
import io.cistern.nfs.spi.NfsAttrReply;
import io.cistern.nfs.spi.NfsStatus;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsClientConnection;
import io.cistern.nfs.spi.NfsCommitReply;
import io.cistern.nfs.spi.NfsCreateReply;
import io.cistern.nfs.spi.NfsDirectoryReply;
import io.cistern.nfs.spi.NfsExport;
import io.cistern.nfs.spi.NfsFileType;
import io.cistern.nfs.spi.NfsFsInfoReply;
import io.cistern.nfs.spi.NfsFsStatReply;
import io.cistern.nfs.spi.NfsLinkReply;
import io.cistern.nfs.spi.NfsListener;
import io.cistern.nfs.spi.NfsLookupReply;
import io.cistern.nfs.spi.NfsMountReply;
import io.cistern.nfs.spi.NfsPathconfReply;
import io.cistern.nfs.spi.NfsReadReply;
import io.cistern.nfs.spi.NfsReadlinkReply;
import io.cistern.nfs.spi.NfsRenameReply;
import io.cistern.nfs.spi.NfsSetAttributes;
import io.cistern.nfs.spi.NfsWccReply;
import io.cistern.nfs.spi.NfsWriteReply;
import io.cistern.nfs.spi.NlmGrantCallback;
import io.cistern.nfs.spi.NlmLock;
import io.cistern.nfs.spi.NlmShare;
import io.cistern.nfs.spi.NlmStatus;
import io.cistern.nfs.spi.NlmTestReply;
import io.cistern.nfs.spi.NsmPeer;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The file system behind the NFS adapter. Bound to rar-nfs by glassfish-ejb-jar.xml (the adapter's module name
 * differs between the EAR and Payara Micro).
 * <p>
 * No call runs in a container transaction: each MetadataService and PayloadService operation is its own, and
 * the reads (GETATTR, LOOKUP, ACCESS) are only served from and stored in the attribute cache outside one. One
 * transaction around a whole procedure would also hold its row locks across a journal fsync.
 * <p>
 * Each method only names the procedure and its plain failure reply; {@link NfsAnswers} turns whatever goes
 * wrong into a status, and the classes beside this one do the translating.
 */
@MessageDriven(name = "NfsRequestMdb", messageListenerInterface = NfsListener.class)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NfsRequestMdb implements NfsListener {
    private static final Logger LOG = Logger.getLogger(NfsRequestMdb.class.getName());

    @EJB
    private ListenerRegistry listeners;

    @EJB
    private ListenerSwitches switches;

    @EJB
    private ConnectedClients clients;

    @EJB
    private ProtocolMetrics metrics;

    @EJB
    private TransferActivity activity;

    @EJB
    private ServerIdentity identity;

    @EJB
    private MetadataService metadata;

    @EJB
    private PayloadService payload;

    @EJB
    private PayloadEngine engine;

    @EJB
    private LockManager locks;

    @EJB
    private HostMonitor hosts;

    private RequestRecorder requests;
    private TransferBytes transferBytes;
    private NfsMounts mounts;
    private NfsAttributeOperations attributes;
    private NfsNames names;
    private NfsMemoryAnswers fromMemory;
    private NfsContents contents;
    private NfsNodeCreation creation;
    private NfsDirectoryListing listing;
    private NfsFileSystemInfo fileSystem;
    private NlmLocking locking;
    private NsmNotices notices;

    @PostConstruct
    void wire() {
        // the upload defers to clients at work (UploadPacing)
        requests = metrics.requests(ProtocolMetrics.NFS).andThen(engine.lastClientRequest()::noteAnswered);
        transferBytes = metrics.transferBytes(ProtocolMetrics.NFS);
        NfsCallers callers = new NfsCallers(metadata, identity::fileHandles);
        mounts = new NfsMounts(metadata, callers);
        attributes = new NfsAttributeOperations(metadata, callers);
        names = new NfsNames(metadata, callers);
        fromMemory = new NfsMemoryAnswers(metadata.inMemory(), payload.readsInMemory(), callers, activity.recorder());
        contents = new NfsContents(metadata, payload, callers, activity.recorder());
        creation = new NfsNodeCreation(metadata, callers);
        listing = new NfsDirectoryListing(metadata, callers);
        fileSystem = new NfsFileSystemInfo(metadata, callers);
        locking = new NlmLocking(metadata, callers, locks, hosts);
        notices = new NsmNotices(hosts);
    }

    @Override
    public void ping(NfsCaller caller) {
        // reaching here proves the path from the socket through the adapter into the application
    }

    @Override
    public void adapterEvent(NfsAdapterEvent event) {
        if (event.state() == NfsAdapterEvent.State.CONNECTIONS) {
            metrics.adapterReport(ProtocolMetrics.NFS, event.openConnections(), 0);
            clients.report(ListenerRegistry.NFS, event.clients().stream().map(NfsRequestMdb::clientConnection).toList(), 0);
        } else {
            listeners.report(ListenerRegistry.NFS, event.state().name(), event.address(), event.at());
        }
    }

    /** From memory: the adapter asks every second. */
    @Override
    public boolean listenerEnabled() {
        return switches.enabled(ListenerRegistry.NFS);
    }

    private static ClientConnection clientConnection(NfsClientConnection client) {
        return new ClientConnection(ListenerRegistry.NFS, client.remoteAddress(), client.remotePort(), client.since(),
                null, List.of(), List.of(), client.uid(), client.machineName(), client.exports());
    }

    @Override
    public NfsMountReply mount(NfsCaller caller, String path) {
        return NfsAnswers.answer(requests, "MNT", () -> mounts.mount(caller, path),
                status -> NfsMountReply.failure(NfsMounts.mountStatus(status)));
    }

    /** Mounts are not tracked: UMNT only tells that a client stopped using a path, and NFS needs no state. */
    @Override
    public void unmount(NfsCaller caller, String path) {
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("UMNT " + path + " from " + caller.client());
        }
    }

    @Override
    public List<NfsExport> exports(NfsCaller caller) {
        return NfsAnswers.answer(requests, "EXPORT", mounts::exports, status -> List.of());
    }

    @Override
    public NfsAttrReply getattr(NfsCaller caller, byte[] handle) {
        return NfsAnswers.answer(requests, "GETATTR", () -> attributes.getattr(caller, handle), NfsAttrReply::failure);
    }

    @Override
    public NfsWccReply setattr(NfsCaller caller, byte[] handle, NfsSetAttributes changes, Long guardCtimeNanos) {
        return NfsAnswers.answer(requests, "SETATTR", () -> attributes.setattr(caller, handle, changes, guardCtimeNanos),
                NfsWccReply::failure);
    }

    @Override
    public NfsLookupReply lookup(NfsCaller caller, byte[] directory, byte[] name) {
        return NfsAnswers.answer(requests, "LOOKUP", () -> names.lookup(caller, directory, name), NfsLookupReply::failure);
    }

    @Override
    public NfsAccessReply access(NfsCaller caller, byte[] handle, int wanted) {
        return NfsAnswers.answer(requests, "ACCESS", () -> attributes.access(caller, handle, wanted), NfsAccessReply::failure);
    }

    @Override
    public NfsAttrReply getattrInMemory(NfsCaller caller, byte[] handle) {
        return NfsAnswers.fromMemory(requests, "GETATTR", () -> fromMemory.getattr(caller, handle));
    }

    @Override
    public NfsLookupReply lookupInMemory(NfsCaller caller, byte[] directory, byte[] name) {
        return NfsAnswers.fromMemory(requests, "LOOKUP", () -> fromMemory.lookup(caller, directory, name));
    }

    @Override
    public NfsAccessReply accessInMemory(NfsCaller caller, byte[] handle, int wanted) {
        return NfsAnswers.fromMemory(requests, "ACCESS", () -> fromMemory.access(caller, handle, wanted));
    }

    @Override
    public NfsReadReply readInMemory(NfsCaller caller, byte[] handle, long offset, int count) {
        NfsReadReply reply = NfsAnswers.fromMemory(requests, "READ", () -> fromMemory.read(caller, handle, offset, count));
        if (reply != null) {
            transferBytes.read(reply.data().remaining());
        }
        return reply;
    }

    @Override
    public NfsReadlinkReply readlink(NfsCaller caller, byte[] handle) {
        return NfsAnswers.answer(requests, "READLINK", () -> attributes.readlink(caller, handle), NfsReadlinkReply::failure);
    }

    @Override
    public NfsReadReply read(NfsCaller caller, byte[] handle, long offset, int count) {
        NfsReadReply reply = NfsAnswers.answer(requests, "READ", () -> contents.read(caller, handle, offset, count),
                NfsReadReply::failure);
        if (reply.status() == NfsStatus.OK) {
            transferBytes.read(reply.data().remaining());
        }
        return reply;
    }

    @Override
    public NfsWriteReply write(NfsCaller caller, byte[] handle, long offset, ByteBuffer data, int stable) {
        NfsWriteReply reply = NfsAnswers.answer(requests, "WRITE",
                () -> contents.write(caller, handle, offset, data, stable), NfsWriteReply::failure);
        if (reply.status() == NfsStatus.OK) {
            transferBytes.written(reply.count());
        }
        return reply;
    }

    @Override
    public NfsCreateReply create(NfsCaller caller, byte[] directory, byte[] name, int how,
                                 NfsSetAttributes attributes, long verifier) {
        return NfsAnswers.answer(requests, "CREATE", () -> creation.create(caller, directory, name, how, attributes, verifier),
                NfsCreateReply::failure);
    }

    @Override
    public NfsCreateReply mkdir(NfsCaller caller, byte[] directory, byte[] name, NfsSetAttributes attributes) {
        return NfsAnswers.answer(requests, "MKDIR", () -> creation.mkdir(caller, directory, name, attributes),
                NfsCreateReply::failure);
    }

    @Override
    public NfsCreateReply symlink(NfsCaller caller, byte[] directory, byte[] name, NfsSetAttributes attributes,
                                  byte[] target) {
        return NfsAnswers.answer(requests, "SYMLINK", () -> creation.symlink(caller, directory, name, attributes, target),
                NfsCreateReply::failure);
    }

    @Override
    public NfsCreateReply mknod(NfsCaller caller, byte[] directory, byte[] name, NfsFileType type,
                                NfsSetAttributes attributes, long rdev) {
        return NfsAnswers.answer(requests, "MKNOD", () -> creation.mknod(caller, directory, name, type, attributes, rdev),
                NfsCreateReply::failure);
    }

    @Override
    public NfsWccReply remove(NfsCaller caller, byte[] directory, byte[] name) {
        return NfsAnswers.answer(requests, "REMOVE", () -> names.remove(caller, directory, name), NfsWccReply::failure);
    }

    @Override
    public NfsWccReply rmdir(NfsCaller caller, byte[] directory, byte[] name) {
        return NfsAnswers.answer(requests, "RMDIR", () -> names.rmdir(caller, directory, name), NfsWccReply::failure);
    }

    @Override
    public NfsRenameReply rename(NfsCaller caller, byte[] fromDirectory, byte[] fromName, byte[] toDirectory,
                                 byte[] toName) {
        return NfsAnswers.answer(requests, "RENAME", () -> names.rename(caller, fromDirectory, fromName, toDirectory, toName),
                NfsRenameReply::failure);
    }

    @Override
    public NfsLinkReply link(NfsCaller caller, byte[] file, byte[] directory, byte[] name) {
        return NfsAnswers.answer(requests, "LINK", () -> names.link(caller, file, directory, name), NfsLinkReply::failure);
    }

    @Override
    public NfsDirectoryReply readdir(NfsCaller caller, byte[] directory, long cookie, long cookieVerifier,
                                     int maxEntries, boolean plus) {
        return NfsAnswers.answer(plus ? "READDIRPLUS" : "READDIR",
                () -> listing.list(caller, directory, cookie, cookieVerifier, maxEntries, plus),
                NfsDirectoryReply::failure);
    }

    @Override
    public NfsDirectoryReply readdirInMemory(NfsCaller caller, byte[] directory, long cookie, long cookieVerifier,
                                             int maxEntries, boolean plus) {
        return NfsAnswers.fromMemory(requests, plus ? "READDIRPLUS" : "READDIR",
                () -> fromMemory.readdir(caller, directory, cookie, cookieVerifier, maxEntries, plus));
    }

    @Override
    public NfsFsStatReply fsstat(NfsCaller caller, byte[] handle) {
        return NfsAnswers.answer(requests, "FSSTAT", () -> fileSystem.fsstat(caller, handle), NfsFsStatReply::failure);
    }

    @Override
    public NfsFsInfoReply fsinfo(NfsCaller caller, byte[] handle) {
        return NfsAnswers.answer(requests, "FSINFO", () -> fileSystem.fsinfo(caller, handle), NfsFsInfoReply::failure);
    }

    @Override
    public NfsPathconfReply pathconf(NfsCaller caller, byte[] handle) {
        return NfsAnswers.answer(requests, "PATHCONF", () -> fileSystem.pathconf(caller, handle), NfsPathconfReply::failure);
    }

    @Override
    public NfsCommitReply commit(NfsCaller caller, byte[] handle, long offset, int count) {
        return NfsAnswers.answer(requests, "COMMIT", () -> contents.commit(caller, handle), NfsCommitReply::failure);
    }

    // NLM v4: the lock manager decides; NlmLocking checks the handle and the caller first

    @Override
    public NlmTestReply nlmTest(NfsCaller caller, NlmLock lock, boolean exclusive) {
        return NlmAnswers.answer("TEST", () -> locking.test(caller, lock, exclusive),
                status -> new NlmTestReply(status, null));
    }

    @Override
    public NlmStatus nlmLock(NfsCaller caller, NlmLock lock, boolean exclusive, boolean block, boolean reclaim,
                             NlmGrantCallback whenGranted) {
        return NlmAnswers.answer("LOCK", () -> locking.lock(caller, lock, exclusive, block, reclaim, whenGranted),
                status -> status);
    }

    @Override
    public NlmStatus nlmCancel(NfsCaller caller, NlmLock lock, boolean exclusive) {
        return NlmAnswers.answer("CANCEL", () -> locking.cancel(caller, lock, exclusive), status -> status);
    }

    @Override
    public NlmStatus nlmUnlock(NfsCaller caller, NlmLock lock) {
        return NlmAnswers.answer("UNLOCK", () -> locking.unlock(caller, lock), status -> status);
    }

    @Override
    public NlmStatus nlmShare(NfsCaller caller, NlmShare share, boolean reclaim) {
        return NlmAnswers.answer("SHARE", () -> locking.share(caller, share, reclaim), status -> status);
    }

    @Override
    public NlmStatus nlmUnshare(NfsCaller caller, NlmShare share) {
        return NlmAnswers.answer("UNSHARE", () -> locking.unshare(caller, share), status -> status);
    }

    @Override
    public void nlmFreeAll(NfsCaller caller, String callerName) {
        NlmAnswers.run("FREE_ALL", () -> locking.freeAll(callerName));
    }

    // NSM: the status monitor's memory; the adapter does the telling

    @Override
    public int nsmState() {
        return notices.state();
    }

    @Override
    public List<NsmPeer> nsmPeersToNotify() {
        return notices.peersToNotify();
    }

    @Override
    public void nsmPeerNotified(NsmPeer peer) {
        notices.notified(peer);
    }
}
