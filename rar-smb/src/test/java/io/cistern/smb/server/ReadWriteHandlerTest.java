package io.cistern.smb.server;

import static io.cistern.smb.server.CreateCloseHandlerTest.READ_WRITE;
import static io.cistern.smb.server.CreateCloseHandlerTest.SHARE_ALL;
import static io.cistern.smb.server.CreateCloseHandlerTest.create;
import static io.cistern.smb.server.CreateCloseHandlerTest.fileId;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.smb.server.SmbTestConnection.LoggedOn;
import io.cistern.smb.server.SmbTestConnection.Response;
import io.cistern.smb.wire.AccessMask;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2CreateRequest;
import io.cistern.smb.wire.Smb2FileId;
import io.cistern.smb.wire.Smb2FlushRequest;
import io.cistern.smb.wire.Smb2ReadRequest;
import io.cistern.smb.wire.Smb2ReadResponse;
import io.cistern.smb.wire.Smb2WriteRequest;
import io.cistern.smb.wire.Smb2WriteResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** READ, WRITE and FLUSH over the in-memory connection. */
class ReadWriteHandlerTest {
    private final RecordingListener listener = new RecordingListener();
    private final SmbTestConnection connection = new SmbTestConnection(listener);
    private LoggedOn session;
    private int tree;
    private Smb2FileId file;

    @BeforeEach
    void openAFile() throws Exception {
        listener.addShare(7, "data", false);
        session = connection.negotiateAndLogOn(0);
        tree = connection.connectTree(session, "data");
        file = fileId(create(connection, session, tree, "f", READ_WRITE, SHARE_ALL, 2, 0, List.of()));
    }

    @AfterEach
    void nothingLeftOver() {
        connection.finish();
    }

    private Response write(Smb2FileId id, long offset, byte[] data, int flags) throws Exception {
        return connection.request(Smb2Command.WRITE, session, tree, new Smb2WriteRequest(offset, id, flags, data)::encode);
    }

    private Response read(Smb2FileId id, long offset, int length, int minimum) throws Exception {
        return connection.request(Smb2Command.READ, session, tree,
                new Smb2ReadRequest(0, length, offset, id, minimum)::encode);
    }

    private static byte[] bytes(Response read) throws Exception {
        assertEquals(NtStatus.STATUS_SUCCESS, read.status(), NtStatus.hex(read.status()));
        ByteBuffer data = Smb2ReadResponse.decode(read.body()).data();
        byte[] out = new byte[data.remaining()];
        data.get(out);
        return out;
    }

    /**
     * The data reaches the application as the request's own bytes, retained until it has written them and released
     * then: the framed request, kept here with one more reference, is back to that one reference once answered.
     */
    @Test
    void aWritesDataIsTheRequestsOwnBytesReleasedOnceWritten() throws Exception {
        byte[] data = new byte[60_000];          // one credit's worth (64 KiB)
        new java.util.Random(3).nextBytes(data);
        io.netty.buffer.ByteBuf request = SmbTestConnection.frame(SmbTestConnection.message(
                connection.header(Smb2Command.WRITE, session.sessionId(), 0, tree),
                new Smb2WriteRequest(4096, file, 0, data)::encode));
        request.retain();
        Response written = connection.send(request);
        assertEquals(NtStatus.STATUS_SUCCESS, written.status(), NtStatus.hex(written.status()));
        assertEquals(data.length, Smb2WriteResponse.decode(written.body()).count());
        assertEquals(1, request.refCnt(), "the write's slice of the request was released, once");
        request.release();
        assertArrayEquals(data, bytes(read(file, 4096, data.length, 0)));
    }

