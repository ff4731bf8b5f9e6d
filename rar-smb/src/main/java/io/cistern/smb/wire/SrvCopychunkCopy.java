package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SRV_COPYCHUNK_COPY, [MS-SMB2] 2.2.31.1: the input of FSCTL_SRV_COPYCHUNK and FSCTL_SRV_COPYCHUNK_WRITE, the
 * source's resume key (as FSCTL_SRV_REQUEST_RESUME_KEY gave it, 2.2.32.3) and the chunks to copy, each an
 * SRV_COPYCHUNK (2.2.31.1.1). The input must hold every chunk ChunkCount announces; bytes after them are ignored.
 *
 * @param sourceKey the 24-byte resume key of the source open
 * @param chunks    the ranges to copy, in order
 */
public record SrvCopychunkCopy(byte[] sourceKey, List<Chunk> chunks) {
    public static final int KEY_SIZE = 24;
    /** SourceKey, ChunkCount and Reserved before the chunks. */
    public static final int FIXED_SIZE = 32;

    /**
     * SRV_COPYCHUNK, [MS-SMB2] 2.2.31.1.1: one range, SourceOffset and TargetOffset as sent (an offset at or past
     * 2^63 arrives negative) and Length, an unsigned 32-bit count.
     */
    public record Chunk(long sourceOffset, long targetOffset, long length) {
        public static final int SIZE = 24;

        public Chunk {
            if (length < 0 || length > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("chunk length " + length + " is no unsigned 32-bit count");
            }
        }
    }

    public SrvCopychunkCopy {
        if (sourceKey.length != KEY_SIZE) {
            throw new IllegalArgumentException("a resume key has 24 bytes, not " + sourceKey.length);
        }
        sourceKey = sourceKey.clone();
        chunks = List.copyOf(chunks);
    }

    @Override
    public byte[] sourceKey() {
        return sourceKey.clone();
    }

    /** Sum of the chunks' lengths. */
    public long totalLength() {
        return chunks.stream().mapToLong(Chunk::length).sum();
    }

    public static SrvCopychunkCopy decode(byte[] input) throws SmbWireException {
        if (input.length < FIXED_SIZE) {
            throw new SmbWireException("SRV_COPYCHUNK_COPY of " + input.length + " bytes, at least 32 expected");
        }
        WireReader in = new WireReader(Unpooled.wrappedBuffer(input));
        byte[] key = in.readBytes(KEY_SIZE);
        long count = Integer.toUnsignedLong(in.readInt32());
        in.skip(4);
        if (count > (long) (input.length - FIXED_SIZE) / Chunk.SIZE) {
            throw new SmbWireException("ChunkCount " + count + " does not fit in " + input.length + " bytes");
        }
        List<Chunk> chunks = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            long source = in.readInt64();
            long target = in.readInt64();
            long length = Integer.toUnsignedLong(in.readInt32());
            in.skip(4);
            chunks.add(new Chunk(source, target, length));
        }
        return new SrvCopychunkCopy(key, chunks);
    }

    public byte[] encode() {
        ByteBuf out = Unpooled.buffer(FIXED_SIZE + chunks.size() * Chunk.SIZE);
        out.writeBytes(sourceKey);
        out.writeIntLE(chunks.size());
        out.writeIntLE(0);
        for (Chunk chunk : chunks) {
            out.writeLongLE(chunk.sourceOffset());
            out.writeLongLE(chunk.targetOffset());
            out.writeIntLE((int) chunk.length());
            out.writeIntLE(0);
        }
        return ByteBufUtil.getBytes(out);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SrvCopychunkCopy c && Arrays.equals(sourceKey, c.sourceKey) && chunks.equals(c.chunks);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(sourceKey) + chunks.hashCode();
    }

    @Override
    public String toString() {
        return "SrvCopychunkCopy[" + chunks.size() + " chunks, " + totalLength() + " bytes]";
    }
}
