package io.cistern.nfs.nfs3.wire;

import static io.cistern.nfs.nfs3.Nfs3Samples.DIRECTORY_ATTRIBUTES;
import static io.cistern.nfs.nfs3.Nfs3Samples.entry;
import static io.cistern.nfs.nfs3.Nfs3Samples.withoutPlus;
import static io.cistern.nfs.nfs3.ValueAssertions.assertSameValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.nfs.spi.NfsAttributes;
import io.cistern.nfs.spi.NfsDirEntry;
import io.cistern.nfs.spi.NfsDirectoryReply;
import io.cistern.nfs.spi.NfsStatus;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Directory listings cut to the client's byte bounds at the exact boundaries. The expected sizes are worked out
 * here by hand from RFC 1813's XDR, and each test also checks the length of the real encoding, so the fitter's
 * arithmetic and the encoders must agree with the RFC and with each other.
 */
class DirListFitterTest {
    private static final long COOKIE_VERIFIER = 0x5555_AAAA_5555_AAAAL;
    /** Names of 1, 8 and 9 bytes: XDR pads them to 4, 8 and 12. */
    private static final List<NfsDirEntry> ENTRIES = List.of(entry(11, "a", 100), entry(12, "file-two", 200),
            entry(13, "third.txt", 300));

    /** post_op_attr with fattr3 (4 + 84), cookieverf3 (8), the FALSE ending the list (4), eof (4). */
    private static final int EMPTY_RESOK = 88 + 8 + 4 + 4;
    /** Each entry3: value-follows (4), fileid (8), name length (4) and padded name, cookie (8). */
    private static final int[] ENTRY3 = {4 + 8 + 4 + 4 + 8, 4 + 8 + 4 + 8 + 8, 4 + 8 + 4 + 12 + 8};
    /** entryplus3 adds post_op_attr with fattr3 (88) and post_op_fh3 with a 12-byte handle (4 + 4 + 12). */
    private static final int PLUS_EXTRA = 88 + 20;
    /** What dircount counts of each entry: fileid, name length and padded name, cookie. */
    private static final int[] DIR_BYTES = {8 + 4 + 4 + 8, 8 + 4 + 8 + 8, 8 + 4 + 12 + 8};

    private static final int READDIR_ALL = EMPTY_RESOK + ENTRY3[0] + ENTRY3[1] + ENTRY3[2];
    private static final int READDIRPLUS_ALL = READDIR_ALL + 3 * PLUS_EXTRA;
    private static final int DIRCOUNT_ALL = DIR_BYTES[0] + DIR_BYTES[1] + DIR_BYTES[2];
    private static final long UNBOUNDED = 0xFFFF_FFFFL;

    @Test
    void aCountThatHoldsTheWholeListingExactlyKeepsEveryEntryAndEof() throws XdrException {
        ByteBuf encoded = readdir(listing(ENTRIES, true), READDIR_ALL);
        assertEquals(READDIR_ALL, resokBytes(encoded), "the encoding is the size the RFC arithmetic gives");
        NfsDirectoryReply reply = Readdir3Res.decode(new XdrReader(encoded));
        assertSameValue(new NfsDirectoryReply(NfsStatus.OK, DIRECTORY_ATTRIBUTES, COOKIE_VERIFIER,
                ENTRIES.stream().map(e -> withoutPlus(e)).collect(Collectors.toList()), true), reply);
    }

    @Test
    void oneByteShortDropsTheLastEntryAndEof() throws XdrException {
        ByteBuf encoded = readdir(listing(ENTRIES, true), READDIR_ALL - 1);
        assertEquals(READDIR_ALL - ENTRY3[2], resokBytes(encoded));
        NfsDirectoryReply reply = Readdir3Res.decode(new XdrReader(encoded));
        assertEquals(List.of(100L, 200L), cookies(reply), "the client goes on from the last cookie it got");
        assertFalse(reply.eof(), "a listing cut short is not the end of the directory");
    }

    @Test
    void aCountThatCannotHoldTheFirstEntryIsTooSmall() throws XdrException {
        NfsDirectoryReply justOne = Readdir3Res.decode(new XdrReader(
                readdir(listing(ENTRIES, true), EMPTY_RESOK + ENTRY3[0])));
        assertEquals(List.of(100L), cookies(justOne));

        ByteBuf encoded = readdir(listing(ENTRIES, true), EMPTY_RESOK + ENTRY3[0] - 1);
        NfsDirectoryReply reply = Readdir3Res.decode(new XdrReader(encoded));
        assertEquals(NfsStatus.TOOSMALL, reply.status());
        assertSameValue(DIRECTORY_ATTRIBUTES, reply.directory());
        assertEquals(0, encoded.readableBytes(), "READDIR3resfail: dir_attributes and nothing more");
    }

    @Test
    void anEmptyDirectoryIsTheEndIfTheBareReplyFits() throws XdrException {
        ByteBuf encoded = readdir(listing(List.of(), true), EMPTY_RESOK);
        assertEquals(EMPTY_RESOK, resokBytes(encoded));
        NfsDirectoryReply reply = Readdir3Res.decode(new XdrReader(encoded));
        assertEquals(NfsStatus.OK, reply.status());
        assertTrue(reply.entries().isEmpty());
        assertTrue(reply.eof());

        NfsDirectoryReply tooSmall = Readdir3Res.decode(new XdrReader(
                readdir(listing(List.of(), true), EMPTY_RESOK - 1)));
        assertEquals(NfsStatus.TOOSMALL, tooSmall.status());
    }

