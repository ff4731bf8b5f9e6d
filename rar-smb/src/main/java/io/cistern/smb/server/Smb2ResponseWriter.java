package io.cistern.smb.server;

import io.cistern.smb.wire.Smb2ErrorResponse;
import io.cistern.smb.wire.Smb2Header;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.function.Consumer;

/**
 * Encodes SMB2 responses into pooled buffers and writes them; safe to call from any thread, since Netty
 * hands writes from other threads to the connection's event loop.
 *
 * <p>Credits ([MS-SMB2] 3.3.1.2): every response grants what its request asked for, at least one so the
 * client can always send again, and at most {@link #MAX_CREDITS_GRANTED} (Samba's default limit). The
 * sequence window that would enforce them arrives with sessions.
 */
final class Smb2ResponseWriter {
    static final int MAX_CREDITS_GRANTED = 8192;
    private static final int TYPICAL_RESPONSE_BYTES = 256;

    static int creditsGranted(int creditsRequested) {
        return Math.min(Math.max(creditsRequested, 1), MAX_CREDITS_GRANTED);
    }

    /** Writes a header and the body the encoder appends. */
    void write(Channel channel, Smb2Header header, Consumer<ByteBuf> body) {
        channel.writeAndFlush(encode(channel, header, body), channel.voidPromise());
    }

    /** The error response ([MS-SMB2] 2.2.2, 3.3.4.4) to a request, with its command, MessageId and session. */
    void writeError(Channel channel, Smb2Header request, int status) {
        write(channel, errorHeader(request, status), Smb2ErrorResponse.EMPTY::encode);
    }

    /** An error response to a request after which the connection cannot go on; closes once it is sent. */
    void writeErrorAndClose(Channel channel, Smb2Header request, int status) {
        channel.writeAndFlush(encode(channel, errorHeader(request, status), Smb2ErrorResponse.EMPTY::encode))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private static Smb2Header errorHeader(Smb2Header request, int status) {
        return Smb2Header.response(request.command(), request.messageId(), status, creditsGranted(request.credits()),
                request.sessionId());
    }

    private static ByteBuf encode(Channel channel, Smb2Header header, Consumer<ByteBuf> body) {
        ByteBuf out = channel.alloc().ioBuffer(TYPICAL_RESPONSE_BYTES);
        try {
            header.encode(out);
            body.accept(out);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }
}
