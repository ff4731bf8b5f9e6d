package io.cistern.smb.server;

import static io.cistern.smb.server.CreateCloseHandlerTest.READ_WRITE;
import static io.cistern.smb.server.CreateCloseHandlerTest.SHARE_ALL;
import static io.cistern.smb.server.CreateCloseHandlerTest.create;
import static io.cistern.smb.server.CreateCloseHandlerTest.fileId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.smb.server.SmbTestConnection.LoggedOn;
import io.cistern.smb.server.SmbTestConnection.Response;
import io.cistern.smb.wire.NetworkInterfaceInfo;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2FileId;
import io.cistern.smb.wire.Smb2IoctlRequest;
import io.cistern.smb.wire.Smb2IoctlResponse;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** IOCTL's answers to FSCTL_QUERY_NETWORK_INTERFACE_INFO and to the control codes this server does not implement. */
class IoctlHandlerTest {
    /** [MS-FSCC] 2.3.7, which Windows clients send for a file's object id. */
    private static final int FSCTL_CREATE_OR_GET_OBJECT_ID = 0x0009_00C0;

    private final RecordingListener listener = new RecordingListener();
    private final SmbTestConnection connection = new SmbTestConnection(listener);
    private LoggedOn session;
    private int tree;

    @BeforeEach
    void connect() throws Exception {
        listener.addShare(7, "data", false);
        session = connection.negotiateAndLogOn(0);
        tree = connection.connectTree(session, "data");
    }

    @AfterEach
    void nothingLeftOver() {
        connection.finish();
    }

    private int fsctl(int ctlCode, Smb2FileId file) throws Exception {
        return ioctl(ctlCode, file, 64).status();
    }

    private Response ioctl(int ctlCode, Smb2FileId file, int maxOutput) throws Exception {
        return connection.request(Smb2Command.IOCTL, session, tree, new Smb2IoctlRequest(ctlCode, file.persistent(),
                file.volatileId(), new byte[0], 0, maxOutput, Smb2IoctlRequest.FLAG_IS_FSCTL)::encode);
    }

    /** smbtorture's smb2.compound.related5: the open is looked up before the control code is judged. */
    @Test
    void anUnimplementedControlCodeOnNoOpenIsFileClosedAndOnAnOpenInvalidDeviceRequest() throws Exception {
        assertEquals(NtStatus.STATUS_FILE_CLOSED, fsctl(FSCTL_CREATE_OR_GET_OBJECT_ID, Smb2FileId.ALL_ONES));
        assertEquals(NtStatus.STATUS_FILE_CLOSED, fsctl(FSCTL_CREATE_OR_GET_OBJECT_ID, new Smb2FileId(9, 9)));
        Smb2FileId file = fileId(create(connection, session, tree, "f", READ_WRITE, SHARE_ALL, 2, 0, List.of()));
        assertEquals(NtStatus.STATUS_INVALID_DEVICE_REQUEST, fsctl(FSCTL_CREATE_OR_GET_OBJECT_ID, file));
        assertEquals(NtStatus.STATUS_INVALID_DEVICE_REQUEST, fsctl(Smb2IoctlHandler.FSCTL_PIPE_TRANSCEIVE, file),
                "a file is no pipe");
    }

    /**
     * FSCTL_QUERY_NETWORK_INTERFACE_INFO lists the host's interfaces that are up (the in-memory connection has no
     * socket, so every one but loopback): each entry names an index and an address the JDK knows together, with no
     * RSS or RDMA claim; a FileId other than all ones, or too little room for the list, is refused as Samba does.
     */
    @Test
    void theNetworkInterfacesAreTheHostsAndTheRequestMustNameNoOpen() throws Exception {
        Response answer = ioctl(Smb2IoctlHandler.FSCTL_QUERY_NETWORK_INTERFACE_INFO, Smb2FileId.ALL_ONES, 65536);
        assertEquals(NtStatus.STATUS_SUCCESS, answer.status(), NtStatus.hex(answer.status()));
        List<NetworkInterfaceInfo> listed = NetworkInterfaceInfo.decode(
                Smb2IoctlResponse.decode(answer.body()).output());
        for (NetworkInterfaceInfo entry : listed) {
            NetworkInterface nif = NetworkInterface.getByIndex(entry.ifIndex());
            assertTrue(nif != null && Collections.list(nif.getInetAddresses()).contains(entry.address()), entry.toString());
            assertFalse(nif.isLoopback(), "loopback only for a client that came over it");
            assertEquals(0, entry.capability());
        }
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER,
                fsctl(Smb2IoctlHandler.FSCTL_QUERY_NETWORK_INTERFACE_INFO, new Smb2FileId(1, 2)));
        int tooSmall = listed.isEmpty() ? NtStatus.STATUS_SUCCESS : NtStatus.STATUS_BUFFER_TOO_SMALL;
        assertEquals(tooSmall, ioctl(Smb2IoctlHandler.FSCTL_QUERY_NETWORK_INTERFACE_INFO, Smb2FileId.ALL_ONES,
                NetworkInterfaceInfo.SIZE * listed.size() - 1).status());
    }

    @Test
    void networkInterfacesIncludeLoopbackOnlyForALoopbackClientAndFollowTheBind() throws Exception {
        List<NetworkInterfaceInfo> all = NetworkInterfaceList.list(null, true);
        assertTrue(all.stream().anyMatch(entry -> entry.address().isLoopbackAddress()), all.toString());
        assertTrue(NetworkInterfaceList.list(null, false).stream().noneMatch(e -> e.address().isLoopbackAddress()));
        assertEquals(List.of(InetAddress.getByName("127.0.0.1")), NetworkInterfaceList.list(
                InetAddress.getByName("127.0.0.1"), true).stream().map(NetworkInterfaceInfo::address).toList(),
                "a listener bound to one address lists that address");
        assertTrue(NetworkInterfaceList.list(InetAddress.getByName("0.0.0.0"), true).stream()
                .allMatch(e -> e.address() instanceof java.net.Inet4Address), "0.0.0.0 accepts IPv4 only");
    }

    @Test
    void controlCodesThatNameNoOpenAreNotRefusedForTheFileId() throws Exception {
        assertEquals(NtStatus.STATUS_NOT_FOUND, fsctl(Smb2IoctlHandler.FSCTL_DFS_GET_REFERRALS, Smb2FileId.ALL_ONES));
    }
}
