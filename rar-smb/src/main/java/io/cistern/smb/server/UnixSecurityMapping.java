package io.cistern.smb.server;

import io.cistern.smb.dtyp.Ace;
import io.cistern.smb.dtyp.Acl;
import io.cistern.smb.dtyp.SecurityDescriptor;
import io.cistern.smb.dtyp.Sid;
import io.cistern.smb.spi.SmbFileInfo;
import io.cistern.smb.spi.SmbSecurityChange;
import io.cistern.smb.wire.AccessMask;
import io.cistern.smb.wire.NtStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place where a file's owner, group and mode become a Windows security descriptor and back.
 * <ul>
 * <li>SIDs: user {@code uid} is S-1-22-1-uid and group {@code gid} S-1-22-2-gid, Samba's "Unix User" and "Unix
 *     Group" authority (22), so that the same numbers mean the same accounts to a client that talks to both;
 *     "other" is Everyone (S-1-1-0).</li>
 * <li>DACL, in this order: a deny ACE for the owner of the bits the group or others have and the owner lacks (Windows
 *     adds up every ACE that names a user, POSIX stops at the owner class); the owner's allow ACE; a deny ACE for the
 *     group of what others have beyond it; the group's allow ACE (if it has any bit); Everyone's (if others have
 *     any). r is FILE_GENERIC_READ, w FILE_GENERIC_WRITE (on a directory also FILE_DELETE_CHILD, since w on a
 *     directory lets one remove its entries), x FILE_GENERIC_EXECUTE; the owner always has READ_CONTROL, WRITE_DAC,
 *     WRITE_OWNER and the attribute rights (POSIX lets the owner chmod, chown to itself and set times), and with rwx
 *     every file right, DELETE included. No ACE is inheritable: there is no inheritance to describe.</li>
 * <li>Back: each class's bits are what the DACL grants it, ACE by ACE in order as Windows evaluates, the first ACE
 *     to decide a bit winning: the owner class sees the ACEs for its SID and Everyone, the group class those for its
 *     SID and Everyone, others those for Everyone. r needs FILE_READ_DATA, w FILE_WRITE_DATA, x FILE_EXECUTE (generic
 *     rights count as what they map to). Inherit-only ACEs, audit ACEs and ACEs for any other SID are ignored, as a
 *     mode cannot hold them; a NULL DACL grants rwx to all; set-user-ID, set-group-ID and sticky are kept.</li>
 * <li>An owner or group SID outside the S-1-22 scheme has no uid or gid: STATUS_INVALID_OWNER,
 *     STATUS_INVALID_PRIMARY_GROUP; so is an OWNER or GROUP asked for without a SID in the descriptor.</li>
 * </ul>
 */
final class UnixSecurityMapping {
    /** AdditionalInformation bits of [MS-SMB2] 2.2.37 and 2.2.39 ([MS-DTYP] 2.4.7 SECURITY_INFORMATION). */
    static final int OWNER_SECURITY_INFORMATION = 0x0000_0001;
    static final int GROUP_SECURITY_INFORMATION = 0x0000_0002;
    static final int DACL_SECURITY_INFORMATION = 0x0000_0004;
    static final int SACL_SECURITY_INFORMATION = 0x0000_0008;
    static final int LABEL_SECURITY_INFORMATION = 0x0000_0010;
    static final long UNIX_AUTHORITY = 22;
    private static final int UNIX_USERS = 1;
    private static final int UNIX_GROUPS = 2;
    private static final int R = 4;
    private static final int W = 2;
    private static final int X = 1;
    private static final int READ_RIGHTS = AccessMask.FILE_READ_DATA | AccessMask.FILE_READ_EA
            | AccessMask.FILE_READ_ATTRIBUTES | AccessMask.READ_CONTROL | AccessMask.SYNCHRONIZE;
    private static final int WRITE_RIGHTS = AccessMask.FILE_WRITE_DATA | AccessMask.FILE_APPEND_DATA
            | AccessMask.FILE_WRITE_EA | AccessMask.FILE_WRITE_ATTRIBUTES | AccessMask.READ_CONTROL
            | AccessMask.SYNCHRONIZE;
    private static final int EXECUTE_RIGHTS = AccessMask.FILE_EXECUTE | AccessMask.FILE_READ_ATTRIBUTES
            | AccessMask.READ_CONTROL | AccessMask.SYNCHRONIZE;
    private static final int OWNER_RIGHTS = AccessMask.READ_CONTROL | AccessMask.WRITE_DAC | AccessMask.WRITE_OWNER
            | AccessMask.FILE_READ_ATTRIBUTES | AccessMask.FILE_WRITE_ATTRIBUTES | AccessMask.SYNCHRONIZE;
    private static final int SPECIAL_BITS = 07000;

