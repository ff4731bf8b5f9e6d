package io.cistern.smb.server;

import static io.cistern.smb.server.CreateCloseHandlerTest.READ_WRITE;
import static io.cistern.smb.server.CreateCloseHandlerTest.SHARE_ALL;
import static io.cistern.smb.server.CreateCloseHandlerTest.create;
import static io.cistern.smb.server.CreateCloseHandlerTest.fileId;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.smb.server.SmbTestConnection.LoggedOn;
import io.cistern.smb.server.SmbTestConnection.Response;
import io.cistern.smb.wire.AccessMask;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2FileId;
import io.cistern.smb.wire.Smb2IoctlRequest;
import io.cistern.smb.wire.Smb2IoctlResponse;
import io.cistern.smb.wire.Smb2LockRequest;
import io.cistern.smb.wire.Smb2ReadRequest;
import io.cistern.smb.wire.Smb2ReadResponse;
import io.cistern.smb.wire.Smb2WriteRequest;
import io.cistern.smb.wire.SrvCopychunkCopy;
import io.cistern.smb.wire.SrvCopychunkCopy.Chunk;
import io.cistern.smb.wire.SrvCopychunkResponse;
import io.cistern.smb.wire.SrvRequestResumeKeyResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Server-side copy over the in-memory connection: FSCTL_SRV_REQUEST_RESUME_KEY and FSCTL_SRV_COPYCHUNK(_WRITE), the
 * cases of smbtorture's smb2.ioctl copy_chunk subtests and the refusals of [MS-SMB2] 3.3.5.15.6.
 */
class ServerSideCopyHandlerTest {
    private static final int RESPONSE_SIZE = SrvCopychunkResponse.SIZE;

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

    private Smb2FileId open(String name, int access) throws Exception {
        return fileId(create(connection, session, tree, name, access, SHARE_ALL, 3, 0, List.of()));
    }

    /** A file of {@code size} bytes, byte i being i * 7 mod 256. */
    private Smb2FileId filled(String name, int size) throws Exception {
        Smb2FileId file = open(name, READ_WRITE);
        if (size > 0) {
            Response written = connection.request(Smb2Command.WRITE, session, tree,
                    new Smb2WriteRequest(0, file, 0, pattern(0, size))::encode);
            assertEquals(NtStatus.STATUS_SUCCESS, written.status());
        }
        return file;
    }

