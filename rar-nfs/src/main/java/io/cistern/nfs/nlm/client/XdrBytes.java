package io.cistern.nfs.nlm.client;

import io.cistern.nfs.xdr.XdrDecoder;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Arguments and results of outgoing calls as plain byte arrays: they are encoded on whichever thread makes the call
 * and decoded on an event loop, and an array is owned by nobody, so no buffer can leak between the two.
 */
public final class XdrBytes {
    private XdrBytes() {
    }

    public static byte[] encode(Consumer<XdrWriter> writing) {
        ByteBuf buf = Unpooled.buffer();
        writing.accept(new XdrWriter(buf));
        return ByteBufUtil.getBytes(buf);
    }

    /** Decodes inside a future's stage: a malformed reply fails that stage like any other failure. */
    public static <T> T decode(byte[] bytes, XdrDecoder<T> decoder) {
        try {
            return decoder.decode(new XdrReader(Unpooled.wrappedBuffer(bytes)));
        } catch (XdrException e) {
            throw new CompletionException(e);
        }
    }
}