    @Test
    void writtenBytesReadBackAndTheEndIsEndOfFile() throws Exception {
        byte[] block = new byte[65536];
        Arrays.fill(block, (byte) 'x');
        Response written = write(file, 0, block, 0);
        assertEquals(65536, Smb2WriteResponse.decode(written.body()).count());
        write(file, 65536, "tail".getBytes(StandardCharsets.US_ASCII), Smb2WriteRequest.WRITE_THROUGH);
        assertArrayEquals(block, bytes(read(file, 0, 65536, 0)));
        assertEquals("tail", new String(bytes(read(file, 65536, 100, 0)), StandardCharsets.US_ASCII));
        assertEquals(NtStatus.STATUS_END_OF_FILE, read(file, 65540, 10, 0).status());
        assertEquals(NtStatus.STATUS_END_OF_FILE, read(file, 1L << 40, 10, 0).status());
        assertEquals(NtStatus.STATUS_END_OF_FILE, read(file, 65536, 100, 5).status(), "fewer than MinimumCount");
        assertEquals(0, bytes(read(file, 0, 0, 0)).length);
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, write(file, -1, "+".getBytes(StandardCharsets.US_ASCII), 0)
                .status(), "the all-ones offset is no \"end of file\" over SMB2");
        assertEquals("tail", new String(bytes(read(file, 65536, 100, 0)), StandardCharsets.US_ASCII));
        assertEquals(NtStatus.STATUS_SUCCESS, connection.request(Smb2Command.FLUSH, session, tree,
                new Smb2FlushRequest(file)::encode).status());
        assertTrue(listener.files.calls.contains("flush"));
    }

    @Test
    void sizesBeyondWhatNegotiateAnnouncedAreInvalid() throws Exception {
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, read(file, 0, 65537, 0).status());
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, write(file, 0, new byte[65537], 0).status());
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, read(file, -5, 10, 0).status());
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, write(file, -5, new byte[1], 0).status());
        Response outside = connection.request(Smb2Command.WRITE, session, tree, body -> {
            new Smb2WriteRequest(0, file, 0, new byte[10]).encode(body);
            body.setIntLE(64 + 4, 1000);               // Length beyond the message
        });
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, outside.status());
        Response truncated = connection.request(Smb2Command.READ, session, tree,
                body -> body.writeShortLE(49).writeZero(10));
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, truncated.status());
        assertEquals(0, listener.files.content(7, List.of("f")).length, "nothing was written");
    }

    /** The limits smbtorture's smb2.read.eof and smb2.rw.invalid check, where Windows and Samba agree. */
    @Test
    void offsetsAndLengthsAtTheLimitsAnswerAsWindowsAndSambaDo() throws Exception {
        assertEquals(NtStatus.STATUS_SUCCESS, write(file, 0, new byte[10], 0).status());
        assertEquals(NtStatus.STATUS_END_OF_FILE, read(file, 10, 0, 1).status(), "no byte read is fewer than one");
        assertEquals(0, bytes(read(file, 10, 0, 0)).length);
        assertEquals(NtStatus.STATUS_END_OF_FILE, read(file, Long.MAX_VALUE - 1, 1, 0).status());
        assertEquals(0, bytes(read(file, Long.MAX_VALUE, 0, 0)).length);
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, read(file, Long.MAX_VALUE, 1, 0).status(), "ends past 2^63 - 1");
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, read(file, -2, 0, 0).status());
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, write(file, -2, new byte[1], 0).status());
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, write(file, Long.MIN_VALUE, new byte[0], 0).status());
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, write(file, Long.MAX_VALUE, new byte[1], 0).status());
        long largest = Smb2WriteHandler.MAX_FILE_SIZE;
        assertEquals(0xfffffff0000L, largest, "NTFS's largest file, as Windows and Samba");
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, write(file, largest, new byte[1], 0).status());
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, write(file, largest - 1, new byte[2], 0).status());
        assertEquals(NtStatus.STATUS_SUCCESS, write(file, largest, new byte[0], 0).status());
        assertEquals(10, listener.files.content(7, List.of("f")).length, "nothing refused was written");
    }

    @Test
    void accessIsWhatTheOpenWasGranted() throws Exception {
        Smb2FileId reader = fileId(create(connection, session, tree, "f", AccessMask.GENERIC_READ, SHARE_ALL, 1, 0,
                List.of()));
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, write(reader, 0, new byte[1], 0).status());
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, connection.request(Smb2Command.FLUSH, session, tree,
                new Smb2FlushRequest(reader)::encode).status());
        Smb2FileId writer = fileId(create(connection, session, tree, "f", AccessMask.FILE_WRITE_DATA, SHARE_ALL, 1,
                0, List.of()));
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, read(writer, 0, 1, 0).status());
        assertEquals(NtStatus.STATUS_SUCCESS, write(file, 0, "abc".getBytes(StandardCharsets.US_ASCII), 0).status());
        Smb2FileId appender = fileId(create(connection, session, tree, "f", AccessMask.FILE_APPEND_DATA, SHARE_ALL, 1,
                0, List.of()));
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, write(appender, 2, new byte[1], 0).status(), "within the file");
        assertEquals(NtStatus.STATUS_SUCCESS, write(appender, 3, "d".getBytes(StandardCharsets.US_ASCII), 0).status());
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, write(appender, -1, new byte[1], 0).status());
        assertArrayEquals("abcd".getBytes(StandardCharsets.US_ASCII), listener.files.content(7, List.of("f")));
        Smb2FileId dir = fileId(create(connection, session, tree, "", AccessMask.GENERIC_READ, SHARE_ALL, 1,
                Smb2CreateRequest.FILE_DIRECTORY_FILE, List.of()));
        assertEquals(NtStatus.STATUS_INVALID_DEVICE_REQUEST, read(dir, 0, 1, 0).status());
        assertEquals(NtStatus.STATUS_FILE_CLOSED, read(new Smb2FileId(9, 9), 0, 1, 0).status());
        assertEquals(NtStatus.STATUS_FILE_CLOSED, write(new Smb2FileId(9, 9), 0, new byte[1], 0).status());
    }

    @Test
    void aBusyApplicationIsAskedAgainAndTheWriteIsNotLost() throws Exception {
        listener.files.tryLater.set(3);
        assertEquals(NtStatus.STATUS_SUCCESS, write(file, 0, "kept".getBytes(StandardCharsets.US_ASCII), 0).status());
        assertArrayEquals("kept".getBytes(StandardCharsets.US_ASCII), listener.files.content(7, List.of("f")));
        listener.files.tryLater.set(1_000_000);
        assertEquals(NtStatus.STATUS_IO_TIMEOUT, write(file, 4, new byte[1], 0).status());
        listener.files.tryLater.set(0);
    }

    @Test
    void aDeletedFileAnswersFileDeleted() throws Exception {
        listener.files.find(7, List.of("f")).deleted = true;
        assertEquals(NtStatus.STATUS_FILE_DELETED, read(file, 0, 1, 0).status());
    }
}
