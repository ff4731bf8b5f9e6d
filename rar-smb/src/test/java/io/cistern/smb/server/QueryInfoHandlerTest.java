package io.cistern.smb.server;

import static io.cistern.smb.server.CreateCloseHandlerTest.READ_WRITE;
import static io.cistern.smb.server.CreateCloseHandlerTest.SHARE_ALL;
import static io.cistern.smb.server.CreateCloseHandlerTest.create;
import static io.cistern.smb.server.CreateCloseHandlerTest.fileId;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cistern.smb.fscc.FileAttributes;
import io.cistern.smb.fscc.FileFsAttributeInformation;
import io.cistern.smb.fscc.InformationClass;
import io.cistern.smb.server.SmbTestConnection.LoggedOn;
import io.cistern.smb.server.SmbTestConnection.Response;
import io.cistern.smb.wire.AccessMask;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2CreateRequest;
import io.cistern.smb.wire.Smb2FileId;
import io.cistern.smb.wire.Smb2QueryInfoRequest;
import io.cistern.smb.wire.Smb2QueryInfoResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** QUERY_INFO over the in-memory connection: file and file-system classes and the buffer-length rules. */
class QueryInfoHandlerTest {
    private final RecordingListener listener = new RecordingListener();
    private final SmbTestConnection connection = new SmbTestConnection(listener);
    private LoggedOn session;
    private int tree;
    private Smb2FileId file;
    private MemoryFileTree.Node node;

    @BeforeEach
    void openAFile() throws Exception {
        listener.addShare(7, "data", false);
        session = connection.negotiateAndLogOn(0);
        tree = connection.connectTree(session, "data");
        fileId(create(connection, session, tree, "dir", AccessMask.GENERIC_READ, SHARE_ALL, 2,
                Smb2CreateRequest.FILE_DIRECTORY_FILE, List.of()));
        node = listener.files.addFile(7, List.of("dir", "report.txt"), new byte[5000], 0444);
        file = fileId(create(connection, session, tree, "dir\\report.txt", AccessMask.GENERIC_READ, SHARE_ALL, 1, 0,
                List.of()));
    }

    @AfterEach
    void nothingLeftOver() {
        connection.finish();
    }

    private Response query(Smb2FileId id, int type, int infoClass, int length) throws Exception {
        return connection.request(Smb2Command.QUERY_INFO, session, tree,
                new Smb2QueryInfoRequest(type, infoClass, length, 0, 0, id)::encode);
    }

    private ByteBuf output(Response response) throws Exception {
        return Unpooled.wrappedBuffer(Smb2QueryInfoResponse.decode(response.body()).output());
    }

    @Test
    void basicStandardInternalAndNetworkOpenDescribeTheFile() throws Exception {
        ByteBuf basic = output(query(file, 1, InformationClass.FILE_BASIC, 40));
        assertEquals(40, basic.readableBytes());
        assertEquals(node.creation / 100 + 116_444_736_000_000_000L, basic.getLongLE(0));
        assertEquals(FileAttributes.ARCHIVE | FileAttributes.READONLY, basic.getIntLE(32));
        ByteBuf standard = output(query(file, 1, InformationClass.FILE_STANDARD, 100));
        assertEquals(8192, standard.getLongLE(0));
        assertEquals(5000, standard.getLongLE(8));
        assertEquals(1, standard.getIntLE(16));
        assertEquals(0, standard.getByte(20), "not delete-pending");
        assertEquals(0, standard.getByte(21), "not a directory");
        assertEquals(node.id, output(query(file, 1, InformationClass.FILE_INTERNAL, 8)).getLongLE(0));
        ByteBuf network = output(query(file, 1, InformationClass.FILE_NETWORK_OPEN, 56));
        assertEquals(5000, network.getLongLE(40));
        ByteBuf access = output(query(file, 1, InformationClass.FILE_ACCESS, 4));
        assertEquals(CreatePlan.mapGeneric(AccessMask.GENERIC_READ), access.getIntLE(0));
        ByteBuf stream = output(query(file, 1, InformationClass.FILE_STREAM, 100));
        assertEquals("::$DATA", stream.toString(24, stream.getIntLE(4), StandardCharsets.UTF_16LE));
        assertEquals(5000, stream.getLongLE(8));
    }

