package io.cistern.core.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cistern.core.fs.Caller;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.FileHandles;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import io.cistern.core.metadata.MetadataService;
import io.cistern.core.service.IdentityService;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;

/** How a request becomes a caller: export rules for NFS, accounts and groups for SMB, and handles. */
final class ExportAndIdentityScenarios {
    private final MetadataService fs;
    private final FileSystemProbe probe;
    private final IdentityService identities;
    private final FileHandles handles;

    ExportAndIdentityScenarios(MetadataService fs, FileSystemProbe probe, IdentityService identities, FileHandles handles) {
        this.fs = fs;
        this.probe = probe;
        this.identities = identities;
        this.handles = handles;
    }

    void rootIsSquashedAndOthersPassUnchanged() throws Exception {
        FileHandle root = fs.root("data");
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        Caller squashed = fs.nfsCaller(root, 0, 0, List.of(0, 10), loopback);
        assertEquals(65534, squashed.uid());
        assertEquals(65534, squashed.gid());
        assertEquals(Set.of(65534, 10), squashed.groups());
        assertEquals(new Caller(1001, 1001, Set.of(100)), fs.nfsCaller(root, 1001, 1001, List.of(100), loopback));
    }

    void clientsOutsideTheAllowedNetworksAreRefused(String share) throws Exception {
        probe.createShare(share);
        try {
            probe.setAllowedNetworks(share, "10.0.0.0/8, fd00::/8");
            FileHandle root = fs.root(share);
            FsException refused = assertThrows(FsException.class,
                    () -> fs.nfsCaller(root, 1001, 1001, List.of(), InetAddress.getByName("127.0.0.1")));
            assertEquals(FsError.ACCESS, refused.error());
            assertEquals(1001, fs.nfsCaller(root, 1001, 1001, List.of(), InetAddress.getByName("10.1.2.3")).uid());
            assertEquals(1001, fs.nfsCaller(root, 1001, 1001, List.of(), InetAddress.getByName("fd00::7")).uid());
            long shareId = root.shareId();
            FsException smbRefused = assertThrows(FsException.class,
                    () -> fs.smbCaller(shareId, 1001, 1001, List.of(), InetAddress.getByName("127.0.0.1")));
            assertEquals(FsError.ACCESS, smbRefused.error(), "the share's networks hold for SMB too");
            assertEquals(new Caller(0, 0, Set.of(5)),
                    fs.smbCaller(shareId, 0, 0, List.of(5), InetAddress.getByName("10.9.9.9")),
                    "an authenticated SMB account is not squashed");
            assertEquals(root.inodeId(), fs.shareRoot(shareId).inodeId());
        } finally {
            probe.dropShare(share);
        }
    }

    void accountsBecomeCallersWithTheirGroups() {
        assertEquals(new Caller(1000, 1000, Set.of(1000)), identities.callerFor("admin"));
        FsException unknown = assertThrows(FsException.class, () -> identities.callerFor("nobody-here"));
        assertEquals(FsError.NOT_FOUND, unknown.error());
    }

    void handlesOfTheInstallationRoundTripAndRejectTampering() {
        FileHandle root = fs.root("data");
        byte[] encoded = handles.encode(root);
        assertEquals(root, handles.decode(encoded));
        assertEquals(root, fs.getattr(handles.decode(encoded)).handle());
        encoded[9] ^= 1;
        FsException forged = assertThrows(FsException.class, () -> handles.decode(encoded));
        assertEquals(FsError.BAD_HANDLE, forged.error());
    }
}
