package io.cistern.smb.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * FILE_NOTIFY_INFORMATION ([MS-FSCC] 2.7.1) and the CHANGE_NOTIFY response that carries it ([MS-SMB2] 2.2.36): the
 * byte layout of the spec (NextEntryOffset chain, 4-byte aligned entries, UTF-16LE names without a terminator), round
 * trips, and chains that lie.
 */
class ChangeNotifyWireTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void aChainOfTwoHasTheSpecLayout() throws Exception {
        List<FileNotifyInformation> entries = List.of(
                new FileNotifyInformation(FileNotifyInformation.ACTION_ADDED, "a.txt"),
                new FileNotifyInformation(FileNotifyInformation.ACTION_REMOVED, "b"));
        byte[] chain = FileNotifyInformation.encodeAll(entries);
        String expected = ""
                // NextEntryOffset 24 (12 + 10 bytes of name, padded to 4), Action 1, FileNameLength 10
                + "18000000" + "01000000" + "0a000000" + "61002e00740078007400" + "0000"
                // the last entry: NextEntryOffset 0, Action 2, FileNameLength 2, "b", not padded
                + "00000000" + "02000000" + "02000000" + "6200";
        assertEquals(expected, HEX.formatHex(chain));
        assertEquals(chain.length, FileNotifyInformation.chainSize(entries));
        assertEquals(entries, FileNotifyInformation.decodeAll(chain));
    }

    @Test
    void everyEntryStartsOnAFourByteBoundary() throws Exception {
        List<FileNotifyInformation> entries = List.of(
                new FileNotifyInformation(FileNotifyInformation.ACTION_RENAMED_OLD_NAME, "x"),
                new FileNotifyInformation(FileNotifyInformation.ACTION_RENAMED_NEW_NAME, "yy"),
                new FileNotifyInformation(FileNotifyInformation.ACTION_MODIFIED, "sub\\zzz"),
                new FileNotifyInformation(FileNotifyInformation.ACTION_ADDED, "\u00e9t\u00e9 \ud83d\ude00"));
        byte[] chain = FileNotifyInformation.encodeAll(entries);
        ByteBuf buf = Unpooled.wrappedBuffer(chain);
        int start = 0;
        for (FileNotifyInformation entry : entries) {
            assertEquals(0, start % 4, "entry at " + start);
            assertEquals(entry.action(), buf.getIntLE(start + 4));
            assertEquals(2 * entry.fileName().length(), buf.getIntLE(start + 8));
            int next = buf.getIntLE(start);
            if (next == 0) {
                break;
            }
            assertEquals(entry.alignedSize(), next);
            start += next;
        }
        assertEquals(entries, FileNotifyInformation.decodeAll(chain));
    }

    @Test
    void noEntriesIsAnEmptyBuffer() throws Exception {
        assertEquals(0, FileNotifyInformation.encodeAll(List.of()).length);
        assertEquals(List.of(), FileNotifyInformation.decodeAll(new byte[0]));
    }

    @Test
    void aChainThatLiesIsRefused() {
        byte[] chain = FileNotifyInformation.encodeAll(List.of(
                new FileNotifyInformation(FileNotifyInformation.ACTION_ADDED, "abc"),
                new FileNotifyInformation(FileNotifyInformation.ACTION_ADDED, "d")));
        byte[] backwards = chain.clone();
        backwards[0] = 4;                        // NextEntryOffset into its own fixed part
        assertThrows(SmbWireException.class, () -> FileNotifyInformation.decodeAll(backwards));
        byte[] unaligned = chain.clone();
        unaligned[0] = 19;                       // past the name, but not on a 4-byte boundary
        assertThrows(SmbWireException.class, () -> FileNotifyInformation.decodeAll(unaligned));
        byte[] outside = chain.clone();
        outside[0] = (byte) 0x80;                // past the end
        assertThrows(SmbWireException.class, () -> FileNotifyInformation.decodeAll(outside));
        byte[] longName = chain.clone();
        longName[8] = 100;                       // FileNameLength past the buffer
        assertThrows(SmbWireException.class, () -> FileNotifyInformation.decodeAll(longName));
        for (int cut = 1; cut < chain.length; cut++) {
            byte[] truncated = Arrays.copyOf(chain, cut);
            assertThrows(SmbWireException.class, () -> FileNotifyInformation.decodeAll(truncated), "cut at " + cut);
        }
    }

    @Test
    void theResponseCarriesTheChainAfterItsFixedPart() throws Exception {
        byte[] chain = FileNotifyInformation.encodeAll(List.of(
                new FileNotifyInformation(FileNotifyInformation.ACTION_ADDED, "new.txt")));
        ByteBuf message = Unpooled.buffer();
        message.writeZero(Smb2Header.STRUCTURE_SIZE);
        new Smb2ChangeNotifyResponse(chain).encode(message);
        ByteBuf body = message.slice(Smb2Header.STRUCTURE_SIZE, message.readableBytes() - Smb2Header.STRUCTURE_SIZE);
        // StructureSize 9, OutputBufferOffset 72 (64-byte header + 8), OutputBufferLength
        assertEquals("0900" + "4800" + String.format("%02x000000", chain.length),
                ByteBufUtil.hexDump(body, 0, 8));
        assertArrayEquals(chain, ByteBufUtil.getBytes(body, 8, chain.length));
        WireReader in = new WireReader(message);
        in.seek(Smb2Header.STRUCTURE_SIZE);
        assertArrayEquals(chain, Smb2ChangeNotifyResponse.decode(in).output());
    }
}
