package io.cistern.nfs.nfs3.wire;

import static io.cistern.nfs.nfs3.Nfs3Samples.CTIME;
import static io.cistern.nfs.nfs3.Nfs3Samples.DIRECTORY;
import static io.cistern.nfs.nfs3.Nfs3Samples.EVERY_CHANGE;
import static io.cistern.nfs.nfs3.Nfs3Samples.FILE;
import static io.cistern.nfs.nfs3.Nfs3Samples.MODE_ONLY;
import static io.cistern.nfs.nfs3.Nfs3Samples.OTHER_DIRECTORY;
import static io.cistern.nfs.nfs3.Nfs3Samples.name;
import static io.cistern.nfs.nfs3.ValueAssertions.assertSameValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cistern.nfs.nfs3.Nfs3Limits;
import io.cistern.nfs.spi.NfsFileType;
import io.cistern.nfs.spi.NfsSetAttributes;
import io.cistern.nfs.xdr.XdrDecoder;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The NFSv3 argument structures: each decodes what it encodes, the unions and counted fields are laid out as RFC
 * 1813 says (checked against bytes written by hand, not by the codecs), and what the adapter refuses is refused.
 */
class ArgumentCodecTest {
    private static final DirOpArgs3 WHERE = new DirOpArgs3(DIRECTORY, name("new-entry"));

    static Stream<Arguments> samples() {
        return Stream.of(
                sample("SETATTR3args with guard", new Setattr3Args(FILE, EVERY_CHANGE, CTIME),
                        Setattr3Args::encode, Setattr3Args::decode),
                sample("SETATTR3args without guard", new Setattr3Args(FILE, MODE_ONLY, null),
                        Setattr3Args::encode, Setattr3Args::decode),
                sample("diropargs3", WHERE, DirOpArgs3::encode, DirOpArgs3::decode),
                sample("ACCESS3args", new Access3Args(FILE, Access3Args.ACCESS3_READ | Access3Args.ACCESS3_DELETE),
                        Access3Args::encode, Access3Args::decode),
                sample("READ3args", new Read3Args(FILE, Long.MAX_VALUE - 1, 0xFFFF_FFFFL),
                        Read3Args::encode, Read3Args::decode),
                sample("WRITE3args UNSTABLE", new Write3Args(FILE, 4096, Write3Args.UNSTABLE, new byte[] {1, 2, 3}),
                        Write3Args::encode, Write3Args::decode),
                sample("WRITE3args DATA_SYNC, no data", new Write3Args(FILE, 0, Write3Args.DATA_SYNC, new byte[0]),
                        Write3Args::encode, Write3Args::decode),
                sample("WRITE3args FILE_SYNC", new Write3Args(FILE, 1L << 40, Write3Args.FILE_SYNC, new byte[8]),
                        Write3Args::encode, Write3Args::decode),
                sample("CREATE3args UNCHECKED", new Create3Args(WHERE, Create3Args.UNCHECKED, EVERY_CHANGE, 0),
                        Create3Args::encode, Create3Args::decode),
                sample("CREATE3args GUARDED", new Create3Args(WHERE, Create3Args.GUARDED, MODE_ONLY, 0),
                        Create3Args::encode, Create3Args::decode),
                sample("CREATE3args EXCLUSIVE", new Create3Args(WHERE, Create3Args.EXCLUSIVE, NfsSetAttributes.NONE,
                        0x0123_4567_89AB_CDEFL), Create3Args::encode, Create3Args::decode),
                sample("MKDIR3args", new Mkdir3Args(WHERE, EVERY_CHANGE), Mkdir3Args::encode, Mkdir3Args::decode),
                sample("SYMLINK3args", new Symlink3Args(WHERE, MODE_ONLY, name("../target/of/link")),
                        Symlink3Args::encode, Symlink3Args::decode),
                sample("MKNOD3args CHR", new Mknod3Args(WHERE, NfsFileType.CHR, MODE_ONLY, 8L << 32 | 1),
                        Mknod3Args::encode, Mknod3Args::decode),
                sample("MKNOD3args BLK with the largest numbers", new Mknod3Args(WHERE, NfsFileType.BLK, EVERY_CHANGE,
                        0xFFFF_FFFF_FFFF_FFFFL), Mknod3Args::encode, Mknod3Args::decode),
                sample("MKNOD3args SOCK", new Mknod3Args(WHERE, NfsFileType.SOCK, EVERY_CHANGE, 0),
                        Mknod3Args::encode, Mknod3Args::decode),
                sample("MKNOD3args FIFO", new Mknod3Args(WHERE, NfsFileType.FIFO, MODE_ONLY, 0),
                        Mknod3Args::encode, Mknod3Args::decode),
                sample("MKNOD3args REG", new Mknod3Args(WHERE, NfsFileType.REG, NfsSetAttributes.NONE, 0),
                        Mknod3Args::encode, Mknod3Args::decode),
                sample("RENAME3args", new Rename3Args(WHERE, new DirOpArgs3(OTHER_DIRECTORY, name("moved"))),
                        Rename3Args::encode, Rename3Args::decode),
                sample("LINK3args", new Link3Args(FILE, WHERE), Link3Args::encode, Link3Args::decode),
                sample("READDIR3args", new Readdir3Args(DIRECTORY, 77, 0xFEDC_BA98_7654_3210L, 0xFFFF_FFFFL),
                        Readdir3Args::encode, Readdir3Args::decode),
                sample("READDIRPLUS3args", new Readdirplus3Args(DIRECTORY, 78, -2, 8192, 0x8000_0000L),
                        Readdirplus3Args::encode, Readdirplus3Args::decode),
                sample("COMMIT3args", new Commit3Args(FILE, 1L << 33, 0xFFFF_FFFFL),
                        Commit3Args::encode, Commit3Args::decode));
    }

