package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.msdtyp.ACL;
import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.msdtyp.SID;
import com.hierynomus.msdtyp.SecurityDescriptor;
import com.hierynomus.msdtyp.SecurityInformation;
import com.hierynomus.msdtyp.ace.ACE;
import com.hierynomus.msdtyp.ace.AceTypes;
import com.hierynomus.mserref.NtStatus;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smb.SMBBuffer;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Security descriptors over SMB with smbj against the running server: the descriptor a client reads is the file's
 * owner, group and mode, and a DACL it sets becomes the mode that NFS then reports; a malformed descriptor is
 * refused and changes nothing.
 */
@ExtendWith(SharedCistern.class)
class SmbSecurityIT {
    private static final String EXPORT = "/data";
    private static final EnumSet<SecurityInformation> OWNER_GROUP_DACL = EnumSet.of(
            SecurityInformation.OWNER_SECURITY_INFORMATION, SecurityInformation.GROUP_SECURITY_INFORMATION,
            SecurityInformation.DACL_SECURITY_INFORMATION);

    private SMBClient client;
    private DiskShare share;
    private String dir;

    @BeforeEach
    void connect(CisternProcess cistern) throws Exception {
        client = new SMBClient();
        Session session = client.connect("127.0.0.1", cistern.smbPort()).authenticate(new AuthenticationContext(
                "admin", CisternProcess.ADMIN_PASSWORD.toCharArray(), ""));
        share = (DiskShare) session.connectShare("data");
        dir = "sd-" + UUID.randomUUID().toString().substring(0, 8);
        share.mkdir(dir);
        SmbFilesIT.write(share, dir + "\\f.txt", "mode bits".getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    private int nfsMode(CisternProcess cistern) throws Exception {
        try (Nfs3TestClient nfs = new Nfs3TestClient(cistern.nfsPort(), 0, 0)) {
            byte[] root = nfs.mount(EXPORT).handle();
            byte[] directory = nfs.lookup(root, dir).handle();
            return nfs.mode(nfs.lookup(directory, "f.txt").handle()) & 07777;
        }
    }

    @Test
    void aDaclSetOverSmbIsTheModeNfsSees(CisternProcess cistern) throws Exception {
        String path = dir + "\\f.txt";
        SecurityDescriptor before = share.getSecurityInfo(path, OWNER_GROUP_DACL);
        assertTrue(before.getOwnerSid().toString().startsWith("S-1-22-1-"), before.getOwnerSid().toString());
        assertTrue(before.getGroupSid().toString().startsWith("S-1-22-2-"), before.getGroupSid().toString());
        int mode = nfsMode(cistern);
        ACE everyone = before.getDacl().getAces().stream().filter(ace -> ace.getSid().equals(SID.EVERYONE))
                .findFirst().orElseThrow();
        assertEquals((mode & 4) != 0, (everyone.getAccessMask() & AccessMask.FILE_READ_DATA.getValue()) != 0,
                "Everyone reads as others may, mode " + Integer.toOctalString(mode));

        ACL dacl = new ACL(ACL.ACL_REVISION, List.of(
                AceTypes.accessAllowedAce(EnumSet.noneOf(com.hierynomus.msdtyp.ace.AceFlags.class),
                        EnumSet.of(AccessMask.GENERIC_ALL), before.getOwnerSid()),
                AceTypes.accessAllowedAce(EnumSet.noneOf(com.hierynomus.msdtyp.ace.AceFlags.class),
                        EnumSet.of(AccessMask.FILE_READ_DATA, AccessMask.FILE_EXECUTE), SID.EVERYONE)));
        share.setSecurityInfo(path, EnumSet.of(SecurityInformation.DACL_SECURITY_INFORMATION),
                new SecurityDescriptor(EnumSet.of(SecurityDescriptor.Control.DP, SecurityDescriptor.Control.SR),
                        null, null, null, dacl));

        assertEquals(0755, nfsMode(cistern), "owner everything, group and others read and execute");
        SecurityDescriptor after = share.getSecurityInfo(path, OWNER_GROUP_DACL);
        long othersNow = after.getDacl().getAces().stream().filter(ace -> ace.getSid().equals(SID.EVERYONE))
                .mapToLong(ACE::getAccessMask).reduce(0, (a, b) -> a | b);
        assertEquals(0, othersNow & AccessMask.FILE_WRITE_DATA.getValue(), "others may not write");
        assertEquals(AccessMask.FILE_READ_DATA.getValue(), othersNow & AccessMask.FILE_READ_DATA.getValue());
        assertEquals(before.getOwnerSid(), after.getOwnerSid());
    }

    @Test
    void aMalformedDescriptorIsRefusedAndChangesNothing(CisternProcess cistern) throws Exception {
        String path = dir + "\\f.txt";
        int mode = nfsMode(cistern);
        SecurityDescriptor malformed = new SecurityDescriptor() {
            @Override
            public void write(SMBBuffer buffer) {
                // Revision 1, self-relative with a DACL, and the DACL's offset far past the descriptor's 20 bytes
                buffer.putByte((byte) 1).putByte((byte) 0).putUInt16(0x8004).putUInt32(0).putUInt32(0)
                        .putUInt32(0).putUInt32(0xFFF0);
            }
        };
        SMBApiException refused = assertThrows(SMBApiException.class, () -> share.setSecurityInfo(path,
                EnumSet.of(SecurityInformation.DACL_SECURITY_INFORMATION), malformed));
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, refused.getStatus());
        assertEquals(mode, nfsMode(cistern));
        assertEquals(mode & 0707, modeOf(share.getSecurityInfo(path, OWNER_GROUP_DACL)),
                "the server still answers, with the same descriptor");
    }

    /** Just enough of the mapping to read the owner's and Everyone's read bit back. */
    private static int modeOf(SecurityDescriptor sd) {
        int owner = 0;
        int others = 0;
        for (ACE ace : sd.getDacl().getAces()) {
            int bits = bits(ace.getAccessMask());
            if (ace.getAceHeader().getAceType() != com.hierynomus.msdtyp.ace.AceType.ACCESS_ALLOWED_ACE_TYPE) {
                continue;
            }
            if (ace.getSid().equals(sd.getOwnerSid())) {
                owner |= bits;
            } else if (ace.getSid().equals(SID.EVERYONE)) {
                others |= bits;
            }
        }
        return owner << 6 | others;
    }

    private static int bits(long mask) {
        return ((mask & AccessMask.FILE_READ_DATA.getValue()) != 0 ? 4 : 0)
                | ((mask & AccessMask.FILE_WRITE_DATA.getValue()) != 0 ? 2 : 0)
                | ((mask & AccessMask.FILE_EXECUTE.getValue()) != 0 ? 1 : 0);
    }
}
