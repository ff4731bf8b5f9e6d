package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * SMB2 TREE_CONNECT Request, [MS-SMB2] 2.2.9: the body after the SMB2 header, naming the share the client wants
 * as a UTF-16LE path {@code \\server\share} (not terminated) at PathOffset (from the start of the SMB2 header) and
 * PathLength bytes. {@link #decode} accepts the path only when it lies wholly inside the message after the 8-byte
 * fixed part, has an even length and is well-formed UTF-16 (an unpaired surrogate is a malformed message, not a
 * name to look up); whether it has the {@code \\server\share} form is the handler's question. {@link #encode}
 * puts the path right after the fixed part.
 *
 * @param flags SMB2_TREE_CONNECT_FLAG_* in the 3.1.1 dialect; Reserved (0) in the 2.x dialects
 * @param path  the share path, e.g. {@code \\server\data}
 */
public record Smb2TreeConnectRequest(int flags, String path) {
    public static final int STRUCTURE_SIZE = 9;
    /** The fixed part: StructureSize counts one byte of the buffer too. */
    public static final int FIXED_SIZE = 8;
    public static final int PATH_OFFSET = Smb2Header.STRUCTURE_SIZE + FIXED_SIZE;

    public Smb2TreeConnectRequest {
        if (path.length() * 2L > 0xFFFF) {
            throw new IllegalArgumentException("a path of " + path.length() + " characters does not fit");
        }
    }

    /** Reads the body at the reader's position, which must be right after the header (offset 64). */
    public static Smb2TreeConnectRequest decode(WireReader in) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("TREE_CONNECT request StructureSize " + structureSize + ", expected 9");
        }
        int flags = in.readUInt16();
        int pathOffset = in.readUInt16();
        int pathLength = in.readUInt16();
        return new Smb2TreeConnectRequest(flags, readPath(in, pathOffset, pathLength));
    }

    private static String readPath(WireReader in, int offset, int length) throws SmbWireException {
        if (length % 2 != 0) {
            throw new SmbWireException("TREE_CONNECT request PathLength " + length + " is odd, not UTF-16");
        }
        if (length == 0) {
            return "";
        }
        if (offset < PATH_OFFSET || offset + length > in.length()) {
            throw new SmbWireException("TREE_CONNECT request PathOffset " + offset + " and PathLength " + length
                    + " do not lie within the " + (in.length() - PATH_OFFSET) + " bytes after the fixed part");
        }
        in.seek(offset);
        byte[] utf16 = in.readBytes(length);
        try {
            return StandardCharsets.UTF_16LE.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf16)).toString();
        } catch (CharacterCodingException e) {
            throw new SmbWireException("TREE_CONNECT request path is not well-formed UTF-16");
        }
    }

    /** Writes the body; the SMB2 header must directly precede it, since PathOffset counts from the header. */
    public void encode(ByteBuf out) {
        byte[] utf16 = path.getBytes(StandardCharsets.UTF_16LE);
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeShortLE(flags);
        out.writeShortLE(PATH_OFFSET);
        out.writeShortLE(utf16.length);
        out.writeBytes(utf16);
    }
}
