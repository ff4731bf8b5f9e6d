package io.cistern.smb.server;

import static io.cistern.smb.server.CreateCloseHandlerTest.SHARE_ALL;
import static io.cistern.smb.server.CreateCloseHandlerTest.create;
import static io.cistern.smb.server.CreateCloseHandlerTest.fileId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cistern.smb.dtyp.Ace;
import io.cistern.smb.dtyp.Acl;
import io.cistern.smb.dtyp.SecurityDescriptor;
import io.cistern.smb.dtyp.Sid;
import io.cistern.smb.server.SmbTestConnection.LoggedOn;
import io.cistern.smb.server.SmbTestConnection.Response;
import io.cistern.smb.wire.AccessMask;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2CreateRequest;
import io.cistern.smb.wire.Smb2ErrorResponse;
import io.cistern.smb.wire.Smb2FileId;
import io.cistern.smb.wire.Smb2QueryInfoRequest;
import io.cistern.smb.wire.Smb2QueryInfoResponse;
import io.cistern.smb.wire.Smb2SetInfoRequest;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * QUERY_INFO and SET_INFO of SMB2_0_INFO_SECURITY over the in-memory connection, and delete-on-close of read-only
 * files: the access each needs, the buffer rules and malformed descriptors.
 */
class SecurityInfoHandlerTest {
    private static final int OWNER_GROUP_DACL = 7;
    private static final int CONTROL_ACCESS = AccessMask.READ_CONTROL | AccessMask.WRITE_DAC
            | AccessMask.WRITE_OWNER | AccessMask.FILE_READ_ATTRIBUTES;
    private final RecordingListener listener = new RecordingListener();
    private final SmbTestConnection connection = new SmbTestConnection(listener);
    private LoggedOn session;
    private int tree;
    private MemoryFileTree.Node node;
    private Smb2FileId file;

    @BeforeEach
    void openAFile() throws Exception {
        listener.addShare(7, "data", false);
        session = connection.negotiateAndLogOn(0);
        tree = connection.connectTree(session, "data");
        node = listener.files.addFile(7, List.of("f"), new byte[10], 0640);
        file = open("f", CONTROL_ACCESS);
    }

    @AfterEach
    void nothingLeftOver() {
        connection.finish();
    }

    private Smb2FileId open(String name, int access) throws Exception {
        return fileId(create(connection, session, tree, name, access, SHARE_ALL, 1, 0, List.of()));
    }

    private Response query(Smb2FileId id, int additional, int length) throws Exception {
        return connection.request(Smb2Command.QUERY_INFO, session, tree,
                new Smb2QueryInfoRequest(Smb2QueryInfoRequest.INFO_SECURITY, 0, length, additional, 0, id)::encode);
    }

    private Response set(Smb2FileId id, int additional, byte[] descriptor) throws Exception {
        return connection.request(Smb2Command.SET_INFO, session, tree,
                new Smb2SetInfoRequest(Smb2QueryInfoRequest.INFO_SECURITY, 0, additional, id, descriptor)::encode);
    }

    private SecurityDescriptor descriptor(Smb2FileId id, int additional) throws Exception {
        Response response = query(id, additional, 4096);
        assertEquals(NtStatus.STATUS_SUCCESS, response.status(), NtStatus.hex(response.status()));
        return SecurityDescriptor.decode(Smb2QueryInfoResponse.decode(response.body()).output());
    }

    @Test
    void theDescriptorIsTheFilesOwnerGroupAndMode() throws Exception {
        SecurityDescriptor sd = descriptor(file, OWNER_GROUP_DACL);
        assertEquals(Sid.of(22, 1, 1000), sd.owner());
        assertEquals(Sid.of(22, 2, 1000), sd.group());
        assertEquals(0640, UnixSecurityMapping.mode(sd.dacl(), sd.owner(), sd.group()));
        SecurityDescriptor ownerOnly = descriptor(file, 1);
        assertEquals(Sid.of(22, 1, 1000), ownerOnly.owner());
        assertNull(ownerOnly.group());
        assertNull(ownerOnly.dacl());
        assertEquals(20, descriptor(file, 0).size(), "nothing asked, an empty descriptor");
    }

    @Test
    void aShortBufferLearnsTheSizeItNeeds() throws Exception {
        int needed = descriptor(file, OWNER_GROUP_DACL).size();
        for (int length : new int[] {0, 1, needed - 1}) {
            Response shortOne = query(file, OWNER_GROUP_DACL, length);
            assertEquals(NtStatus.STATUS_BUFFER_TOO_SMALL, shortOne.status());
            byte[] data = Smb2ErrorResponse.decode(shortOne.body()).errorData();
            assertEquals(4, data.length, "ByteCount 4 before 3.1.1");
            assertEquals(needed, Unpooled.wrappedBuffer(data).getIntLE(0));
        }
        assertEquals(NtStatus.STATUS_SUCCESS, query(file, OWNER_GROUP_DACL, needed).status());
    }

