package io.cistern.smb.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the DER subset of {@link DerReader}: definite minimal lengths, single-byte tags. Each method returns a
 * complete TLV so tokens are built inside out.
 */
final class DerWriter {
    private DerWriter() {
    }

    static byte[] tlv(int tag, byte[]... contents) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] content : contents) {
            body.writeBytes(content);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        writeLength(out, body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    static byte[] sequence(byte[]... elements) {
        return tlv(DerReader.TAG_SEQUENCE, elements);
    }

    /** A constructed context-specific tag [n] (EXPLICIT tagging, as SPNEGO's ASN.1 module uses). */
    static byte[] context(int number, byte[]... elements) {
        return tlv(0xA0 | number, elements);
    }

    static byte[] octetString(byte[] value) {
        return tlv(DerReader.TAG_OCTET_STRING, value);
    }

    static byte[] enumerated(int value) {
        if (value < 0 || value > 0x7F) {
            throw new IllegalArgumentException("ENUMERATED value out of the one-octet range");
        }
        return tlv(DerReader.TAG_ENUMERATED, new byte[] {(byte) value});
    }

    static byte[] generalString(String value) {
        return tlv(DerReader.TAG_GENERAL_STRING, value.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        if (arcs.length < 2) {
            throw new IllegalArgumentException("an OID has at least two arcs");
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        writeArc(content, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            writeArc(content, Long.parseLong(arcs[i]));
        }
        return tlv(DerReader.TAG_OID, content.toByteArray());
    }

    private static void writeArc(ByteArrayOutputStream out, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative OID arc");
        }
        int groups = 1;
        while (groups < 10 && (value >>> (7 * groups)) != 0) {
            groups++;
        }
        for (int group = groups - 1; group >= 0; group--) {
            int septet = (int) (value >>> (7 * group)) & 0x7F;
            out.write(group == 0 ? septet : septet | 0x80);
        }
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
            return;
        }
        int octets = length > 0xFFFFFF ? 4 : length > 0xFFFF ? 3 : length > 0xFF ? 2 : 1;
        out.write(0x80 | octets);
        for (int i = octets - 1; i >= 0; i--) {
            out.write(length >>> (8 * i));
        }
    }
}
