package io.cistern.core.adapter;

import io.cistern.core.activity.TransferActivity;
import io.cistern.core.service.IdentityService;
import io.cistern.core.metrics.ProtocolMetrics;
import io.cistern.core.payload.PayloadEngine;
import io.cistern.core.metrics.RequestRecorder;
import io.cistern.core.metrics.TransferBytes;
import io.cistern.core.service.ClientConnection;
import io.cistern.core.service.ConnectedClients;
import io.cistern.core.service.ListenerRegistry;
import io.cistern.core.service.ListenerSwitches;
import io.cistern.core.service.LogonAccount;
import io.cistern.core.service.ServerIdentity;
import io.cistern.core.service.ShareCatalog;
import io.cistern.core.service.ShareSummary;
import io.cistern.core.config.CisternSettings;
import io.cistern.core.content.PayloadService;
import io.cistern.core.content.WriteAnnouncements;
import io.cistern.core.locks.LockManager;
import io.cistern.core.metadata.MetadataService;
import io.cistern.smb.spi.SmbAccount;
import io.cistern.smb.spi.SmbBasicChange;
import io.cistern.smb.spi.SmbChangeSink;
import io.cistern.smb.spi.SmbDirectoryReply;
import io.cistern.smb.spi.SmbFileStatus;
import io.cistern.smb.spi.SmbCopyRange;
import io.cistern.smb.spi.SmbCopyReply;
import io.cistern.smb.spi.SmbLockRange;
import io.cistern.smb.spi.SmbInfoReply;
import io.cistern.smb.spi.SmbOpenReply;
import io.cistern.smb.spi.SmbOpenRequest;
import io.cistern.smb.spi.SmbReadReply;
import io.cistern.smb.spi.SmbUser;
import io.cistern.smb.spi.SmbVolumeReply;
import io.cistern.smb.spi.SmbWriteReply;
import io.cistern.smb.spi.SmbAdapterEvent;
import io.cistern.smb.spi.SmbCaller;
import io.cistern.smb.spi.SmbClientConnection;
import io.cistern.smb.spi.SmbListener;
import io.cistern.smb.spi.SmbServerIdentity;
import io.cistern.smb.spi.SmbSecurityChange;
import io.cistern.smb.spi.SmbShare;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The file system behind the SMB adapter. Bound to rar-smb by glassfish-ejb-jar.xml (the adapter's
 * module name differs between the EAR and Payara Micro). No call runs in a container transaction: each
 * only reads memory, or calls a service that manages its own (as NFS's do, {@link NfsRequestMdb}).
 * <p>
 * Each file method only names the command and its plain failure reply; {@link SmbAnswers} turns what goes wrong
 * into a status, and the classes beside this one do the work.
 */
@MessageDriven(name = "SmbRequestMdb", messageListenerInterface = SmbListener.class)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SmbRequestMdb implements SmbListener {
    private static final Logger LOG = Logger.getLogger(SmbRequestMdb.class.getName());

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
    private IdentityService identities;

    @EJB
    private ShareCatalog shares;

    @EJB
    private MetadataService metadata;

    @EJB
    private PayloadService payload;

    @EJB
    private PayloadEngine engine;

    @EJB
    private LockManager locks;

    @EJB
    private WriteAnnouncements announcements;

    private RequestRecorder requests;
    private TransferBytes transferBytes;
    private SmbOpening opening;
    private SmbFileOperations files;
    private SmbNames names;
    private SmbLocking locking;
    private SmbServerSideCopy copies;
    private SmbChangeWatches watches;

    @PostConstruct
    void wire() {
        // the upload defers to clients at work (UploadPacing)
        requests = metrics.requests(ProtocolMetrics.SMB).andThen(engine.lastClientRequest()::noteAnswered);
        transferBytes = metrics.transferBytes(ProtocolMetrics.SMB);
        SmbCallers callers = new SmbCallers(metadata, identity::fileHandles);
        SmbPaths paths = new SmbPaths(metadata);
        opening = new SmbOpening(metadata, callers, paths);
        files = new SmbFileOperations(metadata, payload, callers, activity.recorder());
        names = new SmbNames(metadata, callers, paths);
        locking = new SmbLocking(metadata, locks, callers);
        copies = new SmbServerSideCopy(metadata, payload, callers, locking, activity.recorder());
        watches = new SmbChangeWatches(metadata, callers);
    }

    /**
     * Signing and encryption are required, and failed logons throttled, as the installation's settings say now (read
     * at each NEGOTIATE, so that a change made at run time reaches the next connection).
     */
    @Override
    public SmbServerIdentity serverIdentity(SmbCaller caller) {
        return new SmbServerIdentity(identity.smbServerGuid(), identity.startedAt(),
                CisternSettings.smbSigningRequired(), CisternSettings.smbEncryptionRequired(),
                CisternSettings.smbLogonFailuresPerMinute());
    }

    @Override
    public void adapterEvent(SmbAdapterEvent event) {
        if (event.state() == SmbAdapterEvent.State.CONNECTIONS) {
            metrics.adapterReport(ProtocolMetrics.SMB, event.openConnections(), event.logonFailures());
            clients.report(ListenerRegistry.SMB, event.clients().stream().map(SmbRequestMdb::clientConnection).toList(),
                    event.openSessions());
        } else {
            listeners.report(ListenerRegistry.SMB, event.state().name(), event.address(), event.at());
        }
    }

    /** From memory: the adapter asks every second. */
    @Override
    public boolean listenerEnabled() {
        return switches.enabled(ListenerRegistry.SMB);
    }

    private static ClientConnection clientConnection(SmbClientConnection client) {
        return new ClientConnection(ListenerRegistry.SMB, client.remoteAddress(), client.remotePort(), client.since(),
                client.sessions(), client.users(), client.shares(), null, null, List.of());
    }

    /** Local accounts only: the domain the client sent does not take part in the match. */
    @Override
    public Optional<SmbAccount> accountForLogon(SmbCaller caller, String user, String domain) {
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("NTLM logon as '" + user + "' (domain '" + domain + "') from " + caller.client());
        }
        return identities.logonAccount(user).map(SmbRequestMdb::smbAccount);
    }

    /**
     * Shares match by name regardless of case. The account's share permissions decide ({@link ShareCatalog}): with
     * level none the share is as absent as an unknown one, with read it is read-only for this tree (read-only
     * shares stay read-only for everybody).
     */
    @Override
    public Optional<SmbShare> shareForTree(SmbCaller caller, String account, String shareName) {
        Optional<SmbShare> share = shares.shareFor(account, shareName).map(SmbRequestMdb::smbShare);
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("SMB tree connect of '" + (account == null ? "(guest)" : account) + "' to share '" + shareName + "' from " + caller.client()
                    + (share.isPresent() ? "" : ": no such share, or not for this account"));
        }
        return share;
    }

    @Override
    public SmbOpenReply open(SmbCaller caller, SmbUser user, long shareId, List<String> path, SmbOpenRequest request) {
        return SmbAnswers.answer(requests, "CREATE", () -> opening.open(caller, user, shareId, path, request),
                SmbOpenReply::failure);
    }

    @Override
    public SmbInfoReply fileInfo(SmbCaller caller, SmbUser user, byte[] handle) {
        return SmbAnswers.answer(requests, "QUERY_INFO", () -> files.fileInfo(caller, user, handle), SmbInfoReply::failure);
    }

    @Override
    public SmbReadReply read(SmbCaller caller, SmbUser user, byte[] handle, byte[] lockOwner, long offset,
                             int length) {
        SmbReadReply reply = SmbAnswers.answer(requests, "READ", () -> locking.refusesAccess(caller, handle, lockOwner,
                offset, length, false) ? SmbReadReply.failure(SmbFileStatus.FILE_LOCK_CONFLICT)
                : files.read(caller, user, handle, offset, length), SmbReadReply::failure);
        if (reply.status() == SmbFileStatus.OK) {
            transferBytes.read(reply.length());
        }
        return reply;
    }

    @Override
    public SmbWriteReply write(SmbCaller caller, SmbUser user, byte[] handle, byte[] lockOwner, long offset,
                               ByteBuffer data, boolean writeThrough) {
        SmbWriteReply reply = SmbAnswers.answer(requests, "WRITE", () -> locking.refusesAccess(caller, handle,
                lockOwner, offset, data.remaining(), true) ? SmbWriteReply.failure(SmbFileStatus.FILE_LOCK_CONFLICT)
                : files.write(caller, user, handle, offset, data, writeThrough), SmbWriteReply::failure);
        if (reply.status() == SmbFileStatus.OK) {
            transferBytes.written(reply.count());
        }
        return reply;
    }

    @Override
    public SmbCopyReply copy(SmbCaller caller, SmbUser user, byte[] source, byte[] sourceLockOwner, byte[] target,
                             byte[] targetLockOwner, List<SmbCopyRange> ranges) {
        SmbCopyReply reply = SmbAnswers.answer(requests, "IOCTL copychunk", () -> copies.copy(caller, user, source,
                sourceLockOwner, target, targetLockOwner, ranges), SmbCopyReply::failure);
        if (reply.bytesCopied() > 0) {
            transferBytes.written(reply.bytesCopied());
        }
        return reply;
    }

    @Override
    public SmbFileStatus flush(SmbCaller caller, SmbUser user, byte[] handle) {
        return SmbAnswers.answer(requests, "FLUSH", () -> files.flush(caller, user, handle), status -> status);
    }

    @Override
    public SmbDirectoryReply list(SmbCaller caller, SmbUser user, byte[] directory, long cookie, int maxEntries) {
        return SmbAnswers.answer(requests, "QUERY_DIRECTORY", () -> files.list(caller, user, directory, cookie, maxEntries),
                SmbDirectoryReply::failure);
    }

    @Override
    public SmbDirectoryReply listNamed(SmbCaller caller, SmbUser user, byte[] directory, String name) {
        return SmbAnswers.answer(requests, "QUERY_DIRECTORY", () -> files.listNamed(caller, user, directory, name),
                SmbDirectoryReply::failure);
    }

    @Override
    public SmbInfoReply setBasicInfo(SmbCaller caller, SmbUser user, byte[] handle, SmbBasicChange change) {
        return SmbAnswers.answer(requests, "SET_INFO", () -> files.setBasicInfo(caller, user, handle, change),
                SmbInfoReply::failure);
    }

    @Override
    public SmbInfoReply setSecurity(SmbCaller caller, SmbUser user, byte[] handle, SmbSecurityChange change) {
        return SmbAnswers.answer(requests, "SET_INFO security", () -> files.setSecurity(caller, user, handle, change),
                SmbInfoReply::failure);
    }

    @Override
    public SmbInfoReply setEndOfFile(SmbCaller caller, SmbUser user, byte[] handle, long size) {
        return SmbAnswers.answer(requests, "SET_INFO", () -> files.setEndOfFile(caller, user, handle, size),
                SmbInfoReply::failure);
    }

    @Override
    public SmbFileStatus rename(SmbCaller caller, SmbUser user, long shareId, List<String> from, byte[] handle,
                                List<String> to, boolean replace) {
        return SmbAnswers.answer(requests, "SET_INFO rename",
                () -> names.rename(caller, user, shareId, from, handle, to, replace), status -> status);
    }

    @Override
    public SmbFileStatus checkDelete(SmbCaller caller, SmbUser user, long shareId, List<String> path, byte[] handle) {
        return SmbAnswers.answer(requests, "SET_INFO disposition", () -> names.checkDelete(caller, user, shareId, path, handle),
                status -> status);
    }

    @Override
    public SmbFileStatus delete(SmbCaller caller, SmbUser user, long shareId, List<String> path, byte[] handle) {
        return SmbAnswers.answer(requests, "CLOSE delete", () -> names.delete(caller, user, shareId, path, handle),
                status -> status);
    }

    @Override
    public SmbVolumeReply volume(SmbCaller caller, SmbUser user, long shareId) {
        return SmbAnswers.answer(requests, "QUERY_INFO volume", () -> files.volume(caller, user, shareId),
                SmbVolumeReply::failure);
    }

    @Override
    public SmbFileStatus lock(SmbCaller caller, SmbUser user, byte[] handle, byte[] owner, List<SmbLockRange> locks) {
        return SmbAnswers.answer(requests, "LOCK", () -> locking.lock(caller, user, handle, owner, locks),
                status -> status);
    }

    @Override
    public SmbFileStatus unlock(SmbCaller caller, SmbUser user, byte[] handle, byte[] owner,
                                List<SmbLockRange> ranges) {
        return SmbAnswers.answer(requests, "LOCK unlock", () -> locking.unlock(caller, user, handle, owner, ranges),
                status -> status);
    }

    @Override
    public void unlockAll(SmbCaller caller, byte[] handle, byte[] owner) {
        SmbAnswers.answer(requests, "CLOSE unlock", () -> {
            locking.unlockAll(caller, handle, owner);
            return SmbFileStatus.OK;
        }, status -> status);
    }

    @Override
    public SmbFileStatus watch(SmbCaller caller, SmbUser user, byte[] handle, boolean subtree, SmbChangeSink sink) {
        return SmbAnswers.answer(requests, "CHANGE_NOTIFY", () -> watches.watch(caller, user, handle, subtree, sink),
                status -> status);
    }

    @Override
    public void unwatch(SmbChangeSink sink) {
        watches.unwatch(sink);
    }

    @Override
    public void announcePendingWrites() {
        announcements.files().announcePending();
    }

    @Override
    public List<SmbShare> sharesFor(SmbCaller caller, String account) {
        return shares.sharesFor(account).stream().map(SmbRequestMdb::smbShare).toList();
    }

    /** The name a guest session's file requests carry, for the logs. */
    static final String GUEST_NAME = "guest";

    /** A guest acts on a share that allows guests as the share's anonymous uid and gid, with no other group. */
    static SmbShare smbShare(ShareSummary share) {
        SmbUser guest = share.smbGuestAllowed()
                ? new SmbUser(GUEST_NAME, share.anonUid(), share.anonGid(), null) : null;
        return new SmbShare(share.id(), share.name(), share.readOnly(), share.smbEncryptionRequired(), guest,
                share.smbSigningRequired());
    }

    static SmbAccount smbAccount(LogonAccount account) {
        byte[] ntHash = account.ntHash();
        try {
            return new SmbAccount(account.username(), ntHash, account.uid(), account.gid(), account.groups());
        } finally {
            Arrays.fill(ntHash, (byte) 0);
        }
    }
}