    /** A SET_INFO's descriptor read as a change, or the NTSTATUS refusing it ({@code change} is then null). */
    record Interpreted(SmbSecurityChange change, int status) {
        static Interpreted refused(int status) {
            return new Interpreted(null, status);
        }
    }

    private UnixSecurityMapping() {
    }

    static Sid userSid(int uid) {
        return Sid.of(UNIX_AUTHORITY, UNIX_USERS, uid);
    }

    static Sid groupSid(int gid) {
        return Sid.of(UNIX_AUTHORITY, UNIX_GROUPS, gid);
    }

    /** The uid a SID names, or null when it is not a Unix User SID. */
    static Integer uid(Sid sid) {
        return unixId(sid, UNIX_USERS);
    }

    /** The gid a SID names, or null when it is not a Unix Group SID. */
    static Integer gid(Sid sid) {
        return unixId(sid, UNIX_GROUPS);
    }

    private static Integer unixId(Sid sid, int kind) {
        if (sid == null || sid.authority() != UNIX_AUTHORITY || sid.subAuthorityCount() != 2
                || sid.subAuthority(0) != kind) {
            return null;
        }
        return sid.subAuthorities()[1];
    }

    /** The parts of the file's descriptor that {@code additionalInformation} asks for (no SACL is kept). */
    static SecurityDescriptor describe(SmbFileInfo info, int additionalInformation) {
        Sid owner = (additionalInformation & OWNER_SECURITY_INFORMATION) != 0 ? userSid(info.uid()) : null;
        Sid group = (additionalInformation & GROUP_SECURITY_INFORMATION) != 0 ? groupSid(info.gid()) : null;
        Acl dacl = (additionalInformation & DACL_SECURITY_INFORMATION) != 0 ? dacl(info) : null;
        int control = dacl == null ? 0 : SecurityDescriptor.SE_DACL_PROTECTED;
        return new SecurityDescriptor(control, owner, group, null, dacl);
    }

    static Acl dacl(SmbFileInfo info) {
        int user = info.mode() >> 6 & 7;
        int group = info.mode() >> 3 & 7;
        int other = info.mode() & 7;
        boolean dir = info.directory();
        List<Ace> aces = new ArrayList<>();
        Sid owner = userSid(info.uid());
        Sid groupSid = groupSid(info.gid());
        int ownerLacks = (group | other) & ~user;
        if (ownerLacks != 0) {
            aces.add(new Ace(Ace.ACCESS_DENIED, 0, deniedRights(ownerLacks, dir), owner));
        }
        int ownerMask = user == 7 ? AccessMask.ALL_FILE_RIGHTS : OWNER_RIGHTS | allowedRights(user, dir);
        aces.add(new Ace(Ace.ACCESS_ALLOWED, 0, ownerMask, owner));
        int groupLacks = other & ~group;
        if (groupLacks != 0) {
            aces.add(new Ace(Ace.ACCESS_DENIED, 0, deniedRights(groupLacks, dir), groupSid));
        }
        if (group != 0) {
            aces.add(new Ace(Ace.ACCESS_ALLOWED, 0, allowedRights(group, dir), groupSid));
        }
        if (other != 0) {
            aces.add(new Ace(Ace.ACCESS_ALLOWED, 0, allowedRights(other, dir), Sid.EVERYONE));
        }
        return Acl.of(aces);
    }

