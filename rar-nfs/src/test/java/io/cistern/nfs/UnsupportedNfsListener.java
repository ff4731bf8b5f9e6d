package io.cistern.nfs;

import io.cistern.nfs.spi.NfsAccessReply;
import io.cistern.nfs.spi.NfsAdapterEvent;
import io.cistern.nfs.spi.NfsAttrReply;
import io.cistern.nfs.spi.NfsCaller;
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
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A listener for adapter tests: each test overrides what it calls; anything else fails loudly, but for what the
 * adapter asks at every activation without a client asking (the listener event, the hosts to tell of the start).
 */
public class UnsupportedNfsListener implements NfsListener {
    private static UnsupportedOperationException unexpected(String what) {
        return new UnsupportedOperationException(what + " was not expected in this test");
    }

    @Override public void ping(NfsCaller caller) { throw unexpected("ping"); }
    @Override public void adapterEvent(NfsAdapterEvent event) { }
    @Override public NfsMountReply mount(NfsCaller caller, String path) { throw unexpected("mount"); }
    @Override public void unmount(NfsCaller caller, String path) { throw unexpected("unmount"); }
    @Override public List<NfsExport> exports(NfsCaller caller) { throw unexpected("exports"); }
    @Override public NfsAttrReply getattr(NfsCaller caller, byte[] handle) { throw unexpected("getattr"); }
    @Override public NfsWccReply setattr(NfsCaller caller, byte[] handle, NfsSetAttributes changes, Long guard) { throw unexpected("setattr"); }
    @Override public NfsLookupReply lookup(NfsCaller caller, byte[] directory, byte[] name) { throw unexpected("lookup"); }
    @Override public NfsAccessReply access(NfsCaller caller, byte[] handle, int wanted) { throw unexpected("access"); }
    @Override public NfsReadlinkReply readlink(NfsCaller caller, byte[] handle) { throw unexpected("readlink"); }
    @Override public NfsReadReply read(NfsCaller caller, byte[] handle, long offset, int count) { throw unexpected("read"); }
    @Override public NfsWriteReply write(NfsCaller caller, byte[] handle, long offset, ByteBuffer data, int stable) { throw unexpected("write"); }
    @Override public NfsCreateReply create(NfsCaller caller, byte[] directory, byte[] name, int how, NfsSetAttributes attributes, long verifier) { throw unexpected("create"); }
    @Override public NfsCreateReply mkdir(NfsCaller caller, byte[] directory, byte[] name, NfsSetAttributes attributes) { throw unexpected("mkdir"); }
    @Override public NfsCreateReply symlink(NfsCaller caller, byte[] directory, byte[] name, NfsSetAttributes attributes, byte[] target) { throw unexpected("symlink"); }
    @Override public NfsCreateReply mknod(NfsCaller caller, byte[] directory, byte[] name, NfsFileType type, NfsSetAttributes attributes, long rdev) { throw unexpected("mknod"); }
    @Override public NfsWccReply remove(NfsCaller caller, byte[] directory, byte[] name) { throw unexpected("remove"); }
    @Override public NfsWccReply rmdir(NfsCaller caller, byte[] directory, byte[] name) { throw unexpected("rmdir"); }
    @Override public NfsRenameReply rename(NfsCaller caller, byte[] fromDirectory, byte[] fromName, byte[] toDirectory, byte[] toName) { throw unexpected("rename"); }
    @Override public NfsLinkReply link(NfsCaller caller, byte[] file, byte[] directory, byte[] name) { throw unexpected("link"); }
    @Override public NfsDirectoryReply readdir(NfsCaller caller, byte[] directory, long cookie, long cookieVerifier, int maxEntries, boolean plus) { throw unexpected("readdir"); }
    @Override public NfsFsStatReply fsstat(NfsCaller caller, byte[] handle) { throw unexpected("fsstat"); }
    @Override public NfsFsInfoReply fsinfo(NfsCaller caller, byte[] handle) { throw unexpected("fsinfo"); }
    @Override public NfsPathconfReply pathconf(NfsCaller caller, byte[] handle) { throw unexpected("pathconf"); }
    @Override public NfsCommitReply commit(NfsCaller caller, byte[] handle, long offset, int count) { throw unexpected("commit"); }
    @Override public io.cistern.nfs.spi.NlmTestReply nlmTest(NfsCaller caller, io.cistern.nfs.spi.NlmLock lock, boolean exclusive) { throw unexpected("nlmTest"); }
    @Override public io.cistern.nfs.spi.NlmStatus nlmLock(NfsCaller caller, io.cistern.nfs.spi.NlmLock lock, boolean exclusive, boolean block, boolean reclaim, io.cistern.nfs.spi.NlmGrantCallback whenGranted) { throw unexpected("nlmLock"); }
    @Override public io.cistern.nfs.spi.NlmStatus nlmCancel(NfsCaller caller, io.cistern.nfs.spi.NlmLock lock, boolean exclusive) { throw unexpected("nlmCancel"); }
    @Override public io.cistern.nfs.spi.NlmStatus nlmUnlock(NfsCaller caller, io.cistern.nfs.spi.NlmLock lock) { throw unexpected("nlmUnlock"); }
    @Override public io.cistern.nfs.spi.NlmStatus nlmShare(NfsCaller caller, io.cistern.nfs.spi.NlmShare share, boolean reclaim) { throw unexpected("nlmShare"); }
    @Override public io.cistern.nfs.spi.NlmStatus nlmUnshare(NfsCaller caller, io.cistern.nfs.spi.NlmShare share) { throw unexpected("nlmUnshare"); }
    @Override public void nlmFreeAll(NfsCaller caller, String callerName) { throw unexpected("nlmFreeAll"); }
    @Override public int nsmState() { throw unexpected("nsmState"); }
    /** Asked unasked at every activation, like adapterEvent: a server nobody held locks with. */
    @Override public List<io.cistern.nfs.spi.NsmPeer> nsmPeersToNotify() { return List.of(); }
    @Override public void nsmPeerNotified(io.cistern.nfs.spi.NsmPeer peer) { throw unexpected("nsmPeerNotified"); }
}
