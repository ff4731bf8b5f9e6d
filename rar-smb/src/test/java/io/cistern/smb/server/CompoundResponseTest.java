package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.smb.crypto.AesCmacSigner;
import io.cistern.smb.crypto.Smb2Cipher;
import io.cistern.smb.crypto.Smb2MessageCipher;
import io.cistern.smb.server.SmbTestConnection.Response;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2ErrorResponse;
import io.cistern.smb.wire.Smb2Header;
import io.cistern.smb.wire.Smb2ReadResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The answers to a compound chain joined into one transport message by {@link Smb2ResponseWriter} ([MS-SMB2]
 * 3.3.4.1.3): held until each request has one, then each padded to 8 bytes, linked by NextCommand, flagged related
 * when its request was, signed on its own over itself and its padding (3.3.4.1.1), and, when the session encrypts,
 * sealed together in one TRANSFORM_HEADER message (3.3.4.1.4); a READ's lent data padded like any body; an interim
 * response in the chain's last place, its final response after the chain; responses to anything else untouched.
 */
class CompoundResponseTest {
    private static final long SESSION_ID = 0x4000_0000_0021L;
    private static final byte[] SIGNING_KEY = "sixteen byte key".getBytes();

    private final Smb2ResponseWriter writer = new Smb2ResponseWriter();
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final AtomicInteger released = new AtomicInteger();

    @AfterEach
    void nothingLeftOver() {
        assertNull(channel.readOutbound(), "no unexpected messages");
        channel.finishAndReleaseAll();
    }

    @Test
    void aSignedRelatedChainIsOneMessageOfPaddedLinkedAndSeparatelySignedResponses() throws Exception {
        ResponseProtection signed = ResponseProtection.signedBy(new AesCmacSigner(SIGNING_KEY));
        writer.expectChain(requests(Smb2Command.CREATE, 10, false, Smb2Command.READ, 11, true, Smb2Command.CLOSE, 12,
                true));
        writer.write(channel, response(Smb2Command.CREATE, 10), body(89 - 1 + 7), signed);     // 64 + 95: padded
        writer.writeLent(channel, response(Smb2Command.READ, 11), out -> Smb2ReadResponse.encodeFixedPart(out, 3),
                List.of(ByteBuffer.wrap("abc".getBytes())), released::incrementAndGet, signed);
        assertNull(channel.readOutbound(), "nothing is sent before the chain is answered");
        writer.write(channel, response(Smb2Command.CLOSE, 12), body(60), signed);

        List<Response> parts = SmbTestConnection.split(ByteBufUtil.getBytes(sent()));
        assertEquals(List.of(Smb2Command.CREATE, Smb2Command.READ, Smb2Command.CLOSE),
                parts.stream().map(p -> p.header().command()).toList());
        assertEquals(List.of(160, 88, 128), parts.stream().map(p -> p.message().length).toList(),
                "64 + 95 to 160; 64 + 16 + 3 to 88; 64 + 60 to 128: each to a multiple of 8, the last too");
        assertEquals(List.of(160, 88, 0), parts.stream().map(p -> p.header().nextCommand()).toList());
        assertEquals(List.of(false, true, true), parts.stream().map(p -> p.header().isRelated()).toList());
        for (Response part : parts) {
            assertTrue(part.header().isSigned(), "signed");
            assertTrue(new AesCmacSigner(SIGNING_KEY).verify(part.message().clone()),
                    "each signature covers its own response and padding: " + Smb2Command.name(part.header().command()));
        }
        byte[] read = parts.get(1).message();
        assertEquals("abc", new String(read, 80, 3), "the lent data where the READ response carries it");
        assertArrayEquals(new byte[5], Arrays.copyOfRange(read, 83, 88), "padded with zeros");
        assertEquals(1, released.get(), "the lent data was handed back once sent");
    }

