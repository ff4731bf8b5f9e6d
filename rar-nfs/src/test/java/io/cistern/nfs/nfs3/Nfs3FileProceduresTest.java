package io.cistern.nfs.nfs3;

import static io.cistern.nfs.nfs3.Nfs3Samples.CTIME;
import static io.cistern.nfs.nfs3.Nfs3Samples.DIRECTORY;
import static io.cistern.nfs.nfs3.Nfs3Samples.DIRECTORY_ATTRIBUTES;
import static io.cistern.nfs.nfs3.Nfs3Samples.EVERY_CHANGE;
import static io.cistern.nfs.nfs3.Nfs3Samples.FILE;
import static io.cistern.nfs.nfs3.Nfs3Samples.FILE_ATTRIBUTES;
import static io.cistern.nfs.nfs3.Nfs3Samples.MODE_ONLY;
import static io.cistern.nfs.nfs3.Nfs3Samples.name;
import static io.cistern.nfs.nfs3.Nfs3Samples.wcc;
import static io.cistern.nfs.nfs3.ValueAssertions.assertSameValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.nfs.nfs3.wire.Access3Args;
import io.cistern.nfs.nfs3.wire.Access3Res;
import io.cistern.nfs.nfs3.wire.Commit3Args;
import io.cistern.nfs.nfs3.wire.Commit3Res;
import io.cistern.nfs.nfs3.wire.FileHandle3;
import io.cistern.nfs.nfs3.wire.Fsinfo3Res;
import io.cistern.nfs.nfs3.wire.FsinfoResult;
import io.cistern.nfs.nfs3.wire.Fsstat3Res;
import io.cistern.nfs.nfs3.wire.Pathconf3Res;
import io.cistern.nfs.nfs3.wire.Read3Args;
import io.cistern.nfs.nfs3.wire.Read3Res;
import io.cistern.nfs.nfs3.wire.Readlink3Res;
import io.cistern.nfs.nfs3.wire.Setattr3Args;
import io.cistern.nfs.nfs3.wire.Wcc3Res;
import io.cistern.nfs.nfs3.wire.Write3Args;
import io.cistern.nfs.nfs3.wire.Write3Res;
import io.cistern.nfs.rpc.RpcReply.AcceptStat;
import io.cistern.nfs.spi.NfsAccessReply;
import io.cistern.nfs.spi.NfsCommitReply;
import io.cistern.nfs.spi.NfsFsInfoReply;
import io.cistern.nfs.spi.NfsFsStatReply;
import io.cistern.nfs.spi.NfsPathconfReply;
import io.cistern.nfs.spi.NfsReadReply;
import io.cistern.nfs.spi.NfsReadlinkReply;
import io.cistern.nfs.spi.NfsStatus;
import io.cistern.nfs.spi.NfsWcc;
import io.cistern.nfs.spi.NfsWccReply;
import io.cistern.nfs.spi.NfsWriteReply;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrWriter;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The NFSv3 procedures on a single object, through the RPC layer as a client sends them: the application gets the
 * decoded arguments (after the adapter's own rules) and the client decodes the application's reply, failure arms
 * included.
 */
class Nfs3FileProceduresTest {
    private final RecordingNfsListener listener = new RecordingNfsListener();
    private final Nfs3Connection nfs = new Nfs3Connection(listener);

    @AfterEach
    void connectionSurvives() {
        nfs.close();
    }

    @Test
    void setattrPassesTheChangesAndTheGuardWithTheCaller() throws XdrException {
        NfsWccReply reply = new NfsWccReply(NfsStatus.OK, wcc(FILE_ATTRIBUTES));
        listener.replyWith(reply);
        NfsWccReply got = nfs.call(Nfs3Program.PROC_SETATTR, new Setattr3Args(FILE, EVERY_CHANGE, CTIME)::encode,
                Wcc3Res::decode);
        RecordingNfsListener.Call call = listener.assertOnlyCall("setattr", FILE, EVERY_CHANGE, CTIME);
        assertEquals(Nfs3Connection.UID, call.caller().uid());
        assertSameValue(reply, got);
    }

    @Test
    void setattrWhoseGuardFailsStillCarriesTheWcc() throws XdrException {
        NfsWccReply reply = new NfsWccReply(NfsStatus.NOT_SYNC, new NfsWcc(null, FILE_ATTRIBUTES));
        listener.replyWith(reply);
        NfsWccReply got = nfs.call(Nfs3Program.PROC_SETATTR, new Setattr3Args(FILE, MODE_ONLY, null)::encode,
                Wcc3Res::decode);
        listener.assertOnlyCall("setattr", FILE, MODE_ONLY, null);
        assertSameValue(reply, got);
    }

    @Test
    void accessPassesTheWantedBitsAndReturnsTheGrantedOnes() throws XdrException {
        NfsAccessReply reply = new NfsAccessReply(NfsStatus.OK, FILE_ATTRIBUTES, Access3Args.ACCESS3_READ);
        listener.replyWith(reply);
        int wanted = Access3Args.ACCESS3_READ | Access3Args.ACCESS3_MODIFY;
        NfsAccessReply got = nfs.call(Nfs3Program.PROC_ACCESS, new Access3Args(FILE, wanted)::encode,
                Access3Res::decode);
        listener.assertOnlyCall("access", FILE, wanted);
        assertSameValue(reply, got);
    }

    @Test
    void failedAccessCarriesTheObjectAttributes() throws XdrException {
        NfsAccessReply reply = new NfsAccessReply(NfsStatus.IO, FILE_ATTRIBUTES, 0);
        listener.replyWith(reply);
        assertSameValue(reply, nfs.call(Nfs3Program.PROC_ACCESS, new Access3Args(FILE, 1)::encode,
                Access3Res::decode));
    }

    @Test
    void readlinkReturnsTheTarget() throws XdrException {
        NfsReadlinkReply reply = new NfsReadlinkReply(NfsStatus.OK, FILE_ATTRIBUTES, name("/elsewhere/x"));
        listener.replyWith(reply);
        NfsReadlinkReply got = nfs.call(Nfs3Program.PROC_READLINK, handle(FILE), Readlink3Res::decode);
        listener.assertOnlyCall("readlink", FILE);
        assertSameValue(reply, got);
    }

    @Test
    void readAsksTheApplicationForNoMoreThanTheMaximumTransfer() throws XdrException {
        NfsReadReply reply = new NfsReadReply(NfsStatus.OK, FILE_ATTRIBUTES, new byte[] {4, 5, 6}, true);
        listener.replyWith(reply);
        NfsReadReply got = nfs.call(Nfs3Program.PROC_READ, new Read3Args(FILE, 1L << 35, 0xFFFF_FFFFL)::encode,
                Read3Res::decode);
        listener.assertOnlyCall("read", FILE, 1L << 35, Nfs3Limits.MAX_TRANSFER);
        assertSameValue(reply, got);
    }

    @Test
    void readWithinTheMaximumAsksForWhatTheClientAsked() throws XdrException {
        listener.replyWith(new NfsReadReply(NfsStatus.OK, null, new byte[0], true));
        nfs.call(Nfs3Program.PROC_READ, new Read3Args(FILE, 0, 32768)::encode, Read3Res::decode);
        listener.assertOnlyCall("read", FILE, 0L, 32768);
    }

    @Test
    void failedReadCarriesTheFileAttributes() throws XdrException {
        NfsReadReply reply = NfsReadReply.failure(NfsStatus.ACCES, FILE_ATTRIBUTES);
        listener.replyWith(reply);
        assertSameValue(reply, nfs.call(Nfs3Program.PROC_READ, new Read3Args(FILE, 0, 10)::encode, Read3Res::decode));
    }

    @Test
    void writePassesTheDataAndTheStability() throws XdrException {
        NfsWriteReply reply = new NfsWriteReply(NfsStatus.OK, wcc(FILE_ATTRIBUTES), 6, Write3Args.FILE_SYNC, 99);
        listener.replyWith(reply);
        byte[] data = {1, 2, 3, 4, 5, 6};
        NfsWriteReply got = nfs.call(Nfs3Program.PROC_WRITE,
                new Write3Args(FILE, 8192, Write3Args.DATA_SYNC, data)::encode, Write3Res::decode);
        listener.assertOnlyCall("write", FILE, 8192L, data, Write3Args.DATA_SYNC);
        assertSameValue(reply, got);
    }

    @Test
    void writeOfTheMaximumTransferReachesTheApplication() throws XdrException {
        listener.replyWith(new NfsWriteReply(NfsStatus.OK, NfsWcc.NONE, Nfs3Limits.MAX_TRANSFER, 0, 1));
        byte[] data = new byte[Nfs3Limits.MAX_TRANSFER];
        data[data.length - 1] = 42;
        nfs.call(Nfs3Program.PROC_WRITE, new Write3Args(FILE, 0, Write3Args.UNSTABLE, data)::encode,
                Write3Res::decode);
        listener.assertOnlyCall("write", FILE, 0L, data, Write3Args.UNSTABLE);
    }

    @Test
    void failedWriteCarriesTheFileWcc() throws XdrException {
        NfsWriteReply reply = new NfsWriteReply(NfsStatus.NOSPC, wcc(FILE_ATTRIBUTES), 0, 0, 0);
        listener.replyWith(reply);
        assertSameValue(reply, nfs.call(Nfs3Program.PROC_WRITE,
                new Write3Args(FILE, 0, Write3Args.UNSTABLE, new byte[3])::encode, Write3Res::decode));
    }

    @Test
    void writeWhoseCountDiffersFromItsDataIsGarbageAndTheConnectionGoesOn() throws XdrException {
        assertEquals(AcceptStat.GARBAGE_ARGS, nfs.callWithoutResults(Nfs3Program.PROC_WRITE,
                rawWrite(5, Write3Args.UNSTABLE, 4)));
        assertTrue(listener.calls().isEmpty(), "garbage never reaches the application");
        writeStillWorks();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 3})
    void writeWithAStabilityThatDoesNotExistIsGarbageAndTheConnectionGoesOn(int stable) throws XdrException {
        assertEquals(AcceptStat.GARBAGE_ARGS, nfs.callWithoutResults(Nfs3Program.PROC_WRITE, rawWrite(4, stable, 4)));
        assertTrue(listener.calls().isEmpty());
        writeStillWorks();
    }

    @Test
    void writeLargerThanTheMaximumTransferIsGarbageAndTheConnectionGoesOn() throws XdrException {
        int tooMuch = Nfs3Limits.MAX_TRANSFER + 4;
        assertEquals(AcceptStat.GARBAGE_ARGS, nfs.callWithoutResults(Nfs3Program.PROC_WRITE,
                rawWrite(tooMuch, Write3Args.FILE_SYNC, tooMuch)));
        assertTrue(listener.calls().isEmpty());
        writeStillWorks();
    }

    @Test
    void commitPassesTheRange() throws XdrException {
        NfsCommitReply reply = new NfsCommitReply(NfsStatus.OK, wcc(FILE_ATTRIBUTES), 0x0BAD_CAFEL);
        listener.replyWith(reply);
        NfsCommitReply got = nfs.call(Nfs3Program.PROC_COMMIT, new Commit3Args(FILE, 4096, 65536)::encode,
                Commit3Res::decode);
        listener.assertOnlyCall("commit", FILE, 4096L, 65536);
        assertSameValue(reply, got);
    }

    @Test
    void commitOfACountBeyondAnIntCommitsToTheEndOfTheFile() throws XdrException {
        listener.replyWith(new NfsCommitReply(NfsStatus.OK, NfsWcc.NONE, 1));
        nfs.call(Nfs3Program.PROC_COMMIT, new Commit3Args(FILE, 10, 0x8000_0000L)::encode, Commit3Res::decode);
        listener.assertOnlyCall("commit", FILE, 10L, 0);
    }

    @Test
    void failedCommitCarriesTheFileWcc() throws XdrException {
        NfsCommitReply reply = new NfsCommitReply(NfsStatus.IO, wcc(FILE_ATTRIBUTES), 0);
        listener.replyWith(reply);
        assertSameValue(reply, nfs.call(Nfs3Program.PROC_COMMIT, new Commit3Args(FILE, 0, 0)::encode,
                Commit3Res::decode));
    }

    @Test
    void fsstatReturnsTheCounts() throws XdrException {
        NfsFsStatReply reply = new NfsFsStatReply(NfsStatus.OK, DIRECTORY_ATTRIBUTES, 1L << 42, 1L << 41, 1L << 40,
                9_000_000, 8_000_000, 7_000_000, 30);
        listener.replyWith(reply);
        NfsFsStatReply got = nfs.call(Nfs3Program.PROC_FSSTAT, handle(DIRECTORY), Fsstat3Res::decode);
        listener.assertOnlyCall("fsstat", DIRECTORY);
        assertSameValue(reply, got);
    }

    @Test
    void fsinfoAddsTheAdaptersTransferSizesToTheApplicationsAnswer() throws XdrException {
        NfsFsInfoReply reply = new NfsFsInfoReply(NfsStatus.OK, DIRECTORY_ATTRIBUTES, 1L << 53, 1,
                NfsFsInfoReply.FSF3_LINK | NfsFsInfoReply.FSF3_SYMLINK | NfsFsInfoReply.FSF3_HOMOGENEOUS
                        | NfsFsInfoReply.FSF3_CANSETTIME);
        listener.replyWith(reply);
        FsinfoResult got = nfs.call(Nfs3Program.PROC_FSINFO, handle(DIRECTORY), Fsinfo3Res::decode);
        listener.assertOnlyCall("fsinfo", DIRECTORY);
        int mib = 1 << 20;
        assertSameValue(new FsinfoResult(reply, mib, mib, 4096, mib, mib, 4096, 64 * 1024), got);
    }

    @Test
    void failedFsinfoCarriesOnlyTheAttributes() throws XdrException {
        NfsFsInfoReply reply = new NfsFsInfoReply(NfsStatus.STALE, DIRECTORY_ATTRIBUTES, 0, 0, 0);
        listener.replyWith(reply);
        FsinfoResult got = nfs.call(Nfs3Program.PROC_FSINFO, handle(DIRECTORY), Fsinfo3Res::decode);
        assertSameValue(new FsinfoResult(reply, 0, 0, 0, 0, 0, 0, 0), got);
    }

    @Test
    void pathconfReturnsTheLimits() throws XdrException {
        NfsPathconfReply reply = new NfsPathconfReply(NfsStatus.OK, FILE_ATTRIBUTES, 1000, 255, true, true, false,
                true);
        listener.replyWith(reply);
        NfsPathconfReply got = nfs.call(Nfs3Program.PROC_PATHCONF, handle(FILE), Pathconf3Res::decode);
        listener.assertOnlyCall("pathconf", FILE);
        assertSameValue(reply, got);
    }

    @Test
    void aHandleOfMoreThan64BytesIsGarbage() throws XdrException {
        assertEquals(AcceptStat.GARBAGE_ARGS, nfs.callWithoutResults(Nfs3Program.PROC_PATHCONF, handle(new byte[65])));
        assertTrue(listener.calls().isEmpty());
    }

    private void writeStillWorks() throws XdrException {
        NfsWriteReply reply = new NfsWriteReply(NfsStatus.OK, NfsWcc.NONE, 2, 0, 7);
        listener.replyWith(reply);
        assertSameValue(reply, nfs.call(Nfs3Program.PROC_WRITE,
                new Write3Args(FILE, 0, Write3Args.UNSTABLE, new byte[] {1, 2})::encode, Write3Res::decode));
    }

    /** WRITE3args written by hand, so that count, stable_how and the data's length can disagree. */
    private static Consumer<XdrWriter> rawWrite(long count, int stable, int dataLength) {
        return out -> {
            FileHandle3.encode(FILE, out);
            out.writeLong(0).writeUnsignedInt(count).writeInt(stable).writeOpaque(new byte[dataLength]);
        };
    }

    private static Consumer<XdrWriter> handle(byte[] handle) {
        return out -> FileHandle3.encode(handle, out);
    }
}
