package io.cistern.nfs.nsm.wire;

import static io.cistern.nfs.nlm.wire.WireRecords.reader;
import static io.cistern.nfs.nlm.wire.WireRecords.render;
import static io.cistern.nfs.nlm.wire.WireRecords.roundTrip;
import static io.cistern.nfs.nlm.wire.WireRecords.word;
import static io.cistern.nfs.nlm.wire.WireRecords.words;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cistern.nfs.xdr.XdrException;
import org.junit.jupiter.api.Test;

/** The NSM structures of XNFS chapter 11 (sm_inter.x), word by word where the order matters, and back. */
class NsmWireTest {
    private static final MyId LOCKD = new MyId("me", 100021, 4, 16);

    @Test
    void monIsMonIdThenSixteenPrivateBytesWithoutALength() throws XdrException {
        byte[] priv = new byte[Mon.PRIV_BYTES];
        priv[0] = 1;
        priv[15] = 2;
        Mon mon = new Mon(new MonId("peer", LOCKD), priv);
        assertArrayEquals(new int[] {4, word("peer"), 2, word("me"), 100021, 4, 16, 0x0100_0000, 0, 0, 2},
                words(mon::encode));
        assertEquals(render(mon), render(roundTrip(mon::encode, Mon::decode)));
        assertThrows(IllegalArgumentException.class, () -> words(new Mon(mon.monId(), new byte[15])::encode));
    }

    @Test
    void everyOtherStructureSurvivesARoundTrip() throws XdrException {
        assertEquals(new SmName("client"), roundTrip(new SmName("client")::encode, SmName::decode));
        assertEquals(LOCKD, roundTrip(LOCKD::encode, MyId::decode));
        MonId monId = new MonId("peer", LOCKD);
        assertEquals(monId, roundTrip(monId::encode, MonId::decode));
        assertEquals(new SmStat(7), roundTrip(new SmStat(7)::encode, SmStat::decode));
        StatChge change = new StatChge("client.example", 9);
        assertArrayEquals(new int[] {14, word("clie"), word("nt.e"), word("xamp"), word("le"), 9}, words(change::encode));
        assertEquals(change, roundTrip(change::encode, StatChge::decode));
    }

    @Test
    void statResIsResThenStateAndOnlyTwoResExist() throws XdrException {
        assertArrayEquals(new int[] {SmStatRes.STAT_SUCC, 5}, words(new SmStatRes(true, 5)::encode));
        assertArrayEquals(new int[] {SmStatRes.STAT_FAIL, 5}, words(new SmStatRes(false, 5)::encode));
        assertEquals(new SmStatRes(false, 3), roundTrip(new SmStatRes(false, 3)::encode, SmStatRes::decode));
        assertThrows(XdrException.class, () -> SmStatRes.decode(reader(out -> out.writeInt(2).writeInt(1))));
    }

    @Test
    void namesAreBoundedBySmMaxStrLen() {
        String longest = "n".repeat(1024);
        assertEquals(1 + 256, words(new SmName(longest)::encode).length);
        assertThrows(IllegalArgumentException.class, () -> words(new StatChge(longest + "n", 1)::encode));
        assertThrows(XdrException.class, () -> SmName.decode(reader(out -> out.writeString(longest + "n"))));
    }
}