    @Test
    void anEncryptedChainIsSealedWholeInOneTransformMessage() throws Exception {
        for (Smb2Cipher cipher : List.of(Smb2Cipher.AES_128_GCM, Smb2Cipher.AES_128_CCM)) {
            Smb2MessageCipher sealing = new Smb2MessageCipher(cipher, new byte[cipher.keyLength()]);
            ResponseProtection encrypted = new ResponseProtection.Encrypted(sealing, SESSION_ID);
            writer.expectChain(requests(Smb2Command.CREATE, 20, false, Smb2Command.QUERY_INFO, 21, true));
            writer.write(channel, response(Smb2Command.CREATE, 20), body(100), encrypted);
            writer.write(channel, response(Smb2Command.QUERY_INFO, 21), body(30), encrypted);

            ByteBuf transformed = sent();
            byte[] message = ByteBufUtil.getBytes(transformed);
            assertEquals(0x424D53FD, Unpooled.wrappedBuffer(message).getIntLE(0), cipher + ": a transform header");
            List<Response> parts = SmbTestConnection.split(sealing.decrypt(message));
            assertEquals(List.of(Smb2Command.CREATE, Smb2Command.QUERY_INFO),
                    parts.stream().map(p -> p.header().command()).toList(), cipher.toString());
            assertEquals(List.of(168, 96), parts.stream().map(p -> p.message().length).toList());
            assertEquals(List.of(false, true), parts.stream().map(p -> p.header().isRelated()).toList());
            assertFalse(parts.get(0).header().isSigned(), "encryption, not signatures");
        }
    }

    @Test
    void theLastRequestGoneAsynchronousEndsTheChainWithItsInterimResponseAndItsFinalOneFollows() throws Exception {
        writer.expectChain(requests(Smb2Command.CREATE, 30, false, Smb2Command.CHANGE_NOTIFY, 31, false));
        Smb2Header notify = response(Smb2Command.CHANGE_NOTIFY, 31);
        writer.writeInterim(channel, notify, 5, null);
        // the final response before the chain is complete: held, then sent after it
        writer.write(channel, Smb2ResponseWriter.responseTo(notify.goneAsync(5), NtStatus.STATUS_CANCELLED),
                Smb2ErrorResponse.EMPTY::encode, null);
        assertNull(channel.readOutbound());
        writer.write(channel, response(Smb2Command.CREATE, 30), body(100), null);

        List<Response> chain = SmbTestConnection.split(ByteBufUtil.getBytes(sent()));
        assertEquals(List.of(NtStatus.STATUS_SUCCESS, NtStatus.STATUS_PENDING),
                chain.stream().map(Response::status).toList());
        List<Response> afterwards = SmbTestConnection.split(ByteBufUtil.getBytes(sent()));
        assertEquals(1, afterwards.size());
        assertEquals(NtStatus.STATUS_CANCELLED, afterwards.get(0).status());
        assertEquals(0, afterwards.get(0).header().nextCommand());

        writer.write(channel, response(Smb2Command.ECHO, 31), body(4), null);
        assertEquals(1, SmbTestConnection.split(ByteBufUtil.getBytes(sent())).size(),
                "once the chain is sent, its MessageIds are nobody's");
    }

    @Test
    void responsesOutsideAChainGoAtOnceAndUnansweredRequestsAreNotWaitedFor() throws Exception {
        writer.expectChain(requests(Smb2Command.CLOSE, 40, false, Smb2Command.CANCEL, 41, false, Smb2Command.CLOSE, 42,
                false));
        writer.write(channel, response(Smb2Command.ECHO, 7), body(4), null);
        assertEquals(68, ByteBufUtil.getBytes(sent()).length, "a response alone is neither padded nor held");
        writer.write(channel, response(Smb2Command.CLOSE, 42), body(60), null);
        writer.write(channel, response(Smb2Command.CLOSE, 40), body(60), null);
        List<Response> parts = SmbTestConnection.split(ByteBufUtil.getBytes(sent()));
        assertEquals(List.of(40L, 42L), parts.stream().map(p -> p.header().messageId()).toList(),
                "in the chain's order, the CANCEL not waited for");

        writer.expectChain(requests(Smb2Command.CLOSE, 50, false, Smb2Command.CANCEL, 51, false));
        writer.write(channel, response(Smb2Command.CLOSE, 50), body(60), null);
        assertEquals(124, ByteBufUtil.getBytes(sent()).length, "a chain with one answer is a response alone");
    }

