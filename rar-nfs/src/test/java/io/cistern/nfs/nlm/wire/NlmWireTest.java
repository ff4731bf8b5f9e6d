package io.cistern.nfs.nlm.wire;

import static io.cistern.nfs.nlm.wire.WireRecords.reader;
import static io.cistern.nfs.nlm.wire.WireRecords.render;
import static io.cistern.nfs.nlm.wire.WireRecords.roundTrip;
import static io.cistern.nfs.nlm.wire.WireRecords.word;
import static io.cistern.nfs.nlm.wire.WireRecords.words;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cistern.nfs.spi.NlmHolder;
import io.cistern.nfs.spi.NlmLock;
import io.cistern.nfs.spi.NlmShare;
import io.cistern.nfs.spi.NlmStatus;
import io.cistern.nfs.spi.NlmTestReply;
import io.cistern.nfs.xdr.XdrException;
import org.junit.jupiter.api.Test;

/** The NLM version 4 structures of RFC 1813 appendix II, word by word where the order matters, and back. */
class NlmWireTest {
    private static final byte[] COOKIE = {7};
    private static final NlmLock LOCK = new NlmLock("ab", new byte[] {1, 2, 3, 4}, new byte[0], 42, 0x1_0000_0002L, -1L);
    private static final NlmShare SHARE = new NlmShare("host", new byte[] {9}, new byte[] {8, 8}, 2, 3);

    @Test
    void lockargsLayCookieFlagsLockReclaimAndStateInThatOrder() {
        Nlm4LockArgs args = new Nlm4LockArgs(COOKIE, true, false, LOCK, true, 3);
        assertArrayEquals(new int[] {1, 0x0700_0000, 1, 0, 2, word("ab"), 4, 0x0102_0304, 0, 42, 1, 2, -1, -1, 1, 3},
                words(args::encode));
    }

    @Test
    void everyArgumentStructureSurvivesARoundTrip() throws XdrException {
        Nlm4LockArgs lock = new Nlm4LockArgs(COOKIE, true, true, LOCK, false, 17);
        assertEquals(render(lock), render(roundTrip(lock::encode, Nlm4LockArgs::decode)));
        Nlm4TestArgs test = new Nlm4TestArgs(new byte[] {1, 2, 3, 4, 5}, true, LOCK);
        assertEquals(render(test), render(roundTrip(test::encode, Nlm4TestArgs::decode)));
        Nlm4CancArgs cancel = new Nlm4CancArgs(COOKIE, false, true, LOCK);
        assertEquals(render(cancel), render(roundTrip(cancel::encode, Nlm4CancArgs::decode)));
        Nlm4UnlockArgs unlock = new Nlm4UnlockArgs(new byte[0], LOCK);
        assertEquals(render(unlock), render(roundTrip(unlock::encode, Nlm4UnlockArgs::decode)));
        Nlm4ShareArgs share = new Nlm4ShareArgs(COOKIE, SHARE, true);
        assertEquals(render(share), render(roundTrip(share::encode, Nlm4ShareArgs::decode)));
        Nlm4Notify notify = new Nlm4Notify("client.example", 5);
        assertEquals(notify, roundTrip(notify::encode, Nlm4Notify::decode));
    }

    @Test
    void theSpiValuesSurviveTheirOwnRoundTrips() throws XdrException {
        assertEquals(render(LOCK), render(roundTrip(out -> Nlm4Lock.encode(LOCK, out), Nlm4Lock::decode)));
        assertEquals(render(SHARE), render(roundTrip(out -> Nlm4Share.encode(SHARE, out), Nlm4Share::decode)));
        NlmHolder holder = new NlmHolder(false, -7, new byte[] {5, 5, 5}, 100, 0);
        assertEquals(render(holder), render(roundTrip(out -> Nlm4Holder.encode(holder, out), Nlm4Holder::decode)));
        byte[] netobj = new byte[Netobj.MAX_BYTES];
        assertArrayEquals(netobj, roundTrip(out -> Netobj.encode(netobj, out), Netobj::decode));
    }

    @Test
    void everyStatusOfVersionFourKeepsItsCode() throws XdrException {
        for (NlmStatus status : NlmStatus.values()) {
            assertArrayEquals(new int[] {status.code()}, words(out -> Nlm4Stats.encode(status, out)));
            assertEquals(status, roundTrip(out -> Nlm4Stats.encode(status, out), Nlm4Stats::decode));
        }
        assertEquals(9, NlmStatus.FAILED.code());
        assertThrows(XdrException.class, () -> Nlm4Stats.decode(reader(out -> out.writeInt(10))));
        assertThrows(XdrException.class, () -> Nlm4Stats.decode(reader(out -> out.writeInt(-1))));
    }

