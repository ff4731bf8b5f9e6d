package io.cistern.smb.server;

import static io.cistern.smb.server.CreateCloseHandlerTest.READ_WRITE;
import static io.cistern.smb.server.CreateCloseHandlerTest.SHARE_ALL;
import static io.cistern.smb.server.CreateCloseHandlerTest.create;
import static io.cistern.smb.server.CreateCloseHandlerTest.fileId;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cistern.smb.server.SmbTestConnection.LoggedOn;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2FileId;
import io.cistern.smb.wire.Smb2IoctlRequest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** IOCTL's answers to the control codes this server does not implement, over the in-memory connection. */
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
        return connection.request(Smb2Command.IOCTL, session, tree, new Smb2IoctlRequest(ctlCode, file.persistent(),
                file.volatileId(), new byte[0], 0, 64, Smb2IoctlRequest.FLAG_IS_FSCTL)::encode).status();
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

    @Test
    void controlCodesThatNameNoOpenAreNotRefusedForTheFileId() throws Exception {
        assertEquals(NtStatus.STATUS_NOT_SUPPORTED,
                fsctl(Smb2IoctlHandler.FSCTL_QUERY_NETWORK_INTERFACE_INFO, Smb2FileId.ALL_ONES),
                "no multichannel is announced, so no interfaces are listed (MS-SMB2 3.3.5.15.11)");
        assertEquals(NtStatus.STATUS_NOT_FOUND, fsctl(Smb2IoctlHandler.FSCTL_DFS_GET_REFERRALS, Smb2FileId.ALL_ONES));
    }
}
