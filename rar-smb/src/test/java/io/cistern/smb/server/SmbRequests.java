package io.cistern.smb.server;

import io.cistern.smb.wire.Smb1NegotiateRequest;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2Header;
import io.cistern.smb.wire.Smb2NegotiateRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** Builds client requests, framed for Direct TCP, as a client would send them. */
final class SmbRequests {
    static final UUID CLIENT_GUID = UUID.fromString("11111111-2222-3333-4444-555555555555");

    private SmbRequests() {
    }

    static Smb2Header requestHeader(int command, long messageId, int creditsRequested) {
        return new Smb2Header(0, 0, command, creditsRequested, 0, 0, messageId, 0xFEFF, 0, 0, 0, new byte[16]);
    }

    static ByteBuf smb2(Smb2Header header, Consumer<ByteBuf> body) {
        ByteBuf message = Unpooled.buffer();
        header.encode(message);
        body.accept(message);
        return frame(message);
    }

    static ByteBuf smb2Negotiate(long messageId, int creditsRequested, Integer... dialects) {
        return smb2(requestHeader(Smb2Command.NEGOTIATE, messageId, creditsRequested),
                Smb2NegotiateRequest.of(1, 0, CLIENT_GUID, List.of(dialects))::encode);
    }

    static ByteBuf smb1Negotiate(String... dialects) {
        ByteBuf message = Unpooled.buffer();
        new Smb1NegotiateRequest(0x18, 0xC853, 0, 0xFFFF, 0xFEFF, 0, 0, List.of(dialects)).encode(message);
        return frame(message);
    }

    /** A request with an empty body, enough for the checks that precede any command. */
    static ByteBuf bare(int command, long messageId) {
        return smb2(requestHeader(command, messageId, 1), body -> body.writeShortLE(4).writeShortLE(0));
    }

    static ByteBuf frame(ByteBuf message) {
        ByteBuf framed = Unpooled.buffer().writeInt(message.readableBytes()).writeBytes(message);
        message.release();
        return framed;
    }
}