    @Test
    void resultsSurviveARoundTrip() throws XdrException {
        Nlm4Res res = new Nlm4Res(COOKIE, NlmStatus.BLOCKED);
        assertArrayEquals(new int[] {1, 0x0700_0000, 3}, words(res::encode));
        assertEquals(render(res), render(roundTrip(res::encode, Nlm4Res::decode)));
        Nlm4ShareRes share = new Nlm4ShareRes(COOKIE, NlmStatus.DENIED, 0);
        assertArrayEquals(new int[] {1, 0x0700_0000, 1, 0}, words(share::encode));
        assertEquals(render(share), render(roundTrip(share::encode, Nlm4ShareRes::decode)));
    }

    @Test
    void testresCarriesTheHolderExactlyWhenDenied() throws XdrException {
        NlmHolder holder = new NlmHolder(true, 12, new byte[] {1}, 0, 10);
        Nlm4TestRes denied = new Nlm4TestRes(COOKIE, new NlmTestReply(NlmStatus.DENIED, holder));
        assertArrayEquals(new int[] {1, 0x0700_0000, 1, 1, 12, 1, 0x0100_0000, 0, 0, 0, 10}, words(denied::encode));
        assertEquals(render(denied), render(roundTrip(denied::encode, Nlm4TestRes::decode)));

        Nlm4TestRes granted = new Nlm4TestRes(COOKIE, new NlmTestReply(NlmStatus.GRANTED, holder));
        assertArrayEquals(new int[] {1, 0x0700_0000, 0}, words(granted::encode), "no holder unless DENIED");
        assertNull(roundTrip(granted::encode, Nlm4TestRes::decode).reply().holder());

        Nlm4TestRes nobody = new Nlm4TestRes(COOKIE, new NlmTestReply(NlmStatus.DENIED, null));
        assertThrows(IllegalArgumentException.class, () -> words(nobody::encode));
    }

    @Test
    void namesAndNetobjsAreBoundedOnBothSides() throws XdrException {
        String tooLong = "h".repeat(Nlm4Lock.MAX_CALLER_NAME + 1);
        NlmLock named = new NlmLock(tooLong, new byte[0], new byte[0], 0, 0, 0);
        assertThrows(IllegalArgumentException.class, () -> words(out -> Nlm4Lock.encode(named, out)));
        assertThrows(XdrException.class, () -> Nlm4Lock.decode(reader(out -> out.writeString(tooLong))));
        byte[] bigHandle = new byte[Netobj.MAX_BYTES + 1];
        assertThrows(IllegalArgumentException.class, () -> words(out -> Netobj.encode(bigHandle, out)));
        assertThrows(XdrException.class, () -> Netobj.decode(reader(out -> out.writeOpaque(bigHandle))));

        Nlm4Notify longest = new Nlm4Notify("n".repeat(Nlm4Notify.MAX_NAME), 1);
        assertEquals(Nlm4Notify.MAX_NAME, reader(longest::encode).readUnsignedInt(), "LM_MAXNAMELEN is 1025");
        assertThrows(IllegalArgumentException.class, () -> words(new Nlm4Notify(longest.name() + "n", 1)::encode));
    }

    @Test
    void shareModesAndAccessesOutsideTheirEnumsAreGarbage() {
        NlmShare badMode = new NlmShare("h", new byte[0], new byte[0], 4, 1);
        NlmShare badAccess = new NlmShare("h", new byte[0], new byte[0], 0, -1);
        assertThrows(XdrException.class, () -> Nlm4Share.decode(reader(out -> Nlm4Share.encode(badMode, out))));
        assertThrows(XdrException.class, () -> Nlm4Share.decode(reader(out -> Nlm4Share.encode(badAccess, out))));
    }

    @Test
    void aTruncatedStructureIsGarbageNotAnIndexError() {
        int[] full = words(new Nlm4LockArgs(COOKIE, true, false, LOCK, true, 3)::encode);
        for (int cut = 0; cut < full.length; cut++) {
            int keep = cut;
            assertThrows(XdrException.class, () -> Nlm4LockArgs.decode(reader(out -> {
                for (int i = 0; i < keep; i++) {
                    out.writeInt(full[i]);
                }
            })), "cut after " + cut + " words");
        }
    }
}
