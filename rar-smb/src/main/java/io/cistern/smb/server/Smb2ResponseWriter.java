package io.cistern.smb.server;

import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2ErrorResponse;
import io.cistern.smb.wire.Smb2Header;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;

/**
 * Encodes SMB2 responses into pooled buffers and writes them; safe to call from any thread, since Netty
 * hands writes from other threads to the connection's event loop.
 *
 * <p>Signing happens here and nowhere else ([MS-SMB2] 3.3.4.1.1, 3.1.4.1): a caller that passes a signer gets
 * SMB2_FLAGS_SIGNED set and the signature computed over the whole encoded message; which responses are signed
 * is the session's decision ({@link SmbSession#responseSigner}).
 *
 * <p>Credits ([MS-SMB2] 3.3.1.2): a response asks to grant what its request asked for, and {@link #encode} grants
 * what the connection's {@link CreditWindow} allows of that, recording it in the window, which then admits those
 * MessageIds. Every response is encoded here, so no grant escapes the window.
 *
 * <p>The responses to a compound chain are held until the chain is answered and then sent in one message
 * ({@link CompoundReplies}, {@link CompoundResponse}); each is signed there, on its own, once its padding is known.
 */
final class Smb2ResponseWriter {
    private volatile Consumer<Smb2Header> responses = header -> { };
    private final CompoundReplies compounded = new CompoundReplies();
    private static final int TYPICAL_RESPONSE_BYTES = 256;

    /**
     * What a response asks to grant: what its request asked for, at least one. The ceiling is the window's, which
     * caps what the client holds at once ({@link CreditWindow#MAX_OUTSTANDING}), so one grant can never exceed it.
     */
    static int creditsGranted(int creditsRequested) {
        return Math.min(Math.max(creditsRequested, 1), CreditWindow.MAX_OUTSTANDING);
    }

    /** Writes a header and the body the encoder appends, unsigned. */
    void write(Channel channel, Smb2Header header, Consumer<ByteBuf> body) {
        write(channel, header, body, null);
    }

    /** Writes a header and the body the encoder appends, protected as {@code protection} says (null: not). */
    void write(Channel channel, Smb2Header header, Consumer<ByteBuf> body, ResponseProtection protection) {
        send(channel, header, encodePlain(channel, header, body, protection), protection);
    }

    /** Sends a response, or hands it to the compound chain it answers, which sends it with the rest. */
    private void send(Channel channel, Smb2Header header, ByteBuf plain, ResponseProtection protection) {
        if (!compounded.offer(channel, header, plain, protection)) {
            channel.writeAndFlush(protect(plain, protection), channel.voidPromise());
        }
        responses.accept(header);
    }

    /**
     * The requests of a compound chain ({@code elements}, read here and not kept) are answered together: their
     * responses are held until each has one ({@link CompoundReplies}). Before the chain's first request is handled.
     */
    void expectChain(List<ByteBuf> elements) {
        compounded.expect(elements);
    }

    /** Drops the responses held for chains (the connection closed). */
    void dropChains() {
        compounded.clear();
    }

    /** Who hears of each response written (the compound chain waiting for one); one observer per connection. */
    void onResponse(Consumer<Smb2Header> observer) {
        responses = observer;
    }

    /** Sends a response {@link #encode} made. */
    void send(Channel channel, ByteBuf encoded) {
        channel.writeAndFlush(encoded, channel.voidPromise());
    }

    /** The error response ([MS-SMB2] 2.2.2, 3.3.4.4) to a request, with its command, MessageId and session. */
    void writeError(Channel channel, Smb2Header request, int status) {
        writeError(channel, request, status, null);
    }

    /** An error response protected as {@code protection} says (null: not). */
    void writeError(Channel channel, Smb2Header request, int status, ResponseProtection protection) {
        write(channel, errorHeader(request, status), Smb2ErrorResponse.EMPTY::encode, protection);
    }

