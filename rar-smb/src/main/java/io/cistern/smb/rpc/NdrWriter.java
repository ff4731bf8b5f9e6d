package io.cistern.smb.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * NDR 2.0 encoding, little-endian ([C706] 14.2): primitives on their natural alignment counted from the start of the
 * stub, unique pointers as non-zero referent ids, and [string] wchar_t* as conformant varying arrays of UTF-16LE
 * code units with their terminating NUL (14.3.4).
 */
final class NdrWriter {
    private final ByteBuf out = Unpooled.buffer();
    private int nextReferent = 0x0002_0000;

    NdrWriter uint32(long value) {
        align(4);
        out.writeIntLE((int) value);
        return this;
    }

    /** A unique pointer that is not null: its referent id; the pointee is written where NDR defers it. */
    NdrWriter pointer() {
        uint32(nextReferent);
        nextReferent += 4;
        return this;
    }

    NdrWriter nullPointer() {
        return uint32(0);
    }

    /** The pointee of a [string] wchar_t*: max count, offset 0, actual count, the code units and NUL. */
    NdrWriter string(String value) {
        byte[] utf16 = (value + "\0").getBytes(StandardCharsets.UTF_16LE);
        int units = utf16.length / 2;
        uint32(units).uint32(0).uint32(units);
        out.writeBytes(utf16);
        return this;
    }

    byte[] bytes() {
        return ByteBufUtil.getBytes(out);
    }

    private void align(int boundary) {
        out.writeZero((boundary - out.writerIndex() % boundary) % boundary);
    }
}