    @Test
    void responsesOfDifferentEncryptionAreNeverSealedTogether() throws Exception {
        Smb2MessageCipher sealing = new Smb2MessageCipher(Smb2Cipher.AES_128_GCM, new byte[16]);
        ResponseProtection encrypted = new ResponseProtection.Encrypted(sealing, SESSION_ID);
        writer.expectChain(requests(Smb2Command.CLOSE, 60, false, Smb2Command.CLOSE, 61, false, Smb2Command.CLOSE, 62,
                false));
        writer.write(channel, response(Smb2Command.CLOSE, 60), body(60), encrypted);
        writer.write(channel, response(Smb2Command.CLOSE, 61), body(60), encrypted);
        writer.writeError(channel, Smb2Header.response(Smb2Command.CLOSE, 62, 0, 1, -1L),
                NtStatus.STATUS_USER_SESSION_DELETED);

        List<Response> sealed = SmbTestConnection.split(sealing.decrypt(ByteBufUtil.getBytes(sent())));
        assertEquals(List.of(60L, 61L), sealed.stream().map(p -> p.header().messageId()).toList());
        List<Response> plain = SmbTestConnection.split(ByteBufUtil.getBytes(sent()));
        assertEquals(List.of(NtStatus.STATUS_USER_SESSION_DELETED), plain.stream().map(Response::status).toList());
    }

    @Test
    void aClosedConnectionReleasesWhatWasHeld() {
        writer.expectChain(requests(Smb2Command.READ, 70, false, Smb2Command.CLOSE, 71, true));
        writer.writeLent(channel, response(Smb2Command.READ, 70), out -> Smb2ReadResponse.encodeFixedPart(out, 3),
                List.of(ByteBuffer.wrap("abc".getBytes())), released::incrementAndGet, null);
        assertEquals(0, released.get());
        writer.dropChains();
        assertEquals(1, released.get(), "the lent data handed back");
        writer.write(channel, response(Smb2Command.CLOSE, 71), body(60), null);
        assertEquals(124, ByteBufUtil.getBytes(sent()).length, "and the chain's other answer goes alone");
    }

    /** The one message the channel has, framed as the writer leaves it (the Direct TCP encoder is not here). */
    private ByteBuf sent() {
        ByteBuf message = channel.readOutbound();
        assertNotNull(message, "a message was sent");
        ByteBuf copy = Unpooled.copiedBuffer(message);
        message.release();
        return copy;
    }

    private static Smb2Header response(int command, long messageId) {
        return Smb2Header.response(command, messageId, NtStatus.STATUS_SUCCESS, 1, SESSION_ID).withTreeId(3);
    }

    /** A body of {@code length} bytes, each 0x5A. */
    private static Consumer<ByteBuf> body(int length) {
        return out -> {
            for (int i = 0; i < length; i++) {
                out.writeByte(0x5A);
            }
        };
    }

    /** Request headers of a chain: (command, MessageId, related) triples. */
    private static List<ByteBuf> requests(Object... triples) {
        List<ByteBuf> elements = new ArrayList<>();
        for (int i = 0; i < triples.length; i += 3) {
            int flags = (Boolean) triples[i + 2] ? Smb2Header.FLAGS_RELATED_OPERATIONS : 0;
            ByteBuf element = Unpooled.buffer();
            new Smb2Header(0, 0, (Integer) triples[i], 1, flags, 0, ((Integer) triples[i + 1]).longValue(), 0, 3, 0,
                    SESSION_ID, new byte[16]).encode(element);
            elements.add(element);
        }
        return elements;
    }
}