    private static int allowedRights(int bits, boolean directory) {
        return ((bits & R) != 0 ? READ_RIGHTS : 0)
                | ((bits & W) != 0 ? WRITE_RIGHTS | (directory ? AccessMask.FILE_DELETE_CHILD : 0) : 0)
                | ((bits & X) != 0 ? EXECUTE_RIGHTS : 0);
    }

    /** Only the rights particular to each bit, so that a deny never takes what the owner has by ownership. */
    private static int deniedRights(int bits, boolean directory) {
        return ((bits & R) != 0 ? AccessMask.FILE_READ_DATA : 0)
                | ((bits & W) != 0 ? AccessMask.FILE_WRITE_DATA | AccessMask.FILE_APPEND_DATA
                        | (directory ? AccessMask.FILE_DELETE_CHILD : 0) : 0)
                | ((bits & X) != 0 ? AccessMask.FILE_EXECUTE : 0);
    }

    /** What the parts of {@code descriptor} that {@code additionalInformation} names would change in the file. */
    static Interpreted interpret(SecurityDescriptor descriptor, int additionalInformation, SmbFileInfo current) {
        Integer uid = null;
        Integer gid = null;
        if ((additionalInformation & OWNER_SECURITY_INFORMATION) != 0) {
            uid = uid(descriptor.owner());
            if (uid == null) {
                return Interpreted.refused(NtStatus.STATUS_INVALID_OWNER);
            }
        }
        if ((additionalInformation & GROUP_SECURITY_INFORMATION) != 0) {
            gid = gid(descriptor.group());
            if (gid == null) {
                return Interpreted.refused(NtStatus.STATUS_INVALID_PRIMARY_GROUP);
            }
        }
        Integer mode = null;
        if ((additionalInformation & DACL_SECURITY_INFORMATION) != 0) {
            Sid owner = userSid(uid == null ? current.uid() : uid);
            Sid group = groupSid(gid == null ? current.gid() : gid);
            mode = current.mode() & SPECIAL_BITS | mode(descriptor.dacl(), owner, group);
        }
        return new Interpreted(new SmbSecurityChange(uid, gid, mode), NtStatus.STATUS_SUCCESS);
    }

    /** The rwx bits of the three classes a DACL grants; null (a NULL DACL, or none) grants everything. */
    static int mode(Acl dacl, Sid owner, Sid group) {
        if (dacl == null) {
            return 0777;
        }
        return granted(dacl, owner) << 6 | granted(dacl, group) << 3 | granted(dacl, null);
    }

    /** The bits the ACEs for {@code sid} (null: none) and for Everyone grant, the first to decide a bit winning. */
    private static int granted(Acl dacl, Sid sid) {
        int decided = 0;
        int granted = 0;
        for (Ace ace : dacl.aces()) {
            boolean applies = ace.sid().equals(Sid.EVERYONE) || ace.sid().equals(sid);
            if (!applies || ace.inheritOnly() || ace.type() == Ace.SYSTEM_AUDIT) {
                continue;
            }
            int bits = bits(CreatePlan.mapGeneric(ace.mask())) & ~decided;
            if (ace.type() == Ace.ACCESS_ALLOWED) {
                granted |= bits;
            }
            decided |= bits;
        }
        return granted;
    }

    private static int bits(int mask) {
        return ((mask & AccessMask.FILE_READ_DATA) != 0 ? R : 0) | ((mask & AccessMask.FILE_WRITE_DATA) != 0 ? W : 0)
                | ((mask & AccessMask.FILE_EXECUTE) != 0 ? X : 0);
    }
}
