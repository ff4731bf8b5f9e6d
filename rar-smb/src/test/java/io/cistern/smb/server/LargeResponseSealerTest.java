package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.smb.crypto.Smb2Cipher;
import io.cistern.smb.crypto.Smb2MessageCipher;
import io.cistern.smb.spi.SmbListener;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2Header;
import io.cistern.smb.wire.Smb2ReadResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A large encrypted READ response is sealed by a request worker, not by the thread that answers (the event loop),
 * and is then the response the copying encoder makes, encrypted with the session's key; a small one, or one no
 * worker takes, is sealed at once, as before. The lent data goes back exactly once either way.
 */
class LargeResponseSealerTest {
    private static final long SESSION_ID = 0x4000_0000_0021L;
    private static final Smb2Header HEADER = Smb2Header.response(Smb2Command.READ, 91, NtStatus.STATUS_SUCCESS, 3,
            SESSION_ID).withTreeId(4);

    private final List<Consumer<SmbListener>> queued = new ArrayList<>();
    private final AtomicInteger released = new AtomicInteger();
    private final Smb2MessageCipher cipher = new Smb2MessageCipher(Smb2Cipher.AES_128_GCM, new byte[16]);
    private final ResponseProtection.Encrypted encrypted = new ResponseProtection.Encrypted(cipher, SESSION_ID);

    @Test
    void aLargeResponseIsSealedOnAWorkerThread() throws Exception {
        Smb2ResponseWriter writer = new Smb2ResponseWriter(task -> queued.add(task));
        byte[] data = random(8 << 20);
        EmbeddedChannel channel = new EmbeddedChannel();

        writer.writeLent(channel, HEADER, fixedPart(data), views(data), released::incrementAndGet, encrypted);

        assertNull(channel.readOutbound(), "nothing sealed nor sent on the answering thread");
        assertEquals(0, released.get(), "the data stays lent until it is sealed");
        assertEquals(1, queued.size());
        Thread worker = new Thread(() -> queued.get(0).accept(null));
        worker.start();
        worker.join();

        assertEquals(1, released.get(), "the ciphertext holds the bytes; the views go back once sealed");
        ByteBuf sent = channel.readOutbound();
        byte[] plain = cipher.decrypt(ByteBufUtil.getBytes(sent));
        sent.release();
        assertArrayEquals(copyingEncoder(channel, data), plain);
        assertEquals(1, released.get());
    }

    @Test
    void aSmallResponseIsSealedAtOnce() throws Exception {
        Smb2ResponseWriter writer = new Smb2ResponseWriter(task -> queued.add(task));
        byte[] data = random(LargeResponseSealer.OFF_LOOP_BYTES / 2);
        EmbeddedChannel channel = new EmbeddedChannel();

        writer.writeLent(channel, HEADER, fixedPart(data), views(data), released::incrementAndGet, encrypted);

        assertTrue(queued.isEmpty());
        assertSealedCopy(channel, data);
    }

    @Test
    void whenNoWorkerTakesItTheResponseIsSealedAtOnce() throws Exception {
        Smb2ResponseWriter writer = new Smb2ResponseWriter(task -> false);
        byte[] data = random(LargeResponseSealer.OFF_LOOP_BYTES + 1);
        EmbeddedChannel channel = new EmbeddedChannel();

        writer.writeLent(channel, HEADER, fixedPart(data), views(data), released::incrementAndGet, encrypted);

        assertSealedCopy(channel, data);
    }

    private void assertSealedCopy(EmbeddedChannel channel, byte[] data) throws Exception {
        assertEquals(1, released.get());
        ByteBuf sent = channel.readOutbound();
        byte[] plain = cipher.decrypt(ByteBufUtil.getBytes(sent));
        sent.release();
        assertArrayEquals(copyingEncoder(channel, data), plain);
    }

    private static Consumer<ByteBuf> fixedPart(byte[] data) {
        return out -> Smb2ReadResponse.encodeFixedPart(out, data.length);
    }

    private static byte[] copyingEncoder(EmbeddedChannel channel, byte[] data) {
        ByteBuf old = Smb2ResponseWriter.encode(channel, HEADER, new Smb2ReadResponse(ByteBuffer.wrap(data))::encode,
                null);
        try {
            return ByteBufUtil.getBytes(old);
        } finally {
            old.release();
        }
    }

    /** The data as read-only direct views of 4 MiB blocks, as the cache lends them. */
    private static List<ByteBuffer> views(byte[] data) {
        List<ByteBuffer> views = new ArrayList<>();
        for (int at = 0; at < data.length; at += 4 << 20) {
            int length = Math.min(4 << 20, data.length - at);
            views.add(ByteBuffer.allocateDirect(length).put(data, at, length).flip().asReadOnlyBuffer());
        }
        return views;
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}
