package io.cistern.nfs.nfs3;

import static io.cistern.nfs.nfs3.Nfs3Samples.DIRECTORY;
import static io.cistern.nfs.nfs3.Nfs3Samples.DIRECTORY_ATTRIBUTES;
import static io.cistern.nfs.nfs3.Nfs3Samples.FILE;
import static io.cistern.nfs.nfs3.Nfs3Samples.FILE_ATTRIBUTES;
import static io.cistern.nfs.nfs3.Nfs3Samples.entry;
import static io.cistern.nfs.nfs3.Nfs3Samples.name;
import static io.cistern.nfs.nfs3.ValueAssertions.assertSameValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cistern.nfs.nfs3.wire.Access3Args;
import io.cistern.nfs.nfs3.wire.Access3Res;
import io.cistern.nfs.nfs3.wire.DirOpArgs3;
import io.cistern.nfs.nfs3.wire.FileHandle3;
import io.cistern.nfs.nfs3.wire.Getattr3Res;
import io.cistern.nfs.nfs3.wire.Lookup3Res;
import io.cistern.nfs.nfs3.wire.Read3Args;
import io.cistern.nfs.nfs3.wire.Read3Res;
import io.cistern.nfs.nfs3.wire.Readdirplus3Args;
import io.cistern.nfs.nfs3.wire.Readdirplus3Res;
import io.cistern.nfs.nfs3.wire.Wcc3Res;
import io.cistern.nfs.spi.NfsAccessReply;
import io.cistern.nfs.spi.NfsAttrReply;
import io.cistern.nfs.spi.NfsDirectoryReply;
import io.cistern.nfs.spi.NfsLookupReply;
import io.cistern.nfs.spi.NfsReadReply;
import io.cistern.nfs.spi.NfsStatus;
import io.cistern.nfs.spi.NfsWcc;
import io.cistern.nfs.spi.NfsWccReply;
import io.cistern.nfs.xdr.XdrException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * GETATTR, LOOKUP, ACCESS, READ and READDIR(PLUS) are first offered to the application on the I/O thread; what it answers from memory
 * goes back to the client with no worker involved, and a null sends the call to a worker as before. Every other
 * procedure goes straight to a worker.
 */
class Nfs3MemoryAnswersTest {
    private static final DirOpArgs3 WHERE = new DirOpArgs3(DIRECTORY, name("entry"));

    private final RecordingNfsListener listener = new RecordingNfsListener();
    private final Nfs3Connection nfs = new Nfs3Connection(listener);

    @AfterEach
    void connectionSurvives() {
        nfs.close();
    }

    @Test
    void aLookupAnsweredFromMemoryNeverReachesAWorker() throws XdrException {
        NfsLookupReply reply = new NfsLookupReply(NfsStatus.OK, FILE, FILE_ATTRIBUTES, DIRECTORY_ATTRIBUTES);
        listener.answerFromMemoryWith(reply);
        assertSameValue(reply, nfs.call(Nfs3Program.PROC_LOOKUP, WHERE::encode, Lookup3Res::decode));
        assertEquals(List.of("lookupInMemory"), methods(listener.memoryCalls()));
        assertEquals(List.of(), listener.calls());
        assertEquals(0, nfs.workerCalls());
    }

    @Test
    void aLookupNotInMemoryIsAnsweredByAWorkerWithTheSameArguments() throws XdrException {
        NfsLookupReply reply = new NfsLookupReply(NfsStatus.NOENT, null, null, DIRECTORY_ATTRIBUTES);
        listener.replyWith(reply);
        assertSameValue(reply, nfs.call(Nfs3Program.PROC_LOOKUP, WHERE::encode, Lookup3Res::decode));
        assertSameValue(List.of(DIRECTORY, name("entry")), listener.memoryCalls().get(0).arguments());
        listener.assertOnlyCall("lookup", DIRECTORY, name("entry"));
        assertEquals(1, nfs.workerCalls());
    }

    @Test
    void getattrFromMemoryAndThenFromAWorker() throws XdrException {
        NfsAttrReply inMemory = new NfsAttrReply(NfsStatus.OK, FILE_ATTRIBUTES);
        listener.answerFromMemoryWith(inMemory);
        assertSameValue(inMemory, nfs.call(Nfs3Program.PROC_GETATTR, out -> FileHandle3.encode(FILE, out),
                Getattr3Res::decode));
        assertEquals(0, nfs.workerCalls());

        listener.answerFromMemoryWith(null);
        NfsAttrReply stale = new NfsAttrReply(NfsStatus.STALE, null);
        listener.replyWith(stale);
        assertSameValue(stale, nfs.call(Nfs3Program.PROC_GETATTR, out -> FileHandle3.encode(FILE, out),
                Getattr3Res::decode));
        listener.assertOnlyCall("getattr", FILE);
        assertEquals(List.of("getattrInMemory", "getattrInMemory"), methods(listener.memoryCalls()));
    }