    private static <T> Arguments sample(String structure, T value, BiConsumer<T, XdrWriter> encoder,
                                        XdrDecoder<T> decoder) {
        return Arguments.of(structure, value, encoder, decoder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    <T> void decodesWhatItEncodes(String structure, T value, BiConsumer<T, XdrWriter> encoder, XdrDecoder<T> decoder)
            throws XdrException {
        ByteBuf encoded = Unpooled.buffer();
        encoder.accept(value, new XdrWriter(encoded));
        assertEquals(0, encoded.readableBytes() % 4, "XDR comes in units of four bytes");
        XdrReader in = new XdrReader(encoded);
        T decoded = decoder.decode(in);
        assertEquals(0, in.remaining(), "bytes left after decoding");
        assertSameValue(value, decoded);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    <T> void aTruncatedEncodingIsGarbage(String structure, T value, BiConsumer<T, XdrWriter> encoder,
                                         XdrDecoder<T> decoder) {
        ByteBuf encoded = Unpooled.buffer();
        encoder.accept(value, new XdrWriter(encoded));
        ByteBuf truncated = encoded.slice(0, encoded.readableBytes() - 4);
        assertThrows(XdrException.class, () -> decoder.decode(new XdrReader(truncated)));
    }

    @Test
    void setattrGuardIsABooleanThenAnNfstime3() {
        byte[] expected = raw(out -> {
            handle(out, FILE);
            out.writeInt(1).writeInt(0600).writeInt(0).writeInt(0).writeInt(0).writeInt(0).writeInt(0);
            out.writeInt(1).writeInt(1_700_000_000).writeInt(123_456_789);
        });
        assertArrayEquals(expected, encoded(new Setattr3Args(FILE, MODE_ONLY, CTIME)::encode));
    }

    @Test
    void exclusiveCreateCarriesTheVerifierInsteadOfAttributes() {
        byte[] expected = raw(out -> {
            where(out);
            out.writeInt(2).writeLong(0x0123_4567_89AB_CDEFL);
        });
        Create3Args exclusive = new Create3Args(WHERE, Create3Args.EXCLUSIVE, NfsSetAttributes.NONE,
                0x0123_4567_89AB_CDEFL);
        assertArrayEquals(expected, encoded(exclusive::encode));
    }

    @Test
    void mknodOfADeviceCarriesAttributesThenMajorAndMinor() throws XdrException {
        byte[] wire = raw(out -> {
            where(out);
            out.writeInt(4).writeInt(1).writeInt(0620).writeInt(0).writeInt(0).writeInt(0).writeInt(0).writeInt(0);
            out.writeInt(136).writeInt(5);
        });
        Mknod3Args decoded = Mknod3Args.decode(reader(wire));
        assertEquals(NfsFileType.CHR, decoded.type());
        assertEquals(136L << 32 | 5, decoded.rdev());
        assertEquals(0620, decoded.attributes().mode());
    }

    @Test
    void mknodOfARegularFileCarriesNothingAfterTheType() throws XdrException {
        byte[] wire = raw(out -> {
            where(out);
            out.writeInt(1);
        });
        XdrReader in = reader(wire);
        Mknod3Args decoded = Mknod3Args.decode(in);
        assertEquals(NfsFileType.REG, decoded.type());
        assertEquals(NfsSetAttributes.NONE, decoded.attributes());
        assertEquals(0, in.remaining());
    }

    @Test
    void writeCarriesTheCountAndStabilityBeforeTheData() {
        byte[] expected = raw(out -> {
            handle(out, FILE);
            out.writeLong(4096).writeInt(5).writeInt(1).writeInt(5).writeBytes(new byte[] {9, 8, 7, 6, 5, 0, 0, 0});
        });
        assertArrayEquals(expected, encoded(new Write3Args(FILE, 4096, Write3Args.DATA_SYNC,
                new byte[] {9, 8, 7, 6, 5})::encode));
    }

    @Test
    void writeWhoseCountDiffersFromItsDataIsGarbage() {
        byte[] wire = raw(out -> {
            handle(out, FILE);
            out.writeLong(0).writeInt(5).writeInt(0).writeInt(4).writeInt(0xAABBCCDD);
        });
        assertThrows(XdrException.class, () -> Write3Args.decode(reader(wire)));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 3, 0x100})
    void writeWithAStableHowThatDoesNotExistIsGarbage(int stable) {
        byte[] wire = raw(out -> {
            handle(out, FILE);
            out.writeLong(0).writeInt(4).writeInt(stable).writeInt(4).writeInt(0xAABBCCDD);
        });
        assertThrows(XdrException.class, () -> Write3Args.decode(reader(wire)));
    }

    @Test
    void writeOfMaxTransferBytesIsTheLargestAccepted() throws XdrException {
        int max = Nfs3Limits.MAX_TRANSFER;
        assertEquals(max, Write3Args.decode(reader(writeOf(max))).count());
        assertThrows(XdrException.class, () -> Write3Args.decode(reader(writeOf(max + 4))));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 3, 7})
    void createWithAModeThatDoesNotExistIsGarbage(int mode) {
        byte[] wire = raw(out -> {
            where(out);
            out.writeInt(mode).writeLong(0);
        });
        assertThrows(XdrException.class, () -> Create3Args.decode(reader(wire)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 8, -4})
    void mknodOfANumberThatIsNoFtype3IsGarbage(int type) {
        byte[] wire = raw(out -> {
            where(out);
            out.writeInt(type);
        });
        assertThrows(XdrException.class, () -> Mknod3Args.decode(reader(wire)));
    }

    @Test
    void aNameOfMoreThan4096BytesIsGarbage() throws XdrException {
        byte[] longest = encoded(new DirOpArgs3(DIRECTORY, new byte[4096])::encode);
        byte[] tooLong = encoded(new DirOpArgs3(DIRECTORY, new byte[4097])::encode);
        assertEquals(4096, DirOpArgs3.decode(reader(longest)).name().length);
        assertThrows(XdrException.class, () -> DirOpArgs3.decode(reader(tooLong)));
    }

    @Test
    void aHandleOfMoreThan64BytesIsGarbage() throws XdrException {
        byte[] longest = encoded(new Read3Args(new byte[64], 0, 1)::encode);
        byte[] tooLong = encoded(new Read3Args(new byte[65], 0, 1)::encode);
        assertEquals(64, Read3Args.decode(reader(longest)).file().length);
        assertThrows(XdrException.class, () -> Read3Args.decode(reader(tooLong)));
    }

    @Test
    void aSymlinkTargetOfMoreThan4096BytesIsGarbage() throws XdrException {
        byte[] longest = encoded(new Symlink3Args(WHERE, MODE_ONLY, new byte[4096])::encode);
        byte[] tooLong = encoded(new Symlink3Args(WHERE, MODE_ONLY, new byte[4097])::encode);
        assertEquals(4096, Symlink3Args.decode(reader(longest)).target().length);
        assertThrows(XdrException.class, () -> Symlink3Args.decode(reader(tooLong)));
    }

    @Test
    void aGuardWithNanosecondsBeyondOneSecondIsGarbage() {
        byte[] wire = raw(out -> {
            handle(out, FILE);
            out.writeInt(0).writeInt(0).writeInt(0).writeInt(0).writeInt(0).writeInt(0);
            out.writeInt(1).writeInt(1_700_000_000).writeInt(1_000_000_000);
        });
        assertThrows(XdrException.class, () -> Setattr3Args.decode(reader(wire)));
    }

    private static byte[] writeOf(int length) {
        return raw(out -> {
            handle(out, FILE);
            out.writeLong(0).writeInt(length).writeInt(Write3Args.FILE_SYNC).writeInt(length).writeZero(length);
        });
    }

    /** WHERE, written by hand: a 16-byte handle and the 9-byte name "new-entry" padded to 12. */
    private static void where(ByteBuf out) {
        handle(out, DIRECTORY);
        out.writeInt(9).writeBytes(name("new-entry")).writeZero(3);
    }

    private static void handle(ByteBuf out, byte[] handle) {
        out.writeInt(handle.length).writeBytes(handle).writeZero((4 - handle.length % 4) % 4);
    }

    private static byte[] raw(Consumer<ByteBuf> writer) {
        ByteBuf buf = Unpooled.buffer();
        writer.accept(buf);
        return bytesOf(buf);
    }

    private static byte[] encoded(Consumer<XdrWriter> encoder) {
        ByteBuf buf = Unpooled.buffer();
        encoder.accept(new XdrWriter(buf));
        return bytesOf(buf);
    }

    private static byte[] bytesOf(ByteBuf buf) {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        return bytes;
    }

    private static XdrReader reader(byte[] wire) {
        return new XdrReader(Unpooled.wrappedBuffer(wire));
    }
}
