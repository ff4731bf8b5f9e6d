package io.cistern.smb.rpc;

import java.nio.charset.StandardCharsets;

/**
 * NDR 2.0 decoding, little-endian, of what srvsvc requests carry: aligned uint32s, unique pointers and [string]
 * wchar_t* pointees. Every read is bounds-checked: a stub that ends early or claims more than it holds is a
 * {@link RpcProtocolException}, never an index error.
 */
final class NdrReader {
    /** Longer than any share or server name; a count beyond it is a malformed stub, not a reason to allocate. */
    static final int MAX_STRING_UNITS = 4096;

    private final byte[] stub;
    private int position;

    NdrReader(byte[] stub) {
        this.stub = stub.clone();
    }

    long uint32() throws RpcProtocolException {
        position += (4 - position % 4) % 4;
        require(4);
        long value = (stub[position] & 0xFFL) | (stub[position + 1] & 0xFFL) << 8 | (stub[position + 2] & 0xFFL) << 16
                | (stub[position + 3] & 0xFFL) << 24;
        position += 4;
        return value;
    }

    /** Whether the unique pointer that comes next is non-null. */
    boolean pointer() throws RpcProtocolException {
        return uint32() != 0;
    }

    /** A [string] wchar_t* pointee, without its terminating NUL. */
    String string() throws RpcProtocolException {
        long max = uint32();
        long offset = uint32();
        long actual = uint32();
        if (max > MAX_STRING_UNITS || offset != 0 || actual > max) {
            throw new RpcProtocolException("NDR string of " + actual + " units (max " + max + ", offset " + offset + ")");
        }
        int bytes = (int) actual * 2;
        require(bytes);
        String value = new String(stub, position, bytes, StandardCharsets.UTF_16LE);
        position += bytes;
        int nul = value.indexOf('\0');
        return nul < 0 ? value : value.substring(0, nul);
    }

    private void require(int count) throws RpcProtocolException {
        if (position + count > stub.length) {
            throw new RpcProtocolException("NDR stub ends after " + stub.length + " bytes");
        }
    }
}
