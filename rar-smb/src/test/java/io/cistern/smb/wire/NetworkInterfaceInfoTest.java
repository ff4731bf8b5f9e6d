package io.cistern.smb.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NETWORK_INTERFACE_INFO ([MS-SMB2] 2.2.32.5) and its SockAddr_Storage (2.2.32.5.1). */
class NetworkInterfaceInfoTest {
    @Test
    void anIpv4EntryHasTheLayoutOfTheSpecification() throws Exception {
        NetworkInterfaceInfo entry = new NetworkInterfaceInfo(3, 0, 1_000_000_000L,
                InetAddress.getByName("192.0.2.10"));
        byte[] bytes = NetworkInterfaceInfo.encode(List.of(entry));
        assertEquals(NetworkInterfaceInfo.SIZE, bytes.length);
        assertEquals("00000000" + "03000000" + "00000000" + "00000000" + "00ca9a3b00000000"
                + "0200" + "0000" + "c000020a" + "0000000000000000", HexFormat.of().formatHex(bytes, 0, 40));
        assertEquals("00".repeat(NetworkInterfaceInfo.SIZE - 40), HexFormat.of().formatHex(bytes, 40, bytes.length),
                "the rest of SockAddr_Storage is zero");
        assertEquals(List.of(entry), NetworkInterfaceInfo.decode(bytes));
    }

    @Test
    void entriesChainByNextAndIpv6RoundTrips() throws Exception {
        List<NetworkInterfaceInfo> entries = List.of(
                new NetworkInterfaceInfo(2, 0, 0, InetAddress.getByName("10.1.2.3")),
                new NetworkInterfaceInfo(2, 0, 0, InetAddress.getByName("2001:db8::7")),
                new NetworkInterfaceInfo(5, NetworkInterfaceInfo.RSS_CAPABLE, 25_000_000_000L,
                        InetAddress.getByName("198.51.100.1")));
        byte[] bytes = NetworkInterfaceInfo.encode(entries);
        assertEquals(3 * NetworkInterfaceInfo.SIZE, bytes.length);
        assertEquals(NetworkInterfaceInfo.SIZE, bytes[0] & 0xFF, "Next of the first");
        assertEquals(0x17, bytes[NetworkInterfaceInfo.SIZE + 24], "AF_INET6 as Windows numbers it");
        assertEquals(entries, NetworkInterfaceInfo.decode(bytes));
        assertEquals(List.of(), NetworkInterfaceInfo.decode(new byte[0]));
    }

    @Test
    void truncatedOrMalformedChainsAreRefused() throws Exception {
        byte[] bytes = NetworkInterfaceInfo.encode(List.of(
                new NetworkInterfaceInfo(2, 0, 0, InetAddress.getByName("10.1.2.3")),
                new NetworkInterfaceInfo(3, 0, 0, InetAddress.getByName("10.1.2.4"))));
        for (int length = 1; length < bytes.length; length += 7) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThrows(SmbWireException.class, () -> NetworkInterfaceInfo.decode(truncated), "length " + length);
        }
        byte[] oddNext = bytes.clone();
        oddNext[0] = 3;
        assertThrows(SmbWireException.class, () -> NetworkInterfaceInfo.decode(oddNext));
        byte[] backwards = bytes.clone();
        backwards[0] = (byte) 0xF8;
        backwards[1] = (byte) 0xFF;
        backwards[2] = (byte) 0xFF;
        backwards[3] = (byte) 0xFF;
        assertThrows(SmbWireException.class, () -> NetworkInterfaceInfo.decode(backwards));
        byte[] family = bytes.clone();
        family[24] = 9;
        assertThrows(SmbWireException.class, () -> NetworkInterfaceInfo.decode(family));
    }

    @Test
    void noIndexZeroAndNoLinkLocalIpv6() throws Exception {
        InetAddress address = InetAddress.getByName("10.0.0.1");
        assertThrows(IllegalArgumentException.class, () -> new NetworkInterfaceInfo(0, 0, 0, address));
        InetAddress linkLocal = InetAddress.getByName("fe80::1");
        assertThrows(IllegalArgumentException.class, () -> new NetworkInterfaceInfo(1, 0, 0, linkLocal));
    }
}
