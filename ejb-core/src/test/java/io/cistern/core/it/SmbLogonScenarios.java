package io.cistern.core.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.config.CisternSettings;
import io.cistern.core.model.UserAccount;
import io.cistern.core.service.CredentialVault;
import io.cistern.core.service.IdentityService;
import io.cistern.core.service.LogonAccount;
import io.cistern.smb.spi.NtHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * NT hashes at rest and the accounts an SMB logon finds (what SmbRequestMdb.accountForLogon answers; the MDB itself
 * needs the adapter, which these tests do not deploy).
 */
final class SmbLogonScenarios {
    /** CISTERN_ADMIN_PASSWORD in the failsafe configuration (pom.xml). */
    private static final String ADMIN_PASSWORD = "it-admin-secret";

    private final IdentityService identities;
    private final AccountProbe accounts;
    private final CredentialVault credentials;

    SmbLogonScenarios(IdentityService identities, AccountProbe accounts, CredentialVault credentials) {
        this.identities = identities;
        this.accounts = accounts;
        this.credentials = credentials;
    }

    void theAdministratorsNtHashIsSealedAtFirstStart() {
        byte[] expected = NtHash.of(ADMIN_PASSWORD.toCharArray());
        byte[] sealed = accounts.ntHashSealedBySql(UserAccount.ADMIN);
        assertNotNull(sealed, "the first-start administrator has a sealed NT hash");
        assertEquals(1, sealed[0], "format version");
        assertEquals(-1, indexOf(sealed, expected), "the column does not hold the NT hash itself");
        assertArrayEquals(expected, credentials.openNtHash(UserAccount.ADMIN, sealed).orElseThrow());

        Path keyFile = CisternSettings.dataDirectory().resolve("credentials.key");
        assertTrue(Files.isRegularFile(keyFile), "the key lives in the data directory, not in the database");
        assertEquals(32L, sizeOf(keyFile));
        assertEquals("rw-------", permissionsOf(keyFile));
    }

    void logonsFindLocalAccountsIgnoringCase() {
        byte[] adminHash = NtHash.of(ADMIN_PASSWORD.toCharArray());
        for (String spelling : new String[] {"admin", "ADMIN", "Admin"}) {
            LogonAccount admin = identities.logonAccount(spelling).orElseThrow(() -> new AssertionError(spelling));
            assertEquals(UserAccount.ADMIN, admin.username(), "the stored spelling, whatever the client typed");
            assertArrayEquals(adminHash, admin.ntHash());
            assertEquals(1000, admin.uid());
            assertEquals(1000, admin.gid());
            assertArrayEquals(new int[] {1000}, admin.groups());
        }
        assertEquals(Optional.empty(), identities.logonAccount("nobody-here"));
        assertEquals(Optional.empty(), identities.logonAccount(""));

        accounts.createUser("It-Logon", 5101, "Password".toCharArray(), true, 5102, 5101, 100);
        try {
            LogonAccount user = identities.logonAccount("it-LOGON").orElseThrow();
            assertEquals("It-Logon", user.username());
            assertEquals(5101, user.uid());
            assertEquals(5101, user.gid());
            assertArrayEquals(new int[] {100, 5101, 5102}, user.groups(), "supplementary gids, ascending");
            // [MS-NLMP] 4.2.2.1.2: NTOWFv1 of "Password"
            assertEquals("a4f49c406510bdcab6824ee7c30fd852", HexFormat.of().formatHex(user.ntHash()));
        } finally {
            accounts.dropUser("It-Logon");
        }
    }

    void logonsAreRefusedWithoutAnNtHashThatOpens() {
        accounts.createUser("it-legacy", 5201, "Secret-1".toCharArray(), false);
        accounts.createUser("it-victim", 5202, "Secret-2".toCharArray(), true);
        try {
            assertNull(accounts.ntHashSealedBySql("it-legacy"));
            assertEquals(Optional.empty(), identities.logonAccount("it-legacy"), "password set before NT hashes were kept");
            assertTrue(identities.logonAccount("it-victim").isPresent());

            accounts.copyNtHashSealedBySql(UserAccount.ADMIN, "it-victim");
            assertArrayEquals(accounts.ntHashSealedBySql(UserAccount.ADMIN), accounts.ntHashSealedBySql("it-victim"));
            assertEquals(Optional.empty(), identities.logonAccount("it-victim"),
                    "the administrator's sealed hash copied to another row does not open there");
            assertTrue(identities.logonAccount("admin").isPresent());
        } finally {
            accounts.dropUser("it-legacy");
            accounts.dropUser("it-victim");
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String permissionsOf(Path file) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