    @Test
    void accessFromMemoryCarriesTheWantedBits() throws XdrException {
        NfsAccessReply reply = new NfsAccessReply(NfsStatus.OK, FILE_ATTRIBUTES, Access3Args.ACCESS3_READ);
        listener.answerFromMemoryWith(reply);
        int wanted = Access3Args.ACCESS3_READ | Access3Args.ACCESS3_MODIFY;
        assertSameValue(reply, nfs.call(Nfs3Program.PROC_ACCESS, new Access3Args(FILE, wanted)::encode,
                Access3Res::decode));
        assertSameValue(List.of(FILE, wanted), listener.memoryCalls().get(0).arguments());
        assertEquals(0, nfs.workerCalls());
    }

    @Test
    void aReadFromMemoryIsCappedAtTheMaximumTransferAndReleasedOnceSent() throws XdrException {
        AtomicInteger released = new AtomicInteger();
        NfsReadReply reply = new NfsReadReply(NfsStatus.OK, FILE_ATTRIBUTES, ByteBuffer.wrap(new byte[] {4, 5, 6}),
                true, released::incrementAndGet);
        listener.answerFromMemoryWith(reply);
        NfsReadReply got = nfs.call(Nfs3Program.PROC_READ, new Read3Args(FILE, 1L << 35, 0xFFFF_FFFFL)::encode,
                Read3Res::decode);
        assertSameValue(List.of(FILE, 1L << 35, Nfs3Limits.MAX_TRANSFER), listener.memoryCalls().get(0).arguments());
        assertSameValue(new NfsReadReply(NfsStatus.OK, FILE_ATTRIBUTES, new byte[] {4, 5, 6}, true), got);
        assertEquals(1, released.get(), "the held bytes are released once written");
        assertEquals(0, nfs.workerCalls());
    }

    @Test
    void aReaddirplusPageFromMemoryIsFittedAsAWorkersAndThenFromAWorker() throws XdrException {
        NfsDirectoryReply page = new NfsDirectoryReply(NfsStatus.OK, DIRECTORY_ATTRIBUTES, 0,
                List.of(entry(21, "alpha", 7), entry(22, "beta", 8)), false);
        listener.answerFromMemoryWith(page);
        Readdirplus3Args args = new Readdirplus3Args(DIRECTORY, 6, 0, 4096, 8192);
        assertSameValue(page, nfs.call(Nfs3Program.PROC_READDIRPLUS, args::encode, Readdirplus3Res::decode));
        assertSameValue(List.of(DIRECTORY, 6L, 0L, ReaddirplusHandler.maxEntries(4096, 8192), true),
                listener.memoryCalls().get(0).arguments());
        assertEquals(0, nfs.workerCalls());

        listener.answerFromMemoryWith(null);
        listener.replyWith(page);
        assertSameValue(page, nfs.call(Nfs3Program.PROC_READDIRPLUS, args::encode, Readdirplus3Res::decode));
        listener.assertOnlyCall("readdir", DIRECTORY, 6L, 0L, ReaddirplusHandler.maxEntries(4096, 8192), true);
        assertEquals(1, nfs.workerCalls());
    }

    @Test
    void aChangeIsNeverOfferedToTheIoThread() throws XdrException {
        listener.answerFromMemoryWith(new NfsAttrReply(NfsStatus.OK, FILE_ATTRIBUTES));   // would be the wrong type
        NfsWccReply removed = new NfsWccReply(NfsStatus.OK, NfsWcc.NONE);
        listener.replyWith(removed);
        assertSameValue(removed, nfs.call(Nfs3Program.PROC_REMOVE, WHERE::encode, Wcc3Res::decode));
        assertEquals(List.of(), listener.memoryCalls());
        listener.assertOnlyCall("remove", DIRECTORY, name("entry"));
        assertEquals(1, nfs.workerCalls());
    }

    private static List<String> methods(List<RecordingNfsListener.Call> calls) {
        return calls.stream().map(RecordingNfsListener.Call::method).toList();
    }
}
