package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * SMB_COM_NEGOTIATE request, [MS-CIFS] 2.2.4.52.1, with its SMB header ([MS-CIFS] 2.2.3.1): the
 * "multi-protocol negotiate" an SMB1-capable client opens with ([MS-SMB2] 3.2.4.2.2.1). The server reads it
 * only to find the SMB2 dialect strings; it does not implement SMB1 itself.
 *
 * <p>Header fields the server never looks at (Status, SecurityFeatures, Reserved) are read past and
 * written as zero. Each dialect is BufferFormat 0x02 followed by a NUL-terminated OEM string; the strings
 * are decoded as ISO-8859-1, which keeps every byte.
 *
 * @param flags    SMB_Header.Flags
 * @param flags2   SMB_Header.Flags2
 * @param pidHigh  SMB_Header.PIDHigh
 * @param tid      SMB_Header.TID
 * @param pidLow   SMB_Header.PIDLow
 * @param uid      SMB_Header.UID
 * @param mid      SMB_Header.MID
 * @param dialects the dialect strings, least preferred first
 */
public record Smb1NegotiateRequest(int flags, int flags2, int pidHigh, int tid, int pidLow, int uid, int mid,
                                   List<String> dialects) {
    /** Protocol 0xFF 'S' 'M' 'B' read as a little-endian 32-bit integer. */
    public static final int PROTOCOL_ID = 0x424D_53FF;
    public static final int SMB_COM_NEGOTIATE = 0x72;
    public static final int HEADER_SIZE = 32;
    private static final int BUFFER_FORMAT_DIALECT = 0x02;

    public static final String DIALECT_SMB_2_002 = "SMB 2.002";
    public static final String DIALECT_SMB_2_WILDCARD = "SMB 2.???";

    public Smb1NegotiateRequest {
        dialects = List.copyOf(dialects);
        for (String dialect : dialects) {
            if (dialect.chars().anyMatch(c -> c == 0 || c > 0xFF)) {
                throw new IllegalArgumentException("a dialect string is NUL-free ISO-8859-1: " + dialect);
            }
        }
    }

    /** Reads the whole message, header first; fails unless it is an SMB_COM_NEGOTIATE request. */
    public static Smb1NegotiateRequest decode(WireReader in) throws SmbWireException {
        if (in.readInt32() != PROTOCOL_ID) {
            throw new SmbWireException("not an SMB1 message");
        }
        int command = in.readUInt8();
        if (command != SMB_COM_NEGOTIATE) {
            throw new SmbWireException(String.format("SMB1 command 0x%02X is not SMB_COM_NEGOTIATE", command));
        }
        in.skip(4);                                    // Status
        int flags = in.readUInt8();
        int flags2 = in.readUInt16();
        int pidHigh = in.readUInt16();
        in.skip(8 + 2);                                // SecurityFeatures, Reserved
        int tid = in.readUInt16();
        int pidLow = in.readUInt16();
        int uid = in.readUInt16();
        int mid = in.readUInt16();
        int wordCount = in.readUInt8();
        if (wordCount != 0) {
            throw new SmbWireException("SMB_COM_NEGOTIATE WordCount " + wordCount + ", expected 0");
        }
        int byteCount = in.readUInt16();
        List<String> dialects = readDialects(in.readBytes(byteCount));
        return new Smb1NegotiateRequest(flags, flags2, pidHigh, tid, pidLow, uid, mid, dialects);
    }

    private static List<String> readDialects(byte[] bytes) throws SmbWireException {
        List<String> dialects = new ArrayList<>();
        int i = 0;
        while (i < bytes.length) {
            if (bytes[i] != BUFFER_FORMAT_DIALECT) {
                throw new SmbWireException("dialect entry at byte " + i + " has BufferFormat " + bytes[i] + ", not 2");
            }
            int start = i + 1;
            int end = start;
            while (end < bytes.length && bytes[end] != 0) {
                end++;
            }
            if (end == bytes.length) {
                throw new SmbWireException("dialect string at byte " + start + " is not NUL-terminated");
            }
            dialects.add(new String(bytes, start, end - start, StandardCharsets.ISO_8859_1));
            i = end + 1;
        }
        return dialects;
    }

    public void encode(ByteBuf out) {
        out.writeIntLE(PROTOCOL_ID);
        out.writeByte(SMB_COM_NEGOTIATE);
        out.writeIntLE(0);
        out.writeByte(flags);
        out.writeShortLE(flags2);
        out.writeShortLE(pidHigh);
        out.writeZero(8 + 2);
        out.writeShortLE(tid);
        out.writeShortLE(pidLow);
        out.writeShortLE(uid);
        out.writeShortLE(mid);
        out.writeByte(0);                              // WordCount
        int byteCount = dialects.stream().mapToInt(d -> d.length() + 2).sum();
        out.writeShortLE(byteCount);
        for (String dialect : dialects) {
            out.writeByte(BUFFER_FORMAT_DIALECT);
            out.writeBytes(dialect.getBytes(StandardCharsets.ISO_8859_1));
            out.writeByte(0);
        }
    }
}
