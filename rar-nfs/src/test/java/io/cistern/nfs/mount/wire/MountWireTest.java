package io.cistern.nfs.mount.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cistern.nfs.spi.NfsExport;
import io.cistern.nfs.spi.NfsMountReply;
import io.cistern.nfs.spi.NfsStatus;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The MOUNT structures against their layout in RFC 1813 section 5, word by word, and back. */
class MountWireTest {

    @Test
    void mountres3OkIsStatusHandleAndFlavors() throws XdrException {
        NfsMountReply reply = new NfsMountReply(NfsStatus.OK, new byte[] {1, 2, 3, 4, 5}, List.of(1));
        int[] words = words(out -> MountRes3.encode(reply, out));
        assertArrayEquals(new int[] {0, 5, 0x0102_0304, 0x0500_0000, 1, 1}, words);
        NfsMountReply back = MountRes3.decode(reader(out -> MountRes3.encode(reply, out)));
        assertArrayEquals(reply.rootHandle(), back.rootHandle());
        assertEquals(reply.authFlavors(), back.authFlavors());
    }

    @Test
    void mountres3FailureIsTheStatusAloneAndUnknownStatusesAreServerFault() throws XdrException {
        assertArrayEquals(new int[] {13}, words(out -> MountRes3.encode(NfsMountReply.failure(NfsStatus.ACCES), out)));
        assertArrayEquals(new int[] {10006}, words(out -> MountRes3.encode(NfsMountReply.failure(NfsStatus.STALE), out)));
        assertEquals(NfsStatus.NAMETOOLONG, MountRes3.decode(reader(out -> out.writeInt(63))).status());
        assertThrows(XdrException.class, () -> MountStat3.decode(reader(out -> out.writeInt(70))), "STALE is no mountstat3");
    }

    @Test
    void mountlistIsALinkedListOfHostAndDirectory() throws XdrException {
        List<MountBody> mounts = List.of(new MountBody("10.1.2.3", "/data"), new MountBody("h", "/"));
        assertArrayEquals(new int[] {1, 8, word("10.1"), word(".2.3"), 5, word("/dat"), word("a"),
                1, 1, word("h"), 1, word("/"), 0}, words(out -> MountList.encode(mounts, out)));
        assertEquals(mounts, MountList.decode(reader(out -> MountList.encode(mounts, out))));
        assertArrayEquals(new int[] {0}, words(out -> MountList.encode(List.of(), out)));
    }

    @Test
    void exportsIsALinkedListOfPathsEachWithALinkedListOfGroups() throws XdrException {
        List<NfsExport> exports = List.of(new NfsExport("/a", List.of("g", "h")), new NfsExport("/b", List.of()));
        assertArrayEquals(new int[] {1, 2, word("/a"), 1, 1, word("g"), 1, 1, word("h"), 0,
                1, 2, word("/b"), 0, 0}, words(out -> Exports.encode(exports, out)));
        assertEquals(exports, Exports.decode(reader(out -> Exports.encode(exports, out))));
    }

    @Test
    void oversizedPathsAndNamesAreRefusedBothWays() {
        String longPath = "/" + "x".repeat(DirPath.MAX_BYTES);
        assertThrows(IllegalArgumentException.class, () -> words(out -> DirPath.encode(longPath, out)));
        assertThrows(IllegalArgumentException.class,
                () -> words(out -> new MountBody("h".repeat(256), "/").encode(out)));
        assertThrows(XdrException.class, () -> DirPath.decode(reader(out -> out.writeString(longPath))));
    }

    private static int word(String text) {
        byte[] bytes = java.util.Arrays.copyOf(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 4);
        return java.nio.ByteBuffer.wrap(bytes).getInt();
    }

    private static int[] words(Consumer<XdrWriter> encode) {
        ByteBuf buf = Unpooled.buffer();
        encode.accept(new XdrWriter(buf));
        assertEquals(0, buf.readableBytes() % 4, "XDR is whole words");
        int[] words = new int[buf.readableBytes() / 4];
        for (int i = 0; i < words.length; i++) {
            words[i] = buf.readInt();
        }
        return words;
    }

    private static XdrReader reader(Consumer<XdrWriter> encode) {
        ByteBuf buf = Unpooled.buffer();
        encode.accept(new XdrWriter(buf));
        return new XdrReader(buf);
    }
}
