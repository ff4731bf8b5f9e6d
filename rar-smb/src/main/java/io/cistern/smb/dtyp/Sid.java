package io.cistern.smb.dtyp;

import io.cistern.smb.wire.SmbWireException;
import io.cistern.smb.wire.WireReader;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * SID, [MS-DTYP] 2.4.2.2 (the binary form; 2.4.2.1 the string form {@link #toString} gives): Revision 1,
 * SubAuthorityCount (at most 15), a 48-bit big-endian IdentifierAuthority and the sub-authorities, each a
 * little-endian 32-bit value. 8 bytes plus 4 per sub-authority.
 *
 * @param authority      the IdentifierAuthority, 0 to 2^48-1
 * @param subAuthorities the SubAuthority values, as unsigned 32-bit bit patterns
 */
public record Sid(long authority, int[] subAuthorities) {
    public static final int REVISION = 1;
    public static final int MAX_SUB_AUTHORITIES = 15;
    /** S-1-1-0, Everyone ([MS-DTYP] 2.4.2.4). */
    public static final Sid EVERYONE = new Sid(1, new int[] {0});

    public Sid {
        if (authority < 0 || authority >= 1L << 48) {
            throw new IllegalArgumentException("IdentifierAuthority is 48 bits: " + authority);
        }
        if (subAuthorities.length > MAX_SUB_AUTHORITIES) {
            throw new IllegalArgumentException("at most 15 sub-authorities: " + subAuthorities.length);
        }
        subAuthorities = subAuthorities.clone();
    }

    public static Sid of(long authority, int... subAuthorities) {
        return new Sid(authority, subAuthorities);
    }

    public static Sid decode(WireReader in) throws SmbWireException {
        int revision = in.readUInt8();
        if (revision != REVISION) {
            throw new SmbWireException("SID revision " + revision + ", expected 1");
        }
        int count = in.readUInt8();
        if (count > MAX_SUB_AUTHORITIES) {
            throw new SmbWireException("SID with " + count + " sub-authorities, at most 15");
        }
        long authority = 0;
        for (int i = 0; i < 6; i++) {
            authority = authority << 8 | in.readUInt8();
        }
        int[] subs = new int[count];
        for (int i = 0; i < count; i++) {
            subs[i] = in.readInt32();
        }
        return new Sid(authority, subs);
    }

    public void encode(ByteBuf out) {
        out.writeByte(REVISION);
        out.writeByte(subAuthorities.length);
        for (int shift = 40; shift >= 0; shift -= 8) {
            out.writeByte((int) (authority >>> shift));
        }
        for (int sub : subAuthorities) {
            out.writeIntLE(sub);
        }
    }

    /** The encoded length in bytes. */
    public int size() {
        return 8 + 4 * subAuthorities.length;
    }

    @Override
    public int[] subAuthorities() {
        return subAuthorities.clone();
    }

    /** The number of sub-authorities. */
    public int subAuthorityCount() {
        return subAuthorities.length;
    }

    /** One sub-authority, unsigned. */
    public long subAuthority(int index) {
        return Integer.toUnsignedLong(subAuthorities[index]);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Sid sid && authority == sid.authority
                && Arrays.equals(subAuthorities, sid.subAuthorities);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(authority) + Arrays.hashCode(subAuthorities);
    }

    /** The string form of [MS-DTYP] 2.4.2.1, such as S-1-22-1-1000 (an authority of 2^32 or more in hex). */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("S-1-");
        text.append(authority < 1L << 32 ? Long.toString(authority) : String.format("0x%012X", authority));
        for (int sub : subAuthorities) {
            text.append('-').append(Integer.toUnsignedString(sub));
        }
        return text.toString();
    }
}
