package io.cistern.smb.dtyp;

import io.cistern.smb.wire.SmbWireException;
import io.cistern.smb.wire.WireReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * SECURITY_DESCRIPTOR in self-relative form, [MS-DTYP] 2.4.6: Revision 1, Sbz1, Control, and the offsets (from the
 * start of the descriptor; 0 for none) of the owner SID, the group SID, the SACL and the DACL, then those parts.
 * 20 bytes plus the parts, which {@link #encode} writes in the order owner, group, SACL, DACL.
 * <p>
 * A DACL (or SACL) may be absent in two ways that mean different things: SE_DACL_PRESENT clear (no DACL was given),
 * or SE_DACL_PRESENT set with offset 0 (a NULL DACL, which grants everyone everything); {@link #dacl} is null in
 * both and {@link #control} tells them apart. Decoding accepts a descriptor whose parts overlap or leave gaps, as
 * Windows does, as long as each lies within the buffer, past the 20-byte header, on its own.
 *
 * @param control the SECURITY_DESCRIPTOR_CONTROL bits; SE_SELF_RELATIVE is always set, and so is SE_DACL_PRESENT
 *                (SE_SACL_PRESENT) when there is a DACL (SACL)
 * @param owner   the owner SID, or null
 * @param group   the primary group SID, or null
 * @param sacl    the system ACL, or null
 * @param dacl    the discretionary ACL, or null
 */
public record SecurityDescriptor(int control, Sid owner, Sid group, Acl sacl, Acl dacl) {
    public static final int REVISION = 1;
    public static final int HEADER_SIZE = 20;
    public static final int SE_OWNER_DEFAULTED = 0x0001;
    public static final int SE_GROUP_DEFAULTED = 0x0002;
    public static final int SE_DACL_PRESENT = 0x0004;
    public static final int SE_DACL_DEFAULTED = 0x0008;
    public static final int SE_SACL_PRESENT = 0x0010;
    public static final int SE_DACL_PROTECTED = 0x1000;
    public static final int SE_SACL_PROTECTED = 0x2000;
    public static final int SE_SELF_RELATIVE = 0x8000;

    /** Sets SE_SELF_RELATIVE, and SE_DACL_PRESENT and SE_SACL_PRESENT for the ACLs given. */
    public SecurityDescriptor {
        control = control & 0xFFFF | SE_SELF_RELATIVE | (dacl == null ? 0 : SE_DACL_PRESENT)
                | (sacl == null ? 0 : SE_SACL_PRESENT);
    }

    /** Reads a whole buffer as one descriptor. */
    public static SecurityDescriptor decode(byte[] bytes) throws SmbWireException {
        WireReader in = new WireReader(Unpooled.wrappedBuffer(bytes));
        int revision = in.readUInt8();
        if (revision != REVISION) {
            throw new SmbWireException("security descriptor revision " + revision + ", expected 1");
        }
        in.skip(1);
        int control = in.readUInt16();
        if ((control & SE_SELF_RELATIVE) == 0) {
            throw new SmbWireException("security descriptor not in self-relative form");
        }
        long ownerAt = Integer.toUnsignedLong(in.readInt32());
        long groupAt = Integer.toUnsignedLong(in.readInt32());
        long saclAt = Integer.toUnsignedLong(in.readInt32());
        long daclAt = Integer.toUnsignedLong(in.readInt32());
        Sid owner = ownerAt == 0 ? null : Sid.decode(at(in, ownerAt, "owner"));
        Sid group = groupAt == 0 ? null : Sid.decode(at(in, groupAt, "group"));
        Acl sacl = (control & SE_SACL_PRESENT) == 0 || saclAt == 0 ? null : Acl.decode(at(in, saclAt, "SACL"));
        Acl dacl = (control & SE_DACL_PRESENT) == 0 || daclAt == 0 ? null : Acl.decode(at(in, daclAt, "DACL"));
        return new SecurityDescriptor(control, owner, group, sacl, dacl);
    }

    private static WireReader at(WireReader in, long offset, String part) throws SmbWireException {
        if (offset < HEADER_SIZE || offset >= in.length()) {
            throw new SmbWireException("the " + part + " offset " + offset + " is outside a descriptor of "
                    + in.length() + " bytes");
        }
        in.seek((int) offset);
        return in;
    }

    public void encode(ByteBuf out) {
        int next = HEADER_SIZE;
        int ownerAt = owner == null ? 0 : next;
        next += owner == null ? 0 : owner.size();
        int groupAt = group == null ? 0 : next;
        next += group == null ? 0 : group.size();
        int saclAt = sacl == null ? 0 : next;
        next += sacl == null ? 0 : sacl.size();
        int daclAt = dacl == null ? 0 : next;
        out.writeByte(REVISION);
        out.writeByte(0);
        out.writeShortLE(control);
        out.writeIntLE(ownerAt);
        out.writeIntLE(groupAt);
        out.writeIntLE(saclAt);
        out.writeIntLE(daclAt);
        if (owner != null) {
            owner.encode(out);
        }
        if (group != null) {
            group.encode(out);
        }
        if (sacl != null) {
            sacl.encode(out);
        }
        if (dacl != null) {
            dacl.encode(out);
        }
    }

    /** The encoded descriptor. */
    public byte[] toBytes() {
        ByteBuf out = Unpooled.buffer(size());
        encode(out);
        return ByteBufUtil.getBytes(out);
    }

    /** The encoded length in bytes. */
    public int size() {
        return HEADER_SIZE + (owner == null ? 0 : owner.size()) + (group == null ? 0 : group.size())
                + (sacl == null ? 0 : sacl.size()) + (dacl == null ? 0 : dacl.size());
    }

    /** Whether the descriptor carries a DACL, possibly a NULL one. */
    public boolean daclPresent() {
        return (control & SE_DACL_PRESENT) != 0;
    }
}
