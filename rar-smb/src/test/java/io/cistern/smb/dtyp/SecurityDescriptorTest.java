package io.cistern.smb.dtyp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.smb.wire.SmbWireException;
import io.cistern.smb.wire.WireReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** [MS-DTYP] SID, ACE, ACL and self-relative descriptor: known bytes, round trips, and every kind of bad input. */
class SecurityDescriptorTest {
    private static final Sid OWNER = Sid.of(22, 1, 1000);
    private static final Sid GROUP = Sid.of(22, 2, 100);
    private static final SecurityDescriptor FULL = new SecurityDescriptor(SecurityDescriptor.SE_DACL_PROTECTED, OWNER,
            GROUP, Acl.of(List.of(new Ace(Ace.SYSTEM_AUDIT, 0x40, 0x1F01FF, Sid.EVERYONE))),
            Acl.of(List.of(new Ace(Ace.ACCESS_DENIED, 0, 0x2, OWNER),
                    new Ace(Ace.ACCESS_ALLOWED, Ace.OBJECT_INHERIT | Ace.CONTAINER_INHERIT, 0x1F01FF, OWNER),
                    new Ace(Ace.ACCESS_ALLOWED, 0, 0x1200A9, Sid.EVERYONE))));

    @Test
    void sidHasTheBinaryAndStringFormsOfTheSpec() throws Exception {
        ByteBuf out = Unpooled.buffer();
        Sid.of(5, 21, 1, 2, 3, 500).encode(out);
        // Revision 1, 5 sub-authorities, authority 5 big-endian in 6 bytes, then little-endian 32-bit values
        assertEquals("0105000000000005" + "15000000" + "01000000" + "02000000" + "03000000" + "f4010000",
                ByteBufUtil.hexDump(out));
        assertEquals("S-1-5-21-1-2-3-500", Sid.decode(new WireReader(out)).toString());
        assertEquals("S-1-1-0", Sid.EVERYONE.toString());
        assertEquals("S-1-22-1-4294967294", Sid.of(22, 1, -2).toString(), "sub-authorities are unsigned");
        assertEquals(28, Sid.of(5, 21, 1, 2, 3, 500).size());
    }

    @Test
    void aceAndAclHaveTheLayoutOfTheSpec() {
        ByteBuf out = Unpooled.buffer();
        Acl.of(List.of(new Ace(Ace.ACCESS_ALLOWED, Ace.OBJECT_INHERIT, 0x001200A9, Sid.EVERYONE))).encode(out);
        // AclRevision 2, Sbz1, AclSize 28, AceCount 1, Sbz2; AceType 0, AceFlags 1, AceSize 20, Mask, SID
        assertEquals("02001c0001000000" + "00011400" + "a9001200" + "010100000000000100000000",
                ByteBufUtil.hexDump(out));
    }

    @Test
    void aDescriptorRoundTripsWithItsOffsets() throws Exception {
        byte[] bytes = FULL.toBytes();
        assertEquals(FULL.size(), bytes.length);
        SecurityDescriptor decoded = SecurityDescriptor.decode(bytes);
        assertEquals(FULL, decoded);
        assertEquals(SecurityDescriptor.SE_SELF_RELATIVE | SecurityDescriptor.SE_DACL_PRESENT
                | SecurityDescriptor.SE_SACL_PRESENT | SecurityDescriptor.SE_DACL_PROTECTED, decoded.control());
        ByteBuf header = Unpooled.wrappedBuffer(bytes);
        assertEquals(20, header.getIntLE(4), "the owner right after the header");
        assertEquals(20 + OWNER.size(), header.getIntLE(8));
        assertEquals(20 + OWNER.size() + GROUP.size(), header.getIntLE(12));
        assertEquals(20 + OWNER.size() + GROUP.size() + FULL.sacl().size(), header.getIntLE(16));
        assertArrayEquals(bytes, decoded.toBytes());
    }

    @Test
    void absentPartsAndANullDaclStayWhatTheyAre() throws Exception {
        SecurityDescriptor empty = new SecurityDescriptor(0, null, null, null, null);
        assertEquals(20, empty.toBytes().length);
        SecurityDescriptor decodedEmpty = SecurityDescriptor.decode(empty.toBytes());
        assertEquals(empty, decodedEmpty);
        assertTrue(!decodedEmpty.daclPresent());
        SecurityDescriptor nullDacl = new SecurityDescriptor(SecurityDescriptor.SE_DACL_PRESENT, OWNER, null, null,
                null);
        SecurityDescriptor decoded = SecurityDescriptor.decode(nullDacl.toBytes());
        assertTrue(decoded.daclPresent(), "a NULL DACL is present");
        assertNull(decoded.dacl());
        assertEquals(OWNER, decoded.owner());
    }

