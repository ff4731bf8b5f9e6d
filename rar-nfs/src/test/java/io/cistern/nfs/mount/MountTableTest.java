package io.cistern.nfs.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.nfs.mount.wire.MountBody;
import io.cistern.nfs.spi.NfsCaller;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountTableTest {

    @Test
    void aFullTableDropsItsOldestEntry() {
        MountTable table = new MountTable(2);
        table.add("a", "/1");
        table.add("b", "/2");
        table.add("a", "/1");   // renewed: now newer than b's
        table.add("c", "/3");
        assertEquals(List.of(new MountBody("a", "/1"), new MountBody("c", "/3")), table.entries());
    }

    @Test
    void aPathTooLongToListIsNotRecorded() {
        MountTable table = new MountTable();
        table.add("a", "\uFFFD".repeat(400));   // 400 invalid bytes decoded: 1200 bytes, more than a dirpath holds
        table.add("a", "/ok");
        assertEquals(List.of(new MountBody("a", "/ok")), table.entries(), "DUMP can still list every entry");
    }

    @Test
    void removeAndRemoveAllTouchOnlyTheirHost() {
        MountTable table = new MountTable();
        table.add("a", "/1");
        table.add("b", "/1");
        table.add("a", "/2");
        assertFalse(table.remove("a", "/3"));
        assertTrue(table.remove("b", "/1"));
        assertEquals(List.of("/1", "/2"), table.removeAll("a"));
        assertEquals(List.of(), table.entries());
    }

    @Test
    void aClientIsNamedByItsAddressWithoutItsPort() {
        NfsCaller caller = NfsCaller.anonymous(new InetSocketAddress("192.0.2.7", 1023));
        assertEquals("192.0.2.7", MountTable.hostOf(caller));
        assertEquals("local", MountTable.hostOf(NfsCaller.anonymous(InetSocketAddress.createUnresolved("local", 0))));
    }
}
