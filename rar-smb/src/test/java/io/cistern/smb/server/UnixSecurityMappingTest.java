package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cistern.smb.dtyp.Ace;
import io.cistern.smb.dtyp.Acl;
import io.cistern.smb.dtyp.SecurityDescriptor;
import io.cistern.smb.dtyp.Sid;
import io.cistern.smb.spi.SmbFileInfo;
import io.cistern.smb.spi.SmbSecurityChange;
import io.cistern.smb.wire.AccessMask;
import io.cistern.smb.wire.NtStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** uid, gid and mode to a descriptor and back: every mode round-trips, and what a mode cannot hold is dropped. */
class UnixSecurityMappingTest {
    private static final Sid OWNER = Sid.of(22, 1, 1000);
    private static final Sid GROUP = Sid.of(22, 2, 100);

    private static SmbFileInfo file(int mode, boolean directory) {
        return new SmbFileInfo(1, directory, 0, 0, 0, 0, 0, 0, mode, 1000, 100, 1);
    }

    @Test
    void everyModeOfFilesAndDirectoriesRoundTrips() {
        for (boolean directory : new boolean[] {false, true}) {
            for (int mode = 0; mode < 01000; mode++) {
                SmbFileInfo info = file(04000 | mode, directory);
                SecurityDescriptor sd = UnixSecurityMapping.describe(info, 7);
                UnixSecurityMapping.Interpreted back = UnixSecurityMapping.interpret(sd, 7, info);
                assertEquals(new SmbSecurityChange(1000, 100, 04000 | mode), back.change(),
                        Integer.toOctalString(mode) + (directory ? " directory" : ""));
            }
        }
    }

    @Test
    void theSidsAreSambasUnixUsersAndGroups() {
        SecurityDescriptor sd = UnixSecurityMapping.describe(file(0644, false), 7);
        assertEquals("S-1-22-1-1000", sd.owner().toString());
        assertEquals("S-1-22-2-100", sd.group().toString());
        assertEquals(1000, UnixSecurityMapping.uid(OWNER));
        assertEquals(100, UnixSecurityMapping.gid(GROUP));
        assertNull(UnixSecurityMapping.uid(GROUP));
        assertNull(UnixSecurityMapping.gid(Sid.of(22, 2)));
        assertNull(UnixSecurityMapping.uid(Sid.of(5, 1, 1000)));
    }

    @Test
    void theDaclGrantsWhatTheModeGrants() {
        Acl acl = UnixSecurityMapping.dacl(file(0754, false));
        assertEquals(List.of(
                new Ace(Ace.ACCESS_ALLOWED, 0, AccessMask.ALL_FILE_RIGHTS, OWNER),
                new Ace(Ace.ACCESS_ALLOWED, 0, 0x1200A9, GROUP),
                new Ace(Ace.ACCESS_ALLOWED, 0, 0x120089, Sid.EVERYONE)), acl.aces());
        Acl directory = UnixSecurityMapping.dacl(file(0720, true));
        assertEquals(AccessMask.FILE_DELETE_CHILD, directory.aces().get(1).mask() & AccessMask.FILE_DELETE_CHILD,
                "w on a directory removes its entries");
        Acl ownerLess = UnixSecurityMapping.dacl(file(0047, false));
        assertEquals(new Ace(Ace.ACCESS_DENIED, 0, AccessMask.FILE_READ_DATA | AccessMask.FILE_WRITE_DATA
                | AccessMask.FILE_APPEND_DATA | AccessMask.FILE_EXECUTE, OWNER), ownerLess.aces().get(0),
                "Everyone's rights must not reach the owner, as in POSIX");
        assertEquals(AccessMask.WRITE_DAC | AccessMask.WRITE_OWNER, ownerLess.aces().get(1).mask()
                & (AccessMask.WRITE_DAC | AccessMask.WRITE_OWNER), "the owner may always chmod");
    }

    @Test
    void aClientsDaclIsReadInOrderWithGenericRightsAndInheritance() {
        Acl acl = Acl.of(List.of(
                new Ace(Ace.ACCESS_ALLOWED, Ace.INHERIT_ONLY | Ace.OBJECT_INHERIT, AccessMask.GENERIC_ALL, GROUP),
                new Ace(Ace.ACCESS_DENIED, 0, AccessMask.FILE_WRITE_DATA, OWNER),
                new Ace(Ace.ACCESS_ALLOWED, 0, AccessMask.GENERIC_ALL, OWNER),
                new Ace(Ace.ACCESS_ALLOWED, 0, AccessMask.GENERIC_READ | AccessMask.GENERIC_EXECUTE, GROUP),
                new Ace(Ace.ACCESS_ALLOWED, 0, AccessMask.GENERIC_ALL, Sid.of(5, 11)),
                new Ace(Ace.SYSTEM_AUDIT, 0, AccessMask.GENERIC_ALL, Sid.EVERYONE),
                new Ace(Ace.ACCESS_ALLOWED, 0, AccessMask.FILE_EXECUTE, Sid.EVERYONE)));
        assertEquals(0551, UnixSecurityMapping.mode(acl, OWNER, GROUP),
                "the owner's earlier deny wins; inherit-only, audit and Authenticated Users ACEs count for nothing");
        assertEquals(0777, UnixSecurityMapping.mode(null, OWNER, GROUP), "a NULL DACL grants everyone everything");
        assertEquals(0, UnixSecurityMapping.mode(Acl.of(List.of()), OWNER, GROUP), "an empty one nothing");
    }

    @Test
    void onlyThePartsAskedForChange() {
        SmbFileInfo info = file(01755, true);
        SecurityDescriptor sd = new SecurityDescriptor(0, Sid.of(22, 1, 0), Sid.of(22, 2, 0), null,
                Acl.of(List.of(new Ace(Ace.ACCESS_ALLOWED, 0, AccessMask.ALL_FILE_RIGHTS, OWNER))));
        assertEquals(new SmbSecurityChange(null, null, 01700), UnixSecurityMapping.interpret(sd, 4, info).change(),
                "the sticky bit stays");
        assertEquals(new SmbSecurityChange(0, null, null), UnixSecurityMapping.interpret(sd, 1, info).change());
        assertEquals(new SmbSecurityChange(0, 0, 01000), UnixSecurityMapping.interpret(sd, 7, info).change(),
                "the DACL is read against the new owner, whom it does not name");
        SecurityDescriptor ownerless = new SecurityDescriptor(0, null, null, null, null);
        assertEquals(NtStatus.STATUS_INVALID_OWNER, UnixSecurityMapping.interpret(ownerless, 1, info).status());
        assertEquals(NtStatus.STATUS_INVALID_PRIMARY_GROUP, UnixSecurityMapping.interpret(ownerless, 2, info).status());
        assertEquals(new SmbSecurityChange(null, null, 01777), UnixSecurityMapping.interpret(ownerless, 4, info)
                .change(), "no DACL given with DACL_SECURITY_INFORMATION: a NULL DACL");
    }
}
