package io.cistern.nfs.nfs3.wire;

import static io.cistern.nfs.nfs3.Nfs3Samples.DIRECTORY_ATTRIBUTES;
import static io.cistern.nfs.nfs3.Nfs3Samples.FILE;
import static io.cistern.nfs.nfs3.Nfs3Samples.FILE_ATTRIBUTES;
import static io.cistern.nfs.nfs3.Nfs3Samples.name;
import static io.cistern.nfs.nfs3.Nfs3Samples.wcc;
import static io.cistern.nfs.nfs3.ValueAssertions.assertSameValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cistern.nfs.spi.NfsAccessReply;
import io.cistern.nfs.spi.NfsAttrReply;
import io.cistern.nfs.spi.NfsCommitReply;
import io.cistern.nfs.spi.NfsCreateReply;
import io.cistern.nfs.spi.NfsFsInfoReply;
import io.cistern.nfs.spi.NfsFsStatReply;
import io.cistern.nfs.spi.NfsLinkReply;
import io.cistern.nfs.spi.NfsLookupReply;
import io.cistern.nfs.spi.NfsPathconfReply;
import io.cistern.nfs.spi.NfsReadReply;
import io.cistern.nfs.spi.NfsReadlinkReply;
import io.cistern.nfs.spi.NfsRenameReply;
import io.cistern.nfs.spi.NfsStatus;
import io.cistern.nfs.spi.NfsWcc;
import io.cistern.nfs.spi.NfsWccReply;
import io.cistern.nfs.spi.NfsWriteReply;
import io.cistern.nfs.xdr.XdrDecoder;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The NFSv3 result structures: each decodes what it encodes, in the success arm and in the failure arm with what a
 * failure carries (fields the failure arm does not carry are zero in the samples, since they cannot round-trip),
 * and the arms are laid out as RFC 1813 says.
 */
class ResultCodecTest {
    private static final NfsWcc DIRECTORY_WCC = wcc(DIRECTORY_ATTRIBUTES);
    private static final NfsWcc FILE_WCC = wcc(FILE_ATTRIBUTES);
    private static final NfsWcc AFTER_ONLY = new NfsWcc(null, FILE_ATTRIBUTES);