    private static byte[] pattern(int from, int count) {
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) {
            bytes[i] = (byte) ((from + i) * 7);
        }
        return bytes;
    }

    private byte[] read(Smb2FileId file, long offset, int length) throws Exception {
        Response read = connection.request(Smb2Command.READ, session, tree,
                new Smb2ReadRequest(0, length, offset, file, 0)::encode);
        assertEquals(NtStatus.STATUS_SUCCESS, read.status());
        java.nio.ByteBuffer data = Smb2ReadResponse.decode(read.body()).data();
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        return bytes;
    }

    private Response ioctl(int ctlCode, Smb2FileId file, byte[] input, int maxOutput) throws Exception {
        return connection.request(Smb2Command.IOCTL, session, tree, new Smb2IoctlRequest(ctlCode, file.persistent(),
                file.volatileId(), input, 0, maxOutput, Smb2IoctlRequest.FLAG_IS_FSCTL)::encode);
    }

    private byte[] resumeKey(Smb2FileId file) throws Exception {
        Response answer = ioctl(ServerSideCopy.FSCTL_SRV_REQUEST_RESUME_KEY, file, new byte[0], 32);
        assertEquals(NtStatus.STATUS_SUCCESS, answer.status(), NtStatus.hex(answer.status()));
        byte[] output = Smb2IoctlResponse.decode(answer.body()).output();
        assertEquals(SrvRequestResumeKeyResponse.SIZE, output.length);
        return SrvRequestResumeKeyResponse.decode(output).resumeKey();
    }

    private Response copy(int ctlCode, Smb2FileId target, byte[] key, Chunk... chunks) throws Exception {
        return ioctl(ctlCode, target, new SrvCopychunkCopy(key, List.of(chunks)).encode(), RESPONSE_SIZE);
    }

    private Response copy(Smb2FileId target, byte[] key, Chunk... chunks) throws Exception {
        return copy(ServerSideCopy.FSCTL_SRV_COPYCHUNK, target, key, chunks);
    }

    private static SrvCopychunkResponse counts(Response answer) throws Exception {
        return SrvCopychunkResponse.decode(Smb2IoctlResponse.decode(answer.body()).output());
    }

    @Test
    void aResumeKeyIsRandomStablePerOpenAndNeedsRoomForItsAnswer() throws Exception {
        Smb2FileId first = filled("a", 10);
        Smb2FileId second = open("a", READ_WRITE);
        byte[] key = resumeKey(first);
        assertArrayEquals(key, resumeKey(first), "the same open keeps its key");
        assertFalse(Arrays.equals(key, resumeKey(second)), "another open of the same file has another key");
        assertFalse(Arrays.equals(Arrays.copyOf(key, 16), new byte[16]), "not the FileId's zeros");
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER,
                ioctl(ServerSideCopy.FSCTL_SRV_REQUEST_RESUME_KEY, first, new byte[0], 31).status());
        assertEquals(NtStatus.STATUS_FILE_CLOSED,
                ioctl(ServerSideCopy.FSCTL_SRV_REQUEST_RESUME_KEY, new Smb2FileId(5, 5), new byte[0], 32).status());
    }

    @Test
    void chunksAreCopiedInOrderAndCounted() throws Exception {
        Smb2FileId source = filled("src", 8192);
        Smb2FileId target = filled("dst", 0);
        byte[] key = resumeKey(source);
        Response answer = copy(target, key, new Chunk(0, 0, 4096), new Chunk(4096, 4096, 4096),
                new Chunk(0, 8192, 100));
        assertEquals(NtStatus.STATUS_SUCCESS, answer.status(), NtStatus.hex(answer.status()));
        assertEquals(new SrvCopychunkResponse(3, 0, 8292), counts(answer));
        assertArrayEquals(pattern(0, 8192), read(target, 0, 8192));
        assertArrayEquals(pattern(0, 100), read(target, 8192, 100));
    }

    @Test
    void theSourceMayBeTheTargetAndAnOverlapReadsBeforeItWrites() throws Exception {
        Smb2FileId file = filled("same", 4096);
        Response answer = copy(file, resumeKey(file), new Chunk(0, 2040, 2048));
        assertEquals(NtStatus.STATUS_SUCCESS, answer.status());
        assertArrayEquals(pattern(0, 2048), read(file, 2040, 2048));
        assertArrayEquals(pattern(0, 2040), read(file, 0, 2040));
    }

    @Test
    void aKeyOfNoOpenIsObjectNameNotFoundAndAClosedSourcesKeyDiesWithIt() throws Exception {
        Smb2FileId source = filled("src", 4096);
        Smb2FileId target = filled("dst", 0);
        assertEquals(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND,
                copy(target, "deadbeefdeadbeefdeadbeef".getBytes(), new Chunk(0, 0, 4096)).status());
        byte[] key = resumeKey(source);
        CreateCloseHandlerTest.close(connection, session, tree, source, 0);
        assertEquals(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND, copy(target, key, new Chunk(0, 0, 4096)).status());
        assertTrue(listener.copies.isEmpty(), "nothing reached the application");
    }

    @Test
    void accessIsCheckedOnBothOpensAndCopychunkWriteNeedsNoReadOnTheTarget() throws Exception {
        filled("src", 4096);
        filled("dst", 0);
        byte[] writeOnlySource = resumeKey(open("src", AccessMask.FILE_WRITE_DATA | AccessMask.FILE_READ_ATTRIBUTES));
        byte[] executeOnlySource = resumeKey(open("src", AccessMask.FILE_EXECUTE));
        byte[] source = resumeKey(open("src", READ_WRITE));
        Smb2FileId fullTarget = open("dst", READ_WRITE);
        Smb2FileId readOnlyTarget = open("dst", AccessMask.FILE_READ_DATA);
        Smb2FileId writeOnlyTarget = open("dst", AccessMask.FILE_WRITE_DATA);
        Chunk chunk = new Chunk(0, 0, 4096);
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, copy(fullTarget, writeOnlySource, chunk).status());
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, copy(readOnlyTarget, source, chunk).status());
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, copy(writeOnlyTarget, source, chunk).status());
        assertEquals(NtStatus.STATUS_SUCCESS,
                copy(ServerSideCopy.FSCTL_SRV_COPYCHUNK_WRITE, writeOnlyTarget, source, chunk).status());
        assertArrayEquals(pattern(0, 4096), read(fullTarget, 0, 4096));
        assertEquals(NtStatus.STATUS_SUCCESS, copy(fullTarget, executeOnlySource, new Chunk(0, 4096, 10)).status(),
                "FILE_EXECUTE reads the source as Windows lets it");
    }

    @Test
    void aDirectoryIsNeitherSourceNorTarget() throws Exception {
        Smb2FileId directory = fileId(create(connection, session, tree, "dir", AccessMask.GENERIC_READ, SHARE_ALL,
                2, 1, List.of()));
        Smb2FileId file = filled("f", 4096);
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, copy(file, resumeKey(directory), new Chunk(0, 0, 1)).status());
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, copy(directory, resumeKey(file), new Chunk(0, 0, 1)).status());
    }

    @Test
    void requestsBeyondTheLimitsGetTheLimitsAndCopyNothing() throws Exception {
        Smb2FileId source = filled("src", 4096);
        Smb2FileId target = filled("dst", 0);
        byte[] key = resumeKey(source);
        SrvCopychunkResponse limits = new SrvCopychunkResponse(256, 1 << 20, 16 << 20);
        List<Response> answers = new ArrayList<>();
        answers.add(copy(target, key, new Chunk(0, 0, 0xFFFF_FFFFL)));
        answers.add(copy(target, key, new Chunk(0, 0, 0)));
        answers.add(copy(target, key, Collections.nCopies(257, new Chunk(0, 0, 1)).toArray(Chunk[]::new)));
        answers.add(copy(target, key, Collections.nCopies(17, new Chunk(0, 0, 1 << 20)).toArray(Chunk[]::new)));
        for (Response answer : answers) {
            assertEquals(NtStatus.STATUS_INVALID_PARAMETER, answer.status());
            assertEquals(limits, counts(answer));
        }
        assertTrue(listener.copies.isEmpty());
        Response writeBeyondLargestFile = copy(target, key, new Chunk(0, Smb2WriteHandler.MAX_FILE_SIZE, 1));
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, writeBeyondLargestFile.status());
        assertEquals(new SrvCopychunkResponse(0, 0, 0), counts(writeBeyondLargestFile));
    }

    @Test
    void aMalformedInputOrTooSmallAnOutputIsInvalidParameterWithoutCounts() throws Exception {
        Smb2FileId source = filled("src", 4096);
        Smb2FileId target = filled("dst", 0);
        byte[] input = new SrvCopychunkCopy(resumeKey(source), List.of(new Chunk(0, 0, 4096))).encode();
        Response shortOutput = ioctl(ServerSideCopy.FSCTL_SRV_COPYCHUNK, target, input, RESPONSE_SIZE - 1);
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, shortOutput.status());
        Response truncated = ioctl(ServerSideCopy.FSCTL_SRV_COPYCHUNK, target, Arrays.copyOf(input, 40),
                RESPONSE_SIZE);
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, truncated.status());
        assertEquals(Smb2Command.IOCTL, truncated.header().command());
        assertTrue(listener.copies.isEmpty());
        assertEquals(NtStatus.STATUS_END_OF_FILE, connection.request(Smb2Command.READ, session, tree,
                new Smb2ReadRequest(0, 10, 0, target, 0)::encode).status(), "nothing copied");
    }

    @Test
    void aChunkPastTheSourcesEndIsInvalidViewSizeAfterTheChunksBeforeIt() throws Exception {
        Smb2FileId source = filled("src", 8192);
        Smb2FileId target = filled("dst", 0);
        byte[] key = resumeKey(source);
        Response answer = copy(target, key, new Chunk(0, 0, 4096), new Chunk(4096, 4096, 8192));
        assertEquals(NtStatus.STATUS_INVALID_VIEW_SIZE, answer.status(), NtStatus.hex(answer.status()));
        assertEquals(new SrvCopychunkResponse(1, 0, 4096), counts(answer));
        assertArrayEquals(pattern(0, 4096), read(target, 0, 8192), "only the first chunk");
        Response pastTwoToThe63 = copy(target, key, new Chunk(-1, 0, 1));
        assertEquals(NtStatus.STATUS_INVALID_VIEW_SIZE, pastTwoToThe63.status());
    }

    @Test
    void anotherOpensLockOnSourceOrTargetIsAFileLockConflictUntilItIsReleased() throws Exception {
        Smb2FileId source = filled("src", 4096);
        Smb2FileId target = filled("dst", 4096);
        Smb2FileId locker = open("src", READ_WRITE);
        byte[] key = resumeKey(source);
        Smb2LockRequest.Element exclusive = new Smb2LockRequest.Element(0, 4096, 0x02 | 0x10);
        assertEquals(NtStatus.STATUS_SUCCESS, connection.request(Smb2Command.LOCK, session, tree,
                new Smb2LockRequest(0, locker, List.of(exclusive))::encode).status());
        Response locked = copy(target, key, new Chunk(0, 0, 4096));
        assertEquals(NtStatus.STATUS_FILE_LOCK_CONFLICT, locked.status());
        assertEquals(new SrvCopychunkResponse(0, 0, 0), counts(locked));
        assertArrayEquals(pattern(0, 4096), read(target, 0, 4096), "the target is unchanged");
        Smb2LockRequest.Element unlock = new Smb2LockRequest.Element(0, 4096, 0x04);
        assertEquals(NtStatus.STATUS_SUCCESS, connection.request(Smb2Command.LOCK, session, tree,
                new Smb2LockRequest(0, locker, List.of(unlock))::encode).status());
        Smb2FileId targetLocker = open("dst", READ_WRITE);
        assertEquals(NtStatus.STATUS_SUCCESS, connection.request(Smb2Command.LOCK, session, tree,
                new Smb2LockRequest(0, targetLocker, List.of(exclusive))::encode).status());
        assertEquals(NtStatus.STATUS_FILE_LOCK_CONFLICT, copy(target, key, new Chunk(0, 100, 1)).status());
        assertEquals(NtStatus.STATUS_SUCCESS, copy(target, key, new Chunk(0, 4096, 4096)).status(),
                "bytes outside the lock");
    }

    @Test
    void aFullJournalPartWayIsAskedAgainForTheChunksNotYetCopiedAndAtLastTimesOut() throws Exception {
        Smb2FileId source = filled("src", 3000);
        Smb2FileId target = filled("dst", 0);
        byte[] key = resumeKey(source);
        listener.copyBusyAtOffset = 1000;
        listener.copyBusyTimes.set(2);
        Response answer = copy(target, key, new Chunk(0, 0, 1000), new Chunk(1000, 1000, 1000),
                new Chunk(2000, 2000, 1000));
        assertEquals(NtStatus.STATUS_SUCCESS, answer.status());
        assertEquals(new SrvCopychunkResponse(3, 0, 3000), counts(answer));
        assertEquals(List.of(3, 2, 2), listener.copies.stream().map(List::size).toList(),
                "the chunk copied before the first TRY_LATER is not asked again");
        assertArrayEquals(pattern(0, 3000), read(target, 0, 3000));

        listener.copies.clear();
        listener.copyBusyAtOffset = 500;
        listener.copyBusyTimes.set(Integer.MAX_VALUE);
        Response timedOut = copy(target, key, new Chunk(0, 3000, 500), new Chunk(500, 3500, 500));
        assertEquals(NtStatus.STATUS_IO_TIMEOUT, timedOut.status(), NtStatus.hex(timedOut.status()));
        assertEquals(new SrvCopychunkResponse(1, 0, 500), counts(timedOut), "what was copied is counted");
        listener.copyBusyTimes.set(0);
    }

    @Test
    void theServerGoesOnServingAfterRefusals() throws Exception {
        Smb2FileId source = filled("src", 100);
        Smb2FileId target = filled("dst", 0);
        ioctl(ServerSideCopy.FSCTL_SRV_COPYCHUNK, target, new byte[] {1, 2, 3}, RESPONSE_SIZE);
        copy(target, new byte[24], new Chunk(0, 0, 1));
        assertEquals(NtStatus.STATUS_SUCCESS, copy(target, resumeKey(source), new Chunk(0, 0, 100)).status());
        assertArrayEquals(pattern(0, 100), read(target, 0, 100));
    }
}
