package io.cistern.smb.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Encrypts large responses (a READ's megabytes) into their TRANSFORM_HEADER messages ([MS-SMB2] 3.1.4.3) on a request
 * worker rather than on the connection's event loop, and writes them from there.
 *
 * <p>The event loop is the one thread that feeds the connection's socket. While it sealed one 8 MiB response
 * (milliseconds of AES-GCM), the response before it, which the socket's buffer only partly held, waited for the
 * rest of its bytes, and so did the client: smbclient keeps just two READs in flight (a 16 MiB window of 8 MiB
 * reads), so every pause on the loop was a pause of the transfer (profiled: the sealing was about a third of the
 * loop's time in an encrypted get). Sealed on a worker, the next response is made while the loop sends this one.
 *
 * <p>Only the cipher's work moves: the session, its keys and the credits the header grants were settled on the
 * event loop, in the plaintext handed over, which is the caller's no longer. Nonces stay unique across threads (the
 * generator is thread-safe), and each sealed message goes to the socket whole; SMB2 responses carry their MessageId,
 * so their order on the wire does not matter. A small response is sealed at once: the hand-off would cost more.
 */
final class LargeResponseSealer {
    private static final Logger LOG = Logger.getLogger(LargeResponseSealer.class.getName());
    /** From this size on a response is sealed on a worker. */
    static final int OFF_LOOP_BYTES = 256 * 1024;

    private final SmbRequestExecutor workers;

    LargeResponseSealer(SmbRequestExecutor workers) {
        this.workers = workers;
    }

    /**
     * Seals {@code plain} for its session and sends it; owns {@code plain} from here on. Sealed on the calling thread
     * when it is small or no worker takes it, and then a failure is the caller's, as an encoding failure is.
     */
    void send(Channel channel, ByteBuf plain, ResponseProtection.Encrypted encryption) {
        if (plain.readableBytes() >= OFF_LOOP_BYTES
                && workers.submit(listener -> sealOnWorker(channel, plain, encryption))) {
            return;
        }
        channel.writeAndFlush(sealed(plain, encryption), channel.voidPromise());
    }

    private static void sealOnWorker(Channel channel, ByteBuf plain, ResponseProtection.Encrypted encryption) {
        ByteBuf transformed;
        try {
            transformed = sealed(plain, encryption);
        } catch (RuntimeException | Error e) {
            // the client waits for this response, which cannot be made: as when encoding fails on the loop, nothing
            // is sent; closing tells the client instead of leaving it waiting
            LOG.log(Level.WARNING, "encrypting a response failed; closing the connection", e);
            channel.close();
            return;
        }
        channel.writeAndFlush(transformed, channel.voidPromise());
    }

    /** The transformed message; {@code plain} is released whatever the outcome. */
    private static ByteBuf sealed(ByteBuf plain, ResponseProtection.Encrypted encryption) {
        try {
            return encryption.cipher().encrypt(plain, encryption.sessionId());
        } finally {
            plain.release();
        }
    }
}
