package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.nfs3.Nfs3Limits;
import io.cistern.nfs.rpc.HeldArguments;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * WRITE3args (RFC 1813 section 3.3.7). The wire carries the byte count twice (count3 and the opaque's length); a
 * request where they differ, with a stable_how that does not exist, or with more than
 * {@link Nfs3Limits#MAX_TRANSFER} bytes is refused as garbage rather than guessed at, since writing the wrong bytes
 * is worse than writing none. The count is therefore not a component: it is always the data's length.
 * <p>
 * Decoded, the data is a slice of the received record, not a copy: a 1 MiB WRITE reaches the journal from the buffer
 * it was received into. Whoever decodes it releases it ({@link #release()}); the RPC layer does so after the
 * procedure ran.
 */
public record Write3Args(byte[] file, long offset, int stable, ByteBuf data) implements HeldArguments {
    public static final int UNSTABLE = 0;
    public static final int DATA_SYNC = 1;
    public static final int FILE_SYNC = 2;

    /** Arguments to encode, for a client (tests): the data is the caller's array, not copied. */
    public Write3Args(byte[] file, long offset, int stable, byte[] data) {
        this(file, offset, stable, Unpooled.wrappedBuffer(data));
    }

    public static Write3Args decode(XdrReader in) throws XdrException {
        byte[] file = FileHandle3.decode(in);
        long offset = in.readLong();
        long count = in.readUnsignedInt();
        int stable = in.readInt();
        if (stable < UNSTABLE || stable > FILE_SYNC) {
            throw new XdrException("no stable_how " + stable);
        }
        ByteBuf data = in.readOpaqueRetained(Nfs3Limits.MAX_TRANSFER);
        if (count != data.readableBytes()) {
            int length = data.readableBytes();
            data.release();
            throw new XdrException("WRITE count " + count + " but " + length + " bytes of data");
        }
        return new Write3Args(file, offset, stable, data);
    }

    public void encode(XdrWriter out) {
        FileHandle3.encode(file, out);
        out.writeLong(offset).writeInt(data.readableBytes()).writeInt(stable).writeOpaque(data.nioBuffer());
    }

    /** The number of bytes to write. */
    public int count() {
        return data.readableBytes();
    }

    @Override
    public void release() {
        data.release();
    }
}