    /** An error response to a request after which the connection cannot go on; closes once it is sent. */
    void writeErrorAndClose(Channel channel, Smb2Header request, int status) {
        channel.writeAndFlush(encode(channel, errorHeader(request, status), Smb2ErrorResponse.EMPTY::encode, null))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private static Smb2Header errorHeader(Smb2Header request, int status) {
        return responseTo(request, status);
    }

    /**
     * The header of the response to {@code request} ([MS-SMB2] 3.3.4.1): its command, MessageId, SessionId and, for
     * a sync request, TreeId, with {@code status} and the credits granted.
     */
    static Smb2Header responseTo(Smb2Header request, int status) {
        if (request.isAsync()) {
            // the final response of a request that went async: its interim response granted the credits (3.3.4.3)
            return Smb2Header.asyncResponse(request.command(), request.messageId(), status, 0, request.sessionId(),
                    request.asyncId()).withCreditCharge(request.creditCharge());
        }
        return Smb2Header.response(request.command(), request.messageId(), status, creditsGranted(request.credits()),
                request.sessionId()).withCreditCharge(request.creditCharge()).withTreeId(request.treeId());
    }

    /**
     * The interim response ([MS-SMB2] 3.3.4.2) telling the client that {@code request} goes on as {@code asyncId}:
     * STATUS_PENDING, the credits granted, an empty error body. Not signed, as the section advises; encrypted when
     * the session encrypts, as every response then is.
     */
    void writeInterim(Channel channel, Smb2Header request, long asyncId, ResponseProtection protection) {
        Smb2Header interim = Smb2Header.asyncResponse(request.command(), request.messageId(), NtStatus.STATUS_PENDING,
                creditsGranted(request.credits()), request.sessionId(), asyncId).withCreditCharge(request.creditCharge());
        write(channel, interim, Smb2ErrorResponse.EMPTY::encode,
                protection instanceof ResponseProtection.Encrypted ? protection : null);
    }

    /**
     * Writes a response whose body is the fixed part {@code fixedPart} appends followed by {@code lent}, data the
     * application lends until {@code release} runs (a READ's): sent from where it lies, without a copy, unless the
     * response is encrypted, which reads it once into the ciphertext. {@code release} runs exactly once, when the
     * response is written to the socket or dropped, or at once when encoding fails.
     */
    void writeLent(Channel channel, Smb2Header header, Consumer<ByteBuf> fixedPart, List<ByteBuffer> lent,
                   Runnable release, ResponseProtection protection) {
        send(channel, header, encodePlainLent(channel, header, fixedPart, lent, release, protection), protection);
    }

    /**
     * The encoded and protected response, for a caller that must see its bytes before it is sent (the
     * pre-authentication integrity hash of 3.1.1); {@link #send} it, or release it.
     */
    static ByteBuf encode(Channel channel, Smb2Header header, Consumer<ByteBuf> body, ResponseProtection protection) {
        return protect(encodePlain(channel, header, body, protection), protection);
    }

    /** As {@link #writeLent} says, encoded and protected but not sent; {@code release} belongs to the result. */
    static ByteBuf encodeLent(Channel channel, Smb2Header header, Consumer<ByteBuf> fixedPart, List<ByteBuffer> lent,
                              Runnable release, ResponseProtection protection) {
        return protect(encodePlainLent(channel, header, fixedPart, lent, release, protection), protection);
    }

    /** As {@link #encodeLent}, unprotected. */
    private static ByteBuf encodePlainLent(Channel channel, Smb2Header header, Consumer<ByteBuf> fixedPart,
                                           List<ByteBuffer> lent, Runnable release, ResponseProtection protection) {
        ByteBuf head;
        try {
            head = encodePlain(channel, header, fixedPart, protection);
        } catch (RuntimeException | Error e) {
            release.run();
            throw e;
        }
        return LentData.assemble(head, lent, release);
    }

    /** The header (with the credits the window grants, flagged signed when it will be) and the body, unprotected. */
    private static ByteBuf encodePlain(Channel channel, Smb2Header header, Consumer<ByteBuf> body,
                                       ResponseProtection protection) {
        CreditWindow window = channel.attr(CreditWindow.KEY).get();
        Smb2Header granting = window == null ? header : header.withCredits(window.grant(header.credits()));
        ByteBuf out = channel.alloc().ioBuffer(TYPICAL_RESPONSE_BYTES);
        try {
            boolean signed = protection instanceof ResponseProtection.Signed;
            (signed ? granting.withSignedFlag() : granting).encode(out);
            body.accept(out);
            return out;
        } catch (RuntimeException | Error e) {
            out.release();
            throw e;
        }
    }

    /** Signs {@code message} in place or encrypts it into a new buffer (releasing it); owns it either way. */
    static ByteBuf protect(ByteBuf message, ResponseProtection protection) {
        try {
            if (protection instanceof ResponseProtection.Signed signing) {
                signing.signer().sign(message, message.readerIndex(), message.readableBytes());
            } else if (protection instanceof ResponseProtection.Encrypted encryption) {
                ByteBuf transformed = encryption.cipher().encrypt(message, encryption.sessionId());
                message.release();
                return transformed;
            }
            return message;
        } catch (RuntimeException | Error e) {
            if (message.refCnt() > 0) {
                message.release();
            }
            throw e;
        }
    }
}