    @Test
    void allInformationCarriesTheNameAndOverflowsAShortBuffer() throws Exception {
        ByteBuf all = output(query(file, 1, InformationClass.FILE_ALL, 4096));
        String name = "\\dir\\report.txt";
        assertEquals(100 + name.length() * 2, all.readableBytes());
        assertEquals(name.length() * 2, all.getIntLE(96));
        assertEquals(name, all.toString(100, name.length() * 2, StandardCharsets.UTF_16LE));
        Response short100 = query(file, 1, InformationClass.FILE_ALL, 104);
        assertEquals(NtStatus.STATUS_BUFFER_OVERFLOW, short100.status());
        assertEquals(104, output(short100).readableBytes());
        assertEquals(NtStatus.STATUS_INFO_LENGTH_MISMATCH, query(file, 1, InformationClass.FILE_ALL, 99).status());
        assertEquals(NtStatus.STATUS_INFO_LENGTH_MISMATCH, query(file, 1, InformationClass.FILE_BASIC, 39).status());
    }

    @Test
    void fileSystemClassesDescribeTheShare() throws Exception {
        ByteBuf full = output(query(file, 2, InformationClass.FS_FULL_SIZE, 32));
        assertEquals(MemoryFileTree.TOTAL_BYTES / 4096, full.getLongLE(0));
        assertEquals(MemoryFileTree.FREE_BYTES / 4096, full.getLongLE(8));
        assertEquals(8, full.getIntLE(24));
        assertEquals(512, full.getIntLE(28));
        assertEquals(24, output(query(file, 2, InformationClass.FS_SIZE, 24)).readableBytes());
        ByteBuf attribute = output(query(file, 2, InformationClass.FS_ATTRIBUTE, 100));
        assertEquals(FileFsAttributeInformation.FILE_CASE_PRESERVED_NAMES
                | FileFsAttributeInformation.FILE_UNICODE_ON_DISK, attribute.getIntLE(0), "no case-sensitive search");
        assertEquals(255, attribute.getIntLE(4));
        ByteBuf volume = output(query(file, 2, InformationClass.FS_VOLUME, 100));
        assertEquals("data", volume.toString(18, volume.getIntLE(12), StandardCharsets.UTF_16LE));
        assertEquals(7, output(query(file, 2, InformationClass.FS_DEVICE, 8)).getIntLE(0), "FILE_DEVICE_DISK");
        assertEquals(28, output(query(file, 2, InformationClass.FS_SECTOR_SIZE, 28)).readableBytes());
    }

    @Test
    void whatIsNotImplementedOrNotGrantedIsRefused() throws Exception {
        assertEquals(NtStatus.STATUS_NOT_SUPPORTED, query(file, 4, 0, 1024).status(), "no quotas");
        assertEquals(NtStatus.STATUS_INVALID_INFO_CLASS, query(file, 1, 60, 1024).status());
        assertEquals(NtStatus.STATUS_INVALID_INFO_CLASS, query(file, 2, 9, 1024).status());
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, query(file, 9, 1, 1024).status());
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, query(file, 1, 4, (1 << 20) + 1).status());
        assertEquals(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND, query(file, 1, 21, 4096).status(),
                "FileAlternateNameInformation: no 8.3 name, as Windows answers without one");
        assertEquals(NtStatus.STATUS_FILE_CLOSED, query(new Smb2FileId(3, 3), 1, 4, 40).status());
        Smb2FileId dataOnly = fileId(create(connection, session, tree, "dir\\report.txt", AccessMask.FILE_READ_DATA,
                SHARE_ALL, 1, 0, List.of()));
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, query(dataOnly, 1, InformationClass.FILE_BASIC, 40).status());
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, query(dataOnly, 1, InformationClass.FILE_EA, 4).status());
        assertEquals(NtStatus.STATUS_SUCCESS, query(dataOnly, 1, InformationClass.FILE_STANDARD, 24).status());
        Response truncated = connection.request(Smb2Command.QUERY_INFO, session, tree,
                body -> body.writeShortLE(41).writeZero(8));
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, truncated.status());
    }

    @Test
    void aDirectoryHasNoStreamAndSaysItIsOne() throws Exception {
        Smb2FileId dir = fileId(create(connection, session, tree, "dir", AccessMask.GENERIC_READ, SHARE_ALL, 1, 0,
                List.of()));
        assertEquals(0, output(query(dir, 1, InformationClass.FILE_STREAM, 100)).readableBytes());
        assertEquals(1, output(query(dir, 1, InformationClass.FILE_STANDARD, 24)).getByte(21));
        assertEquals(FileAttributes.DIRECTORY, output(query(dir, 1, InformationClass.FILE_ATTRIBUTE_TAG, 8))
                .getIntLE(0));
        Smb2FileId writer = fileId(create(connection, session, tree, "new", READ_WRITE, SHARE_ALL, 2, 0, List.of()));
        assertEquals(FileAttributes.ARCHIVE, output(query(writer, 1, InformationClass.FILE_BASIC, 40)).getIntLE(32));
    }
}
