package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The FSCTL_VALIDATE_NEGOTIATE_INFO structures: the request, [MS-SMB2] 2.2.31.4 (what the client sent in its
 * NEGOTIATE: Capabilities, Guid, SecurityMode and the dialects), and the response, 2.2.32.6 (what the server
 * answered: Capabilities, its Guid, SecurityMode and the dialect).
 */
public final class ValidateNegotiateInfo {
    public static final int FSCTL = 0x0014_0204;
    /** The response's size, which MaxOutputResponse must allow (3.3.5.15.12). */
    public static final int RESPONSE_SIZE = 24;

    private ValidateNegotiateInfo() {
    }

    /** 2.2.31.4. */
    public record Request(int capabilities, UUID guid, int securityMode, List<Integer> dialects) {
        public Request {
            dialects = List.copyOf(dialects);
        }

        public static Request decode(byte[] input) throws SmbWireException {
            WireReader in = new WireReader(Unpooled.wrappedBuffer(input));
            int capabilities = in.readInt32();
            UUID guid = Guid.read(in);
            int securityMode = in.readUInt16();
            int count = in.readUInt16();
            List<Integer> dialects = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                dialects.add(in.readUInt16());
            }
            return new Request(capabilities, guid, securityMode, dialects);
        }

        public byte[] encode() {
            ByteBuf out = Unpooled.buffer();
            out.writeIntLE(capabilities);
            Guid.write(out, guid);
            out.writeShortLE(securityMode);
            out.writeShortLE(dialects.size());
            dialects.forEach(out::writeShortLE);
            return ByteBufUtil.getBytes(out);
        }
    }

    /** 2.2.32.6. */
    public record Response(int capabilities, UUID guid, int securityMode, int dialect) {
        public static Response decode(byte[] output) throws SmbWireException {
            WireReader in = new WireReader(Unpooled.wrappedBuffer(output));
            return new Response(in.readInt32(), Guid.read(in), in.readUInt16(), in.readUInt16());
        }

        public byte[] encode() {
            ByteBuf out = Unpooled.buffer(RESPONSE_SIZE);
            out.writeIntLE(capabilities);
            Guid.write(out, guid);
            out.writeShortLE(securityMode);
            out.writeShortLE(dialect);
            return ByteBufUtil.getBytes(out);
        }
    }
}