    static Stream<Arguments> successes() {
        return Stream.of(
                sample("GETATTR3res", new NfsAttrReply(NfsStatus.OK, FILE_ATTRIBUTES),
                        Getattr3Res::encode, Getattr3Res::decode),
                sample("SETATTR3res", new NfsWccReply(NfsStatus.OK, FILE_WCC), Wcc3Res::encode, Wcc3Res::decode),
                sample("LOOKUP3res", new NfsLookupReply(NfsStatus.OK, FILE, FILE_ATTRIBUTES, DIRECTORY_ATTRIBUTES),
                        Lookup3Res::encode, Lookup3Res::decode),
                sample("LOOKUP3res without attributes", new NfsLookupReply(NfsStatus.OK, FILE, null, null),
                        Lookup3Res::encode, Lookup3Res::decode),
                sample("ACCESS3res", new NfsAccessReply(NfsStatus.OK, FILE_ATTRIBUTES, 0x1F),
                        Access3Res::encode, Access3Res::decode),
                sample("READLINK3res", new NfsReadlinkReply(NfsStatus.OK, FILE_ATTRIBUTES, name("../somewhere")),
                        Readlink3Res::encode, Readlink3Res::decode),
                sample("READ3res", new NfsReadReply(NfsStatus.OK, FILE_ATTRIBUTES, new byte[] {1, 2, 3, 4, 5}, true),
                        Read3Res::encode, Read3Res::decode),
                sample("READ3res, no data", new NfsReadReply(NfsStatus.OK, null, new byte[0], false),
                        Read3Res::encode, Read3Res::decode),
                sample("WRITE3res", new NfsWriteReply(NfsStatus.OK, FILE_WCC, 65536, 2, 0x1122_3344_5566_7788L),
                        Write3Res::encode, Write3Res::decode),
                sample("CREATE3res", new NfsCreateReply(NfsStatus.OK, FILE, FILE_ATTRIBUTES, DIRECTORY_WCC),
                        Create3Res::encode, Create3Res::decode),
                sample("CREATE3res without handle", new NfsCreateReply(NfsStatus.OK, null, null, NfsWcc.NONE),
                        Create3Res::encode, Create3Res::decode),
                sample("RENAME3res", new NfsRenameReply(NfsStatus.OK, DIRECTORY_WCC, AFTER_ONLY),
                        Rename3Res::encode, Rename3Res::decode),
                sample("LINK3res", new NfsLinkReply(NfsStatus.OK, FILE_ATTRIBUTES, DIRECTORY_WCC),
                        Link3Res::encode, Link3Res::decode),
                sample("FSSTAT3res", new NfsFsStatReply(NfsStatus.OK, DIRECTORY_ATTRIBUTES, 1L << 40, 1L << 39,
                        1L << 38, 1_000_000, 500_000, 400_000, 0), Fsstat3Res::encode, Fsstat3Res::decode),
                sample("FSINFO3res", new FsinfoResult(new NfsFsInfoReply(NfsStatus.OK, DIRECTORY_ATTRIBUTES,
                        Long.MAX_VALUE, 1_000, NfsFsInfoReply.FSF3_LINK | NfsFsInfoReply.FSF3_CANSETTIME),
                        1, 2, 3, 4, 5, 6, 7), Fsinfo3Res::encode, Fsinfo3Res::decode),
                sample("PATHCONF3res", new NfsPathconfReply(NfsStatus.OK, FILE_ATTRIBUTES, 32000, 255, true, false,
                        true, false), Pathconf3Res::encode, Pathconf3Res::decode),
                sample("COMMIT3res", new NfsCommitReply(NfsStatus.OK, FILE_WCC, -1L),
                        Commit3Res::encode, Commit3Res::decode));
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                sample("SETATTR3res NOT_SYNC", new NfsWccReply(NfsStatus.NOT_SYNC, AFTER_ONLY),
                        Wcc3Res::encode, Wcc3Res::decode),
                sample("REMOVE3res NOENT, nothing known", NfsWccReply.failure(NfsStatus.NOENT),
                        Wcc3Res::encode, Wcc3Res::decode),
                sample("LOOKUP3res NOENT", new NfsLookupReply(NfsStatus.NOENT, null, null, DIRECTORY_ATTRIBUTES),
                        Lookup3Res::encode, Lookup3Res::decode),
                sample("ACCESS3res STALE", new NfsAccessReply(NfsStatus.STALE, FILE_ATTRIBUTES, 0),
                        Access3Res::encode, Access3Res::decode),
                sample("READLINK3res INVAL", new NfsReadlinkReply(NfsStatus.INVAL, FILE_ATTRIBUTES, null),
                        Readlink3Res::encode, Readlink3Res::decode),
                sample("READ3res ISDIR", NfsReadReply.failure(NfsStatus.ISDIR, DIRECTORY_ATTRIBUTES),
                        Read3Res::encode, Read3Res::decode),
                sample("WRITE3res NOSPC", new NfsWriteReply(NfsStatus.NOSPC, FILE_WCC, 0, 0, 0),
                        Write3Res::encode, Write3Res::decode),
                sample("CREATE3res EXIST", new NfsCreateReply(NfsStatus.EXIST, null, null, DIRECTORY_WCC),
                        Create3Res::encode, Create3Res::decode),
                sample("RENAME3res XDEV", new NfsRenameReply(NfsStatus.XDEV, AFTER_ONLY, DIRECTORY_WCC),
                        Rename3Res::encode, Rename3Res::decode),
                sample("LINK3res MLINK", new NfsLinkReply(NfsStatus.MLINK, FILE_ATTRIBUTES, DIRECTORY_WCC),
                        Link3Res::encode, Link3Res::decode),
                sample("FSSTAT3res IO", new NfsFsStatReply(NfsStatus.IO, DIRECTORY_ATTRIBUTES, 0, 0, 0, 0, 0, 0, 0),
                        Fsstat3Res::encode, Fsstat3Res::decode),
                sample("FSINFO3res STALE", new FsinfoResult(new NfsFsInfoReply(NfsStatus.STALE, DIRECTORY_ATTRIBUTES,
                        0, 0, 0), 0, 0, 0, 0, 0, 0, 0), Fsinfo3Res::encode, Fsinfo3Res::decode),
                sample("PATHCONF3res BADHANDLE", new NfsPathconfReply(NfsStatus.BADHANDLE, null, 0, 0, false, false,
                        false, false), Pathconf3Res::encode, Pathconf3Res::decode),
                sample("COMMIT3res IO", new NfsCommitReply(NfsStatus.IO, AFTER_ONLY, 0),
                        Commit3Res::encode, Commit3Res::decode));
    }

    private static <T> Arguments sample(String structure, T value, BiConsumer<T, XdrWriter> encoder,
                                        XdrDecoder<T> decoder) {
        return Arguments.of(structure, value, encoder, decoder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"successes", "failures"})
    <T> void decodesWhatItEncodes(String structure, T value, BiConsumer<T, XdrWriter> encoder, XdrDecoder<T> decoder)
            throws XdrException {
        ByteBuf encoded = Unpooled.buffer();
        encoder.accept(value, new XdrWriter(encoded));
        XdrReader in = new XdrReader(encoded);
        T decoded = decoder.decode(in);
        assertEquals(0, in.remaining(), "bytes left after decoding");
        assertSameValue(value, decoded);
    }

    @Test
    void failedLookupCarriesOnlyTheDirectoryAttributes() {
        ByteBuf encoded = encode(Lookup3Res::encode, new NfsLookupReply(NfsStatus.NOENT, FILE, FILE_ATTRIBUTES,
                DIRECTORY_ATTRIBUTES));
        assertEquals(NfsStatus.NOENT.code(), encoded.readInt());
        assertEquals(1, encoded.readInt(), "dir_attributes follow");
        assertEquals(84, encoded.readableBytes(), "fattr3 and nothing else");
        assertEquals(2, encoded.readInt(), "NF3DIR: the directory's attributes, not the object's");
    }

    @Test
    void failedCreateCarriesOnlyTheDirectoryWcc() {
        ByteBuf encoded = encode(Create3Res::encode, new NfsCreateReply(NfsStatus.EXIST, FILE, FILE_ATTRIBUTES,
                DIRECTORY_WCC));
        assertEquals(NfsStatus.EXIST.code(), encoded.readInt());
        assertEquals(1, encoded.readInt(), "pre_op_attr follows, no post_op_fh3 before it");
        assertEquals(8 + 8 + 8 + 4 + 84, encoded.readableBytes(), "wcc_attr and post_op_attr, nothing else");
    }

    @Test
    void readRepeatsTheDataLengthAsCountBeforeEof() {
        ByteBuf encoded = encode(Read3Res::encode,
                new NfsReadReply(NfsStatus.OK, null, new byte[] {7, 7, 7, 7, 7}, true));
        assertEquals(0, encoded.readInt(), "NFS3_OK");
        assertEquals(0, encoded.readInt(), "no file_attributes");
        assertEquals(5, encoded.readInt(), "count");
        assertEquals(1, encoded.readInt(), "eof");
        assertEquals(5, encoded.readInt(), "opaque length");
        assertEquals(8, encoded.readableBytes(), "five bytes padded to eight");
    }

    @Test
    void writeReportsCountCommittedAndTheEightByteVerifier() {
        ByteBuf encoded = encode(Write3Res::encode, new NfsWriteReply(NfsStatus.OK, NfsWcc.NONE, 4096, 1,
                0x0102_0304_0506_0708L));
        assertEquals(0, encoded.readInt(), "NFS3_OK");
        assertEquals(0, encoded.readInt(), "no wcc_attr");
        assertEquals(0, encoded.readInt(), "no post_op_attr");
        assertEquals(4096, encoded.readInt());
        assertEquals(1, encoded.readInt(), "DATA_SYNC");
        assertEquals(0x0102_0304_0506_0708L, encoded.readLong());
        assertEquals(0, encoded.readableBytes());
    }

    @Test
    void fsinfoWritesTheSizesInTheRfcOrder() {
        NfsFsInfoReply reply = new NfsFsInfoReply(NfsStatus.OK, null, 1L << 50, 1_500_000_001L, 0x1B);
        ByteBuf encoded = encode(Fsinfo3Res::encode, new FsinfoResult(reply, 11, 12, 13, 21, 22, 23, 31));
        assertEquals(0, encoded.readInt(), "NFS3_OK");
        assertEquals(0, encoded.readInt(), "no obj_attributes");
        int[] sizes = new int[7];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = encoded.readInt();
        }
        assertArrayEquals(new int[] {11, 12, 13, 21, 22, 23, 31}, sizes, "rt max/pref/mult, wt max/pref/mult, dtpref");
        assertEquals(1L << 50, encoded.readLong(), "maxfilesize");
        assertEquals(1, encoded.readInt(), "time_delta seconds");
        assertEquals(500_000_001, encoded.readInt(), "time_delta nanoseconds");
        assertEquals(0x1B, encoded.readInt(), "properties");
        assertEquals(0, encoded.readableBytes());
    }

    @Test
    void aReadWhoseCountDiffersFromItsDataDoesNotDecode() {
        ByteBuf wire = Unpooled.buffer().writeInt(0).writeInt(0).writeInt(6).writeInt(0).writeInt(5).writeZero(8);
        assertThrows(XdrException.class, () -> Read3Res.decode(new XdrReader(wire)));
    }

    @Test
    void valueAssertionsSeeIntoByteArrays() {
        NfsReadlinkReply one = new NfsReadlinkReply(NfsStatus.OK, null, name("a"));
        NfsReadlinkReply other = new NfsReadlinkReply(NfsStatus.OK, null, name("b"));
        assertSameValue(one, new NfsReadlinkReply(NfsStatus.OK, null, name("a")));
        assertThrows(AssertionError.class, () -> assertSameValue(one, other));
    }

    private static <T> ByteBuf encode(BiConsumer<T, XdrWriter> encoder, T value) {
        ByteBuf buf = Unpooled.buffer();
        encoder.accept(value, new XdrWriter(buf));
        return buf;
    }
}
