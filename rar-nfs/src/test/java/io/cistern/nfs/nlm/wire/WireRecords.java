package io.cistern.nfs.nlm.wire;

import io.cistern.nfs.xdr.XdrDecoder;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.reflect.RecordComponent;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * Helpers for wire tests of structures that hold byte arrays, whose records compare arrays by identity: a value is
 * rendered field by field (arrays as hex) so that two decodings compare by content.
 */
public final class WireRecords {
    private WireRecords() {
    }

    public static String render(Object value) {
        if (value instanceof byte[] bytes) {
            return "0x" + HexFormat.of().formatHex(bytes);
        }
        if (value == null || !value.getClass().isRecord()) {
            return String.valueOf(value);
        }
        StringBuilder text = new StringBuilder(value.getClass().getSimpleName()).append('(');
        for (RecordComponent component : value.getClass().getRecordComponents()) {
            try {
                text.append(component.getName()).append('=').append(render(component.getAccessor().invoke(value)))
                        .append(' ');
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        return text.append(')').toString();
    }

    public static int[] words(Consumer<XdrWriter> writing) {
        ByteBuf buf = Unpooled.buffer();
        writing.accept(new XdrWriter(buf));
        int[] words = new int[buf.readableBytes() / 4];
        for (int i = 0; i < words.length; i++) {
            words[i] = buf.getInt(i * 4);
        }
        if (buf.readableBytes() % 4 != 0) {
            throw new AssertionError("XDR is a multiple of four bytes, not " + buf.readableBytes());
        }
        return words;
    }

    /** Encodes, decodes, and checks that the decoder took every byte. */
    public static <T> T roundTrip(Consumer<XdrWriter> writing, XdrDecoder<T> decoder) throws XdrException {
        ByteBuf buf = Unpooled.buffer();
        writing.accept(new XdrWriter(buf));
        T value = decoder.decode(new XdrReader(buf));
        if (buf.isReadable()) {
            throw new AssertionError(buf.readableBytes() + " bytes left after decoding");
        }
        return value;
    }

    public static XdrReader reader(Consumer<XdrWriter> writing) {
        ByteBuf buf = Unpooled.buffer();
        writing.accept(new XdrWriter(buf));
        return new XdrReader(buf);
    }

    /** The first four bytes of {@code text} as a big-endian word, zero-padded. */
    public static int word(String text) {
        byte[] bytes = java.util.Arrays.copyOf(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 4);
        return ((bytes[0] & 0xFF) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
    }
}
