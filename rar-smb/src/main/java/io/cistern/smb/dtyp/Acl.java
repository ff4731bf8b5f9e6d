package io.cistern.smb.dtyp;

import io.cistern.smb.wire.SmbWireException;
import io.cistern.smb.wire.WireReader;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * ACL, [MS-DTYP] 2.4.5: AclRevision (2, or 4 when object ACEs may occur), Sbz1, AclSize, AceCount, Sbz2 and the
 * ACEs in order. Decoding keeps every ACE within AclSize; encoding writes AclSize as the header and the ACEs.
 *
 * @param revision AclRevision
 * @param aces     the ACEs, in the order they are evaluated
 */
public record Acl(int revision, List<Ace> aces) {
    public static final int REVISION = 2;
    public static final int REVISION_DS = 4;
    private static final int HEADER_SIZE = 8;

    public Acl {
        aces = List.copyOf(aces);
    }

    public static Acl of(List<Ace> aces) {
        return new Acl(REVISION, aces);
    }

    /** Reads an ACL at the reader's position. */
    public static Acl decode(WireReader in) throws SmbWireException {
        int start = in.position();
        int revision = in.readUInt8();
        if (revision != REVISION && revision != REVISION_DS) {
            throw new SmbWireException("ACL revision " + revision + ", expected 2 or 4");
        }
        in.skip(1);
        int size = in.readUInt16();
        int count = in.readUInt16();
        in.skip(2);
        if (size < HEADER_SIZE || size > in.length() - start) {
            throw new SmbWireException("AclSize " + size + " at offset " + start + " does not fit");
        }
        List<Ace> aces = new ArrayList<>(Math.min(count, size / 16));
        for (int i = 0; i < count; i++) {
            Ace ace = Ace.decode(in);
            if (in.position() - start > size) {
                throw new SmbWireException("ACE " + i + " runs past AclSize " + size);
            }
            aces.add(ace);
        }
        return new Acl(revision, aces);
    }

    public void encode(ByteBuf out) {
        out.writeByte(revision);
        out.writeByte(0);
        out.writeShortLE(size());
        out.writeShortLE(aces.size());
        out.writeShortLE(0);
        for (Ace ace : aces) {
            ace.encode(out);
        }
    }

    /** AclSize: the header and every ACE. */
    public int size() {
        return HEADER_SIZE + aces.stream().mapToInt(Ace::size).sum();
    }
}