    @Test
    void aListingThatIsNotTheEndStaysNotTheEndWhenItAllFits() throws XdrException {
        NfsDirectoryReply reply = Readdir3Res.decode(new XdrReader(readdir(listing(ENTRIES, false), UNBOUNDED)));
        assertEquals(3, reply.entries().size());
        assertFalse(reply.eof());
    }

    @Test
    void withoutDirectoryAttributesTheBareReplyIsSmaller() throws XdrException {
        NfsDirectoryReply listing = new NfsDirectoryReply(NfsStatus.OK, null, 0, ENTRIES, true);
        int all = READDIR_ALL - 84;
        ByteBuf encoded = readdir(listing, all);
        assertEquals(all, resokBytes(encoded));
        assertEquals(3, Readdir3Res.decode(new XdrReader(encoded)).entries().size());
        assertEquals(2, Readdir3Res.decode(new XdrReader(readdir(listing, all - 1))).entries().size());
    }

    @Test
    void readdirplusMaxcountBoundsTheWholeReplyWithAttributesAndHandles() throws XdrException {
        ByteBuf encoded = readdirplus(listing(ENTRIES, true), DIRCOUNT_ALL, READDIRPLUS_ALL);
        assertEquals(READDIRPLUS_ALL, resokBytes(encoded));
        NfsDirectoryReply reply = Readdirplus3Res.decode(new XdrReader(encoded));
        assertSameValue(listing(ENTRIES, true), reply);

        NfsDirectoryReply cut = Readdirplus3Res.decode(new XdrReader(
                readdirplus(listing(ENTRIES, true), DIRCOUNT_ALL, READDIRPLUS_ALL - 1)));
        assertEquals(List.of(100L, 200L), cookies(cut));
        assertFalse(cut.eof());
    }

    @Test
    void readdirplusDircountBoundsOnlyFileIdsNamesAndCookies() throws XdrException {
        NfsDirectoryReply all = Readdirplus3Res.decode(new XdrReader(
                readdirplus(listing(ENTRIES, true), DIRCOUNT_ALL, UNBOUNDED)));
        assertEquals(3, all.entries().size());
        assertTrue(all.eof());

        NfsDirectoryReply cut = Readdirplus3Res.decode(new XdrReader(
                readdirplus(listing(ENTRIES, true), DIRCOUNT_ALL - 1, UNBOUNDED)));
        assertEquals(List.of(100L, 200L), cookies(cut));
        assertFalse(cut.eof());

        NfsDirectoryReply none = Readdirplus3Res.decode(new XdrReader(
                readdirplus(listing(ENTRIES, true), DIR_BYTES[0] - 1, UNBOUNDED)));
        assertEquals(NfsStatus.TOOSMALL, none.status());
    }

    @Test
    void readdirplusEntriesWithoutAttributesOrHandleTakeOnlyTheirFlags() throws XdrException {
        List<NfsDirEntry> bare = ENTRIES.stream().map(e -> withoutPlus(e)).collect(Collectors.toList());
        int all = READDIR_ALL + 3 * (4 + 4);
        ByteBuf encoded = readdirplus(listing(bare, true), UNBOUNDED, all);
        assertEquals(all, resokBytes(encoded));
        assertSameValue(listing(bare, true), Readdirplus3Res.decode(new XdrReader(encoded)));
        assertEquals(2, Readdirplus3Res.decode(new XdrReader(readdirplus(listing(bare, true), UNBOUNDED, all - 1)))
                .entries().size());
    }

    @Test
    void aFailureFromTheApplicationPassesThrough() throws XdrException {
        NfsDirectoryReply failure = new NfsDirectoryReply(NfsStatus.BAD_COOKIE, DIRECTORY_ATTRIBUTES, 0, List.of(),
                false);
        assertSameValue(failure, Readdir3Res.decode(new XdrReader(readdir(failure, 0))));
        assertSameValue(failure, Readdirplus3Res.decode(new XdrReader(readdirplus(failure, 0, 0))));
    }

    @Test
    void theFitterAndTheEncoderAgreeOnTheEntrySizes() {
        NfsAttributes directory = DIRECTORY_ATTRIBUTES;
        assertEquals(EMPTY_RESOK, DirListFitter.emptyResokBytes(directory));
        for (int i = 0; i < ENTRIES.size(); i++) {
            assertEquals(ENTRY3[i], DirListFitter.entryBytes(ENTRIES.get(i), false));
            assertEquals(ENTRY3[i] + PLUS_EXTRA, DirListFitter.entryBytes(ENTRIES.get(i), true));
            assertEquals(DIR_BYTES[i], DirListFitter.dirBytes(ENTRIES.get(i)));
        }
    }

    private static NfsDirectoryReply listing(List<NfsDirEntry> entries, boolean eof) {
        return new NfsDirectoryReply(NfsStatus.OK, DIRECTORY_ATTRIBUTES, COOKIE_VERIFIER, entries, eof);
    }

    private static ByteBuf readdir(NfsDirectoryReply listing, long count) {
        ByteBuf buf = Unpooled.buffer();
        Readdir3Res.encode(ReaddirResult.readdir(listing, count), new XdrWriter(buf));
        return buf;
    }

    private static ByteBuf readdirplus(NfsDirectoryReply listing, long dircount, long maxcount) {
        ByteBuf buf = Unpooled.buffer();
        Readdirplus3Res.encode(ReaddirResult.readdirplus(listing, dircount, maxcount), new XdrWriter(buf));
        return buf;
    }

    /** The encoding's length without the nfsstat3 in front, which count does not include. */
    private static int resokBytes(ByteBuf encoded) {
        return encoded.readableBytes() - 4;
    }

    private static List<Long> cookies(NfsDirectoryReply reply) {
        return reply.entries().stream().map(NfsDirEntry::cookie).collect(Collectors.toList());
    }
}
