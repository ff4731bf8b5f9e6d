package io.cistern.core.locks;

import java.util.Objects;

/**
 * A DOS-style share reservation on a whole file (NLM SHARE, SMB share access): what the owner does with the file
 * and what it denies everyone else. Two owners conflict when either one's access is among the other's denials.
 * A reservation has nothing to do with byte-range locks; each kind only conflicts with its own.
 *
 * @param access bits of {@link #READ}, {@link #WRITE}, {@link #DELETE} the owner uses
 * @param deny   the same bits, denied to other owners
 */
public record ShareReservation(LockOwner owner, int access, int deny) {
    public static final int READ = 1;
    public static final int WRITE = 2;
    /** SMB only: NLM's fsh4 values never set it. */
    public static final int DELETE = 4;
    private static final int ALL = READ | WRITE | DELETE;

    public ShareReservation {
        Objects.requireNonNull(owner, "owner");
        if ((access & ~ALL) != 0 || (deny & ~ALL) != 0) {
            throw new IllegalArgumentException("access " + access + " / deny " + deny + " are not READ|WRITE|DELETE");
        }
    }

    /** An owner's new reservation replaces its old one instead of conflicting with it (Linux nlmsvc_share_file). */
    public boolean conflictsWith(ShareReservation other) {
        return ((access & other.deny) != 0 || (deny & other.access) != 0) && !owner.equals(other.owner);
    }
}
