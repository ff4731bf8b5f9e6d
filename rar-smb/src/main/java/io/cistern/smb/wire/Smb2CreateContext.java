package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SMB2_CREATE_CONTEXT, [MS-SMB2] 2.2.13.2: one element of the chain of create contexts in a CREATE request or
 * response. The name is the 4-character tag ("MxAc", "QFid", "RqLs", ...), kept as ASCII; the data is opaque here.
 * {@link #decodeChain} checks every Next, NameOffset/Length and DataOffset/Length against the chain's bounds.
 */
public record Smb2CreateContext(String name, byte[] data) {
    public static final String MAXIMAL_ACCESS = "MxAc";
    public static final String QUERY_ON_DISK_ID = "QFid";
    private static final int HEADER = 16;

    public Smb2CreateContext {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The chain of {@code length} bytes at {@code offset} from the start of the message. */
    public static List<Smb2CreateContext> decodeChain(WireReader in, int offset, int length) throws SmbWireException {
        List<Smb2CreateContext> chain = new ArrayList<>();
        if (length == 0) {
            return chain;
        }
        if (offset < 0 || (long) offset + length > in.length()) {
            throw new SmbWireException("create contexts at " + offset + " of " + length + " bytes outside the message");
        }
        int at = offset;
        int end = offset + length;
        while (true) {
            if (end - at < HEADER) {
                throw new SmbWireException("create context header truncated at " + at);
            }
            in.seek(at);
            long next = Integer.toUnsignedLong(in.readInt32());
            int nameOffset = in.readUInt16();
            int nameLength = in.readUInt16();
            in.skip(2);                                // Reserved
            int dataOffset = in.readUInt16();
            long dataLength = Integer.toUnsignedLong(in.readInt32());
            int limit = next == 0 ? end - at : (int) Math.min(next, end - at);
            if (next != 0 && (next % 8 != 0 || next > end - at) || nameLength == 0
                    || nameOffset < HEADER || nameOffset + nameLength > limit
                    || dataLength > 0 && (dataOffset < HEADER || dataOffset + dataLength > limit)) {
                throw new SmbWireException("create context at " + at + " has fields outside its bounds");
            }
            in.seek(at + nameOffset);
            String name = new String(in.readBytes(nameLength), StandardCharsets.ISO_8859_1);
            in.seek(at + dataOffset);
            chain.add(new Smb2CreateContext(name, in.readBytes((int) dataLength)));
            if (next == 0) {
                return chain;
            }
            at += (int) next;
        }
    }

    /** Writes the chain, each element 8-byte aligned relative to the first; returns the bytes written. */
    public static int encodeChain(ByteBuf out, List<Smb2CreateContext> chain) {
        int start = out.writerIndex();
        for (int i = 0; i < chain.size(); i++) {
            int at = out.writerIndex();
            Smb2CreateContext context = chain.get(i);
            byte[] name = context.name.getBytes(StandardCharsets.ISO_8859_1);
            int dataOffset = align8(HEADER + name.length);
            int size = dataOffset + context.data.length;
            out.writeIntLE(0);                         // Next, patched below
            out.writeShortLE(HEADER);
            out.writeShortLE(name.length);
            out.writeShortLE(0);
            out.writeShortLE(context.data.length == 0 ? 0 : dataOffset);
            out.writeIntLE(context.data.length);
            out.writeBytes(name);
            out.writeZero(dataOffset - HEADER - name.length);
            out.writeBytes(context.data);
            if (i + 1 < chain.size()) {
                out.writeZero(align8(size) - size);
                out.setIntLE(at, align8(size));
            }
        }
        return out.writerIndex() - start;
    }

    static int align8(int value) {
        return (value + 7) & ~7;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Smb2CreateContext c && name.equals(c.name) && Arrays.equals(data, c.data);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "CreateContext[" + name + ", " + data.length + " bytes]";
    }
}
