package io.cistern.smb.dtyp;

import io.cistern.smb.wire.SmbWireException;
import io.cistern.smb.wire.WireReader;
import io.netty.buffer.ByteBuf;

/**
 * An ACE of the three types whose body is a mask and a SID: ACCESS_ALLOWED_ACE ([MS-DTYP] 2.4.4.2),
 * ACCESS_DENIED_ACE (2.4.4.4) and SYSTEM_AUDIT_ACE (2.4.4.10), each behind an ACE_HEADER (2.4.4.1: AceType, AceFlags,
 * AceSize). An AceSize beyond the SID (padding) is accepted and skipped; other ACE types (object and callback ACEs,
 * which need more than a file's mode could say) do not decode.
 *
 * @param type  AceType
 * @param flags AceFlags: the inheritance bits and the audit bits
 * @param mask  the ACCESS_MASK (2.4.3)
 * @param sid   the trustee
 */
public record Ace(int type, int flags, int mask, Sid sid) {
    public static final int ACCESS_ALLOWED = 0x00;
    public static final int ACCESS_DENIED = 0x01;
    public static final int SYSTEM_AUDIT = 0x02;
    public static final int OBJECT_INHERIT = 0x01;
    public static final int CONTAINER_INHERIT = 0x02;
    public static final int NO_PROPAGATE_INHERIT = 0x04;
    public static final int INHERIT_ONLY = 0x08;
    public static final int INHERITED = 0x10;
    private static final int HEADER_SIZE = 4;

    public Ace {
        if (type < ACCESS_ALLOWED || type > SYSTEM_AUDIT || flags < 0 || flags > 0xFF) {
            throw new IllegalArgumentException("ACE type " + type + " flags " + flags);
        }
    }

    /** Reads one ACE at the reader's position, which ends AceSize bytes later. */
    public static Ace decode(WireReader in) throws SmbWireException {
        int start = in.position();
        int type = in.readUInt8();
        int flags = in.readUInt8();
        int size = in.readUInt16();
        if (type > SYSTEM_AUDIT) {
            throw new SmbWireException("ACE type " + type + " is not supported");
        }
        if (size < HEADER_SIZE + 4 + 8 || size > in.length() - start) {
            throw new SmbWireException("AceSize " + size + " at offset " + start + " does not fit");
        }
        int mask = in.readInt32();
        Sid sid = Sid.decode(in);
        if (in.position() - start > size) {
            throw new SmbWireException("the SID of the ACE at offset " + start + " runs past its AceSize " + size);
        }
        in.seek(start + size);
        return new Ace(type, flags, mask, sid);
    }

    public void encode(ByteBuf out) {
        out.writeByte(type);
        out.writeByte(flags);
        out.writeShortLE(size());
        out.writeIntLE(mask);
        sid.encode(out);
    }

    /** AceSize: the header, the mask and the SID. */
    public int size() {
        return HEADER_SIZE + 4 + sid.size();
    }

    /** Whether the ACE is only for inheritance and so says nothing about the object it is on. */
    public boolean inheritOnly() {
        return (flags & INHERIT_ONLY) != 0;
    }
}
