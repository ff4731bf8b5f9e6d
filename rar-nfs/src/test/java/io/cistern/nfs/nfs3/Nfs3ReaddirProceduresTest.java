package io.cistern.nfs.nfs3;

import static io.cistern.nfs.nfs3.Nfs3Samples.DIRECTORY;
import static io.cistern.nfs.nfs3.Nfs3Samples.DIRECTORY_ATTRIBUTES;
import static io.cistern.nfs.nfs3.Nfs3Samples.entry;
import static io.cistern.nfs.nfs3.Nfs3Samples.withoutPlus;
import static io.cistern.nfs.nfs3.ValueAssertions.assertSameValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.nfs.nfs3.wire.Readdir3Args;
import io.cistern.nfs.nfs3.wire.Readdir3Res;
import io.cistern.nfs.nfs3.wire.Readdirplus3Args;
import io.cistern.nfs.nfs3.wire.Readdirplus3Res;
import io.cistern.nfs.spi.NfsDirEntry;
import io.cistern.nfs.spi.NfsDirectoryReply;
import io.cistern.nfs.spi.NfsStatus;
import io.cistern.nfs.xdr.XdrException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * READDIR and READDIRPLUS through the RPC layer: how many entries the adapter asks the application for, and that
 * the client receives the listing cut to its counts. The cutting's boundaries are DirListFitterTest's subject.
 */
class Nfs3ReaddirProceduresTest {
    private static final long VERIFIER = 0x0102_0304_0506_0708L;
    private static final List<NfsDirEntry> ENTRIES = List.of(entry(21, "alpha", 1), entry(22, "beta", 2),
            entry(23, "gamma", 3));

    private final RecordingNfsListener listener = new RecordingNfsListener();
    private final Nfs3Connection nfs = new Nfs3Connection(listener);

    @AfterEach
    void connectionSurvives() {
        nfs.close();
    }

    @Test
    void readdirAsksForWhatCouldFitTheCountAndReturnsNamesAndCookies() throws XdrException {
        listener.replyWith(new NfsDirectoryReply(NfsStatus.OK, DIRECTORY_ATTRIBUTES, VERIFIER, ENTRIES, true));
        NfsDirectoryReply got = nfs.call(Nfs3Program.PROC_READDIR,
                new Readdir3Args(DIRECTORY, 7, VERIFIER, 8192)::encode, Readdir3Res::decode);
        listener.assertOnlyCall("readdir", DIRECTORY, 7L, VERIFIER, (8192 - 104) / 28, false);
        List<NfsDirEntry> namesOnly = ENTRIES.stream().map(e -> withoutPlus(e)).collect(Collectors.toList());
        assertSameValue(new NfsDirectoryReply(NfsStatus.OK, DIRECTORY_ATTRIBUTES, VERIFIER, namesOnly, true), got);
    }

    @Test
    void readdirCutToTheCountIsNotTheEnd() throws XdrException {
        listener.replyWith(new NfsDirectoryReply(NfsStatus.OK, DIRECTORY_ATTRIBUTES, VERIFIER, ENTRIES, true));
        long twoEntries = 104 + 2 * (4 + 8 + 4 + 8 + 8);
        NfsDirectoryReply got = nfs.call(Nfs3Program.PROC_READDIR,
                new Readdir3Args(DIRECTORY, 0, 0, twoEntries)::encode, Readdir3Res::decode);
        assertEquals(2, got.entries().size());
        assertEquals(2, got.entries().get(1).cookie());
        assertFalse(got.eof());
    }

    @Test
    void readdirWithACountTooSmallForOneEntryIsTooSmall() throws XdrException {
        listener.replyWith(new NfsDirectoryReply(NfsStatus.OK, DIRECTORY_ATTRIBUTES, VERIFIER, ENTRIES, true));
        NfsDirectoryReply got = nfs.call(Nfs3Program.PROC_READDIR, new Readdir3Args(DIRECTORY, 0, 0, 120)::encode,
                Readdir3Res::decode);
        listener.assertOnlyCall("readdir", DIRECTORY, 0L, 0L, 1, false);
        assertSameValue(new NfsDirectoryReply(NfsStatus.TOOSMALL, DIRECTORY_ATTRIBUTES, 0, List.of(), false), got);
    }

    @Test
    void readdirOfAnEmptyDirectoryIsTheEnd() throws XdrException {
        listener.replyWith(new NfsDirectoryReply(NfsStatus.OK, DIRECTORY_ATTRIBUTES, VERIFIER, List.of(), true));
        NfsDirectoryReply got = nfs.call(Nfs3Program.PROC_READDIR, new Readdir3Args(DIRECTORY, 0, 0, 4096)::encode,
                Readdir3Res::decode);
        assertEquals(NfsStatus.OK, got.status());
        assertTrue(got.entries().isEmpty());
        assertTrue(got.eof());
    }

    @Test
    void readdirWithAStaleCookieGetsTheApplicationsBadCookie() throws XdrException {
        NfsDirectoryReply reply = new NfsDirectoryReply(NfsStatus.BAD_COOKIE, DIRECTORY_ATTRIBUTES, 0, List.of(),
                false);
        listener.replyWith(reply);
        assertSameValue(reply, nfs.call(Nfs3Program.PROC_READDIR,
                new Readdir3Args(DIRECTORY, 99, VERIFIER, 4096)::encode, Readdir3Res::decode));
    }

    @Test
    void readdirplusAsksForWhatCouldFitBothCountsAndReturnsHandlesAndAttributes() throws XdrException {
        NfsDirectoryReply reply = new NfsDirectoryReply(NfsStatus.OK, DIRECTORY_ATTRIBUTES, VERIFIER, ENTRIES, true);
        listener.replyWith(reply);
        NfsDirectoryReply got = nfs.call(Nfs3Program.PROC_READDIRPLUS,
                new Readdirplus3Args(DIRECTORY, 5, VERIFIER, 4096, 32768)::encode, Readdirplus3Res::decode);
        int byNames = 4096 / 24;
        int byReply = (32768 - 104) / 124;
        listener.assertOnlyCall("readdir", DIRECTORY, 5L, VERIFIER, Math.min(byNames, byReply), true);
        assertSameValue(reply, got);
    }

    @Test
    void readdirplusCutToTheDircountIsNotTheEnd() throws XdrException {
        listener.replyWith(new NfsDirectoryReply(NfsStatus.OK, DIRECTORY_ATTRIBUTES, VERIFIER, ENTRIES, true));
        long firstEntryOnly = 8 + 4 + 8 + 8;
        NfsDirectoryReply got = nfs.call(Nfs3Program.PROC_READDIRPLUS,
                new Readdirplus3Args(DIRECTORY, 0, 0, firstEntryOnly, 1 << 20)::encode, Readdirplus3Res::decode);
        assertEquals(1, got.entries().size());
        assertSameValue(ENTRIES.get(0), got.entries().get(0));
        assertFalse(got.eof());
    }
}