    @Test
    void eachPartNeedsItsRight() throws Exception {
        Smb2FileId attributesOnly = open("f", AccessMask.FILE_READ_ATTRIBUTES);
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, query(attributesOnly, 4, 4096).status(), "no READ_CONTROL");
        assertEquals(NtStatus.STATUS_SUCCESS, query(attributesOnly, 0, 4096).status(), "nothing asked");
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, query(file, 8, 4096).status(), "a SACL needs system security");
        Smb2FileId readControl = open("f", AccessMask.READ_CONTROL);
        byte[] sd = descriptor(file, OWNER_GROUP_DACL).toBytes();
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, set(readControl, 4, sd).status(), "no WRITE_DAC");
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, set(readControl, 1, sd).status(), "no WRITE_OWNER");
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, set(file, 8, sd).status(), "no ACCESS_SYSTEM_SECURITY");
    }

    @Test
    void aDaclChangesTheMode() throws Exception {
        Sid owner = Sid.of(22, 1, 1000);
        Acl dacl = Acl.of(List.of(new Ace(Ace.ACCESS_ALLOWED, 0, AccessMask.ALL_FILE_RIGHTS, owner),
                new Ace(Ace.ACCESS_ALLOWED, 0, AccessMask.GENERIC_READ, Sid.EVERYONE)));
        SecurityDescriptor sd = new SecurityDescriptor(0, owner, null, null, dacl);
        assertEquals(NtStatus.STATUS_SUCCESS, set(file, OWNER_GROUP_DACL & ~2, sd.toBytes()).status());
        assertEquals(0744, node.mode);
        assertEquals(0744, UnixSecurityMapping.mode(descriptor(file, 4).dacl(), owner, Sid.of(22, 2, 1000)));
    }

    @Test
    void anOwnerOrGroupWithoutAUnixIdOrThatTheApplicationRefusesIsRefused() throws Exception {
        SecurityDescriptor stranger = new SecurityDescriptor(0, Sid.of(22, 1, 0), Sid.of(22, 2, 1000), null, null);
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, set(file, 1, stranger.toBytes()).status(), "giving it away");
        SecurityDescriptor domain = new SecurityDescriptor(0, Sid.of(5, 21, 1, 2, 3, 500), Sid.of(5, 32, 544), null,
                null);
        assertEquals(NtStatus.STATUS_INVALID_OWNER, set(file, 1, domain.toBytes()).status());
        assertEquals(NtStatus.STATUS_INVALID_PRIMARY_GROUP, set(file, 2, domain.toBytes()).status());
        assertEquals(NtStatus.STATUS_SUCCESS, set(file, 2, stranger.toBytes()).status(), "its own group again");
        assertEquals(0640, node.mode);
    }

    @Test
    void aMalformedDescriptorIsAnInvalidParameterAndTheConnectionGoesOn() throws Exception {
        byte[] good = descriptor(file, OWNER_GROUP_DACL).toBytes();
        byte[] badOffset = good.clone();
        Unpooled.wrappedBuffer(badOffset).setIntLE(16, good.length + 8);
        byte[] badRevision = good.clone();
        badRevision[0] = 2;
        for (byte[] bad : List.of(new byte[0], new byte[19], badOffset, badRevision,
                java.util.Arrays.copyOf(good, good.length - 1))) {
            assertEquals(NtStatus.STATUS_INVALID_PARAMETER, set(file, OWNER_GROUP_DACL, bad).status());
        }
        assertEquals(0640, node.mode);
        assertEquals(NtStatus.STATUS_SUCCESS, set(file, OWNER_GROUP_DACL, good).status(), "still answering");
    }

    @Test
    void deleteOnCloseOfAReadOnlyFileCannotDelete() throws Exception {
        listener.files.addFile(7, List.of("ro"), new byte[1], 0444);
        int delete = AccessMask.DELETE | AccessMask.FILE_READ_DATA;
        Response refused = connection.request(Smb2Command.CREATE, session, tree, new Smb2CreateRequest(0, 2, delete,
                0, SHARE_ALL, 1, Smb2CreateRequest.FILE_DELETE_ON_CLOSE, "ro", List.of())::encode);
        assertEquals(NtStatus.STATUS_CANNOT_DELETE, refused.status());
        Smb2FileId ro = open("ro", delete);
        Response disposition = connection.request(Smb2Command.SET_INFO, session, tree,
                new Smb2SetInfoRequest(1, 13, 0, ro, new byte[] {1})::encode);
        assertEquals(NtStatus.STATUS_CANNOT_DELETE, disposition.status());
        Response created = connection.request(Smb2Command.CREATE, session, tree, new Smb2CreateRequest(0, 2, delete,
                io.cistern.smb.fscc.FileAttributes.READONLY, SHARE_ALL, 2, Smb2CreateRequest.FILE_DELETE_ON_CLOSE,
                "new", List.of())::encode);
        assertEquals(NtStatus.STATUS_CANNOT_DELETE, created.status());
        assertNull(listener.files.content(7, List.of("new")), "never created");
    }
}
