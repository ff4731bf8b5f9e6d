package io.cistern.smb.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The oplock and lease structures of [MS-SMB2]: the oplock break notification, acknowledgment and response (2.2.23.1,
 * 2.2.24.1, 2.2.25.1), the lease break notification (2.2.23.2), acknowledgment and response (2.2.24.2, 2.2.25.2), and
 * the lease create contexts, versions 1 and 2 (2.2.13.2.8, 2.2.13.2.10, 2.2.14.2.10, 2.2.14.2.11): the spec's byte
 * layouts, round trips, and bodies cut short or of the wrong size.
 */
class OplockLeaseWireTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] KEY = HEX.parseHex("00112233445566778899aabbccddeeff");
    private static final byte[] PARENT = HEX.parseHex("ffeeddccbbaa99887766554433221100");

    private static String hex(Consumer<ByteBuf> encoder) {
        ByteBuf out = Unpooled.buffer();
        encoder.accept(out);
        return ByteBufUtil.hexDump(out);
    }

    private static WireReader reader(String hex) {
        return new WireReader(Unpooled.wrappedBuffer(HEX.parseHex(hex)));
    }

    @Test
    void anOplockBreakHasTheSpecLayoutAndRoundTrips() throws Exception {
        Smb2OplockBreak notification = new Smb2OplockBreak(OplockLevel.II, new Smb2FileId(0x0102L, -2L));
        String expected = "1800" + "01" + "00" + "00000000" + "0201000000000000" + "feffffffffffffff";
        assertEquals(expected, hex(notification::encode));
        assertEquals(notification, Smb2OplockBreak.decode(reader(expected)));
    }

    @Test
    void anOplockBreakOfAnotherSizeOrCutShortIsRefused() {
        String whole = "1800" + "08" + "00" + "00000000" + "0100000000000000" + "0200000000000000";
        assertThrows(SmbWireException.class, () -> Smb2OplockBreak.decode(reader("2400" + whole.substring(4))));
        assertThrows(SmbWireException.class, () -> Smb2OplockBreak.decode(reader(whole.substring(0, 46))));
        assertThrows(SmbWireException.class, () -> Smb2OplockBreak.decode(reader("")));
    }

    @Test
    void aLeaseBreakNotificationHasTheSpecLayoutAndRoundTrips() throws Exception {
        int rwh = OplockLevel.LEASE_READ | OplockLevel.LEASE_WRITE | OplockLevel.LEASE_HANDLE;
        int rh = OplockLevel.LEASE_READ | OplockLevel.LEASE_HANDLE;
        Smb2LeaseBreakNotification notification = new Smb2LeaseBreakNotification(3,
                Smb2LeaseBreakNotification.ACK_REQUIRED, KEY, rwh, rh);
        String expected = "2c00" + "0300" + "01000000" + HEX.formatHex(KEY) + "07000000" + "03000000"
                + "00000000" + "00000000" + "00000000";
        assertEquals(expected, hex(notification::encode));
        assertEquals(44, expected.length() / 2);
        assertEquals(notification, Smb2LeaseBreakNotification.decode(reader(expected)));
        assertThrows(SmbWireException.class, () -> Smb2LeaseBreakNotification.decode(
                reader(expected.substring(0, expected.length() - 2))));
    }

    @Test
    void aLeaseBreakAcknowledgmentHasTheSpecLayoutAndRoundTrips() throws Exception {
        Smb2LeaseBreakAcknowledgment ack = new Smb2LeaseBreakAcknowledgment(KEY, OplockLevel.LEASE_READ);
        String expected = "2400" + "0000" + "00000000" + HEX.formatHex(KEY) + "01000000" + "0000000000000000";
        assertEquals(expected, hex(ack::encode));
        assertEquals(36, expected.length() / 2);
        assertEquals(ack, Smb2LeaseBreakAcknowledgment.decode(reader(expected)));
        assertThrows(SmbWireException.class, () -> Smb2LeaseBreakAcknowledgment.decode(reader("1800" + expected
                .substring(4))));
        assertThrows(SmbWireException.class, () -> Smb2LeaseBreakAcknowledgment.decode(reader(expected
                .substring(0, 40))));
    }

    @Test
    void aVersionOneLeaseContextHasThirtyTwoBytes() throws Exception {
        Smb2CreateLease lease = new Smb2CreateLease(KEY, 7, 0, null, 0);
        byte[] data = lease.encode();
        assertEquals(HEX.formatHex(KEY) + "07000000" + "00000000" + "0000000000000000", HEX.formatHex(data));
        Smb2CreateLease decoded = Smb2CreateLease.decode(data);
        assertEquals(lease, decoded);
        assertFalse(decoded.v2());
        assertNull(decoded.parentLeaseKey());
    }

    @Test
    void aVersionTwoLeaseContextCarriesTheParentKeyAndEpoch() throws Exception {
        Smb2CreateLease lease = new Smb2CreateLease(KEY, 3, Smb2CreateLease.FLAG_PARENT_LEASE_KEY_SET, PARENT, 0x1234);
        byte[] data = lease.encode();
        assertEquals(HEX.formatHex(KEY) + "03000000" + "04000000" + "0000000000000000" + HEX.formatHex(PARENT)
                + "3412" + "0000", HEX.formatHex(data));
        Smb2CreateLease decoded = Smb2CreateLease.decode(data);
        assertTrue(decoded.v2());
        assertArrayEquals(PARENT, decoded.parentLeaseKey());
        assertEquals(0x1234, decoded.epoch());
        assertEquals(lease, decoded);
    }

    @Test
    void aLeaseContextOfAnyOtherLengthIsRefused() {
        byte[] v1 = new Smb2CreateLease(KEY, 1, 0, null, 0).encode();
        assertThrows(SmbWireException.class, () -> Smb2CreateLease.decode(Arrays.copyOf(v1, 31)));
        assertThrows(SmbWireException.class, () -> Smb2CreateLease.decode(Arrays.copyOf(v1, 33)));
        assertThrows(SmbWireException.class, () -> Smb2CreateLease.decode(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new Smb2CreateLease(new byte[15], 1, 0, null, 0));
    }
}
