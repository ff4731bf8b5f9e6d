package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One SMB2 NEGOTIATE_CONTEXT, [MS-SMB2] 2.2.3.1 (request) and 2.2.4.1 (response): ContextType, DataLength, four
 * reserved bytes, then Data. In a list, each context after the first starts on an 8-byte boundary. The types this
 * server reads have value types of their own ({@link PreauthIntegrityCapabilities}, {@link EncryptionCapabilities},
 * {@link SigningCapabilities}); the others are kept as raw data and ignored, as 3.3.5.4 requires of unknown ones.
 *
 * @param type the ContextType
 * @param data the Data field
 */
public record Smb2NegotiateContext(int type, byte[] data) {
    public static final int PREAUTH_INTEGRITY_CAPABILITIES = 0x0001;
    public static final int ENCRYPTION_CAPABILITIES = 0x0002;
    public static final int COMPRESSION_CAPABILITIES = 0x0003;
    public static final int NETNAME_NEGOTIATE_CONTEXT_ID = 0x0005;
    public static final int TRANSPORT_CAPABILITIES = 0x0006;
    public static final int RDMA_TRANSFORM_CAPABILITIES = 0x0007;
    public static final int SIGNING_CAPABILITIES = 0x0008;

    static final int HEADER_SIZE = 8;
    static final int ALIGNMENT = 8;
    /** No client sends more; a count beyond it is a malformed request, not a reason to allocate. */
    public static final int MAX_CONTEXTS = 64;

    public Smb2NegotiateContext {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /**
     * The {@code count} contexts of a list that starts at the beginning of {@code list} (which must itself start on an
     * 8-byte boundary of the message, as NegotiateContextOffset does).
     */
    public static List<Smb2NegotiateContext> readList(byte[] list, int count) throws SmbWireException {
        if (count < 0 || count > MAX_CONTEXTS) {
            throw new SmbWireException("NegotiateContextCount " + count);
        }
        WireReader in = new WireReader(Unpooled.wrappedBuffer(list));
        List<Smb2NegotiateContext> contexts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                int padding = (ALIGNMENT - in.position() % ALIGNMENT) % ALIGNMENT;
                in.skip(Math.min(padding, in.remaining()));
            }
            int type = in.readUInt16();
            int length = in.readUInt16();
            in.skip(4);
            contexts.add(new Smb2NegotiateContext(type, in.readBytes(length)));
        }
        return contexts;
    }

    /** Writes the contexts with the padding between them; {@code out}'s writer index must be 8-byte aligned. */
    public static void writeList(ByteBuf out, List<Smb2NegotiateContext> contexts) {
        int start = out.writerIndex();
        for (int i = 0; i < contexts.size(); i++) {
            if (i > 0) {
                out.writeZero((ALIGNMENT - (out.writerIndex() - start) % ALIGNMENT) % ALIGNMENT);
            }
            Smb2NegotiateContext context = contexts.get(i);
            out.writeShortLE(context.type);
            out.writeShortLE(context.data.length);
            out.writeIntLE(0);
            out.writeBytes(context.data);
        }
    }

    /** The first context of a type, or null. */
    public static Smb2NegotiateContext find(List<Smb2NegotiateContext> contexts, int type) {
        return contexts.stream().filter(c -> c.type == type).findFirst().orElse(null);
    }

    /** How many contexts of a type the list holds ([MS-SMB2] 3.3.5.4 refuses duplicates of some). */
    public static long count(List<Smb2NegotiateContext> contexts, int type) {
        return contexts.stream().filter(c -> c.type == type).count();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Smb2NegotiateContext c && type == c.type && Arrays.equals(data, c.data);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Smb2NegotiateContext[type=0x" + Integer.toHexString(type) + ", " + data.length + " bytes]";
    }
}