    @Test
    void aDescriptorWithPartsInAnotherOrderAndPaddedAcesDecodes() throws Exception {
        // Windows writes the DACL before the owner; and an AceSize may leave padding after the SID
        ByteBuf out = Unpooled.buffer();
        out.writeByte(1).writeByte(0).writeShortLE(0x8004).writeIntLE(20 + 28).writeIntLE(0).writeIntLE(0)
                .writeIntLE(20);
        out.writeByte(2).writeByte(0).writeShortLE(28).writeShortLE(1).writeShortLE(0);
        out.writeByte(0).writeByte(0).writeShortLE(20).writeIntLE(0x1F01FF);
        Sid.EVERYONE.encode(out);
        out.writeZero(0);
        OWNER.encode(out);
        SecurityDescriptor decoded = SecurityDescriptor.decode(ByteBufUtil.getBytes(out));
        assertEquals(OWNER, decoded.owner());
        assertEquals(List.of(new Ace(Ace.ACCESS_ALLOWED, 0, 0x1F01FF, Sid.EVERYONE)), decoded.dacl().aces());

        ByteBuf padded = Unpooled.buffer();
        padded.writeByte(2).writeByte(0).writeShortLE(8 + 24).writeShortLE(1).writeShortLE(0);
        padded.writeByte(1).writeByte(0).writeShortLE(24).writeIntLE(1);
        Sid.EVERYONE.encode(padded);
        padded.writeZero(4);
        Acl acl = Acl.decode(new WireReader(padded));
        assertEquals(List.of(new Ace(Ace.ACCESS_DENIED, 0, 1, Sid.EVERYONE)), acl.aces());
    }

    @Test
    void everyTruncationOfADescriptorIsRefused() {
        byte[] bytes = FULL.toBytes();
        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThrows(SmbWireException.class, () -> SecurityDescriptor.decode(cut), "cut at " + length);
        }
    }

    @Test
    void malformedDescriptorsAreRefusedNeverThrownAt() {
        byte[] good = FULL.toBytes();
        List<byte[]> bad = List.of(
                patch(good, 0, 2),                                   // Revision 2
                patch(good, 3, 0x00),                                // not self-relative
                patchInt(good, 4, 8),                                // owner inside the header
                patchInt(good, 4, good.length),                      // owner past the end
                patchInt(good, 4, 0xFFFF_FFF0),                      // an offset that overflows an int
                patchInt(good, 16, good.length - 4),                 // DACL header runs past the end
                patch(good, 20, 3),                                  // owner SID revision 3
                patch(good, 21, 16),                                 // owner SID with 16 sub-authorities
                patchInt(truncatedAfterOwner(good), 4, 20),          // owner SID running past the end
                patch(good, daclAt(good), 3),                        // ACL revision 3
                patchShort(good, daclAt(good) + 2, 0xFFFF),          // AclSize beyond the buffer
                patchShort(good, daclAt(good) + 2, 12),              // AclSize shorter than its ACEs
                patchShort(good, daclAt(good) + 4, 200),             // AceCount beyond the ACL
                patch(good, daclAt(good) + 8, 5),                    // ACE type 5 (an object ACE)
                patchShort(good, daclAt(good) + 10, 4),              // AceSize shorter than any ACE
                patchShort(good, daclAt(good) + 10, 16));            // AceSize shorter than its SID
        for (int i = 0; i < bad.size(); i++) {
            byte[] bytes = bad.get(i);
            assertThrows(SmbWireException.class, () -> SecurityDescriptor.decode(bytes), "case " + i + ": "
                    + HexFormat.of().formatHex(bytes));
        }
    }

    @Test
    void everySingleByteChangeEitherDecodesOrIsRefused() {
        byte[] good = FULL.toBytes();
        for (int at = 0; at < good.length; at++) {
            for (int value : new int[] {0, 1, 0x7F, 0x80, 0xFF}) {
                byte[] bytes = patch(good, at, value);
                try {
                    SecurityDescriptor.decode(bytes);
                } catch (SmbWireException expected) {
                    // refused: the only other outcome allowed
                }
            }
        }
    }

    /** The header and 10 bytes of the owner SID, which says it has 2 sub-authorities (16 bytes). */
    private static byte[] truncatedAfterOwner(byte[] descriptor) {
        byte[] cut = Arrays.copyOf(descriptor, 30);
        Unpooled.wrappedBuffer(cut).setIntLE(8, 0).setIntLE(12, 0).setIntLE(16, 0);
        return cut;
    }

    private static int daclAt(byte[] descriptor) {
        return Unpooled.wrappedBuffer(descriptor).getIntLE(16);
    }

    private static byte[] patch(byte[] bytes, int at, int value) {
        byte[] copy = bytes.clone();
        copy[at] = (byte) value;
        return copy;
    }

    private static byte[] patchShort(byte[] bytes, int at, int value) {
        byte[] copy = bytes.clone();
        Unpooled.wrappedBuffer(copy).setShortLE(at, value);
        return copy;
    }

    private static byte[] patchInt(byte[] bytes, int at, int value) {
        byte[] copy = bytes.clone();
        Unpooled.wrappedBuffer(copy).setIntLE(at, value);
        return copy;
    }
}
