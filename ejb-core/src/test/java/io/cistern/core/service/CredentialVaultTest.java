package io.cistern.core.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.testing.CapturedLog;
import io.cistern.smb.spi.NtHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key's life: created by the first seal, read once, never replaced, and a missing one refuses logons. */
class CredentialVaultTest {
    @TempDir
    Path directory;

    private Path keyFile;
    private CapturedLog log;

    @BeforeEach
    void captureTheLog() {
        keyFile = directory.resolve(CredentialKeyFile.FILE_NAME);
        log = CapturedLog.of(CredentialVault.class);
    }

    @AfterEach
    void releaseTheLog() {
        log.close();
    }

    @Test
    void theFirstSealCreatesTheKeyAndALaterStartOpensWithIt() throws IOException {
        byte[] sealed = vault(false).sealNtHash("alice", "Password".toCharArray()).orElseThrow();
        assertTrue(Files.exists(keyFile));
        CredentialVault afterRestart = vault(true);
        assertArrayEquals(NtHash.of("Password".toCharArray()), afterRestart.openNtHash("alice", sealed).orElseThrow());
        assertEquals(Optional.empty(), afterRestart.openNtHash("bob", sealed), "copied to another account");
        assertNothingSecretLogged(sealed);
    }

    @Test
    void theKeyIsReadOnceAndKeptInMemory() throws IOException {
        CredentialVault vault = vault(false);
        byte[] sealed = vault.sealNtHash("alice", "Password".toCharArray()).orElseThrow();
        Files.delete(keyFile);
        assertTrue(vault.openNtHash("alice", sealed).isPresent());
    }

    @Test
    void aMissingKeyWhileHashesAreSealedRefusesLogonsAndIsNotRecreated() throws IOException {
        byte[] sealed = vault(false).sealNtHash("alice", "Password".toCharArray()).orElseThrow();
        Files.delete(keyFile);
        CredentialVault afterRestart = vault(true);
        afterRestart.checkKey();
        assertEquals(Optional.empty(), afterRestart.openNtHash("alice", sealed));
        assertEquals(Optional.empty(), afterRestart.sealNtHash("bob", "Secret".toCharArray()),
                "a new key would make every stored hash unopenable");
        assertFalse(Files.exists(keyFile));
        List<LogRecord> severe = log.records().stream().filter(r -> r.getLevel() == Level.SEVERE).toList();
        assertTrue(severe.get(0).getMessage().contains(keyFile + " is missing"), severe.get(0).getMessage());
        assertEquals(1, severe.stream().filter(r -> r.getMessage().contains("is missing")).count(),
                "said once, not at every logon");
        assertNothingSecretLogged(sealed);
    }

    @Test
    void aDamagedKeyFileRefusesLogonsAndIsLeftAsItIs() throws IOException {
        byte[] sealed = vault(false).sealNtHash("alice", "Password".toCharArray()).orElseThrow();
        byte[] damaged = new byte[20];
        Files.write(keyFile, damaged);
        CredentialVault afterRestart = vault(true);
        assertEquals(Optional.empty(), afterRestart.openNtHash("alice", sealed));
        assertEquals(Optional.empty(), afterRestart.sealNtHash("alice", "Password".toCharArray()));
        assertArrayEquals(damaged, Files.readAllBytes(keyFile));
        assertTrue(log.records().stream().anyMatch(r -> r.getLevel() == Level.SEVERE
                && r.getMessage().contains("cannot be used")));
    }

    @Test
    void aReplacedKeyRefusesLogons() throws IOException {
        byte[] sealed = vault(false).sealNtHash("alice", "Password".toCharArray()).orElseThrow();
        Files.delete(keyFile);
        vault(false).sealNtHash("bob", "Secret".toCharArray()).orElseThrow();   // a new key, as after a lost file
        assertEquals(Optional.empty(), vault(true).openNtHash("alice", sealed));
        assertTrue(log.records().stream().anyMatch(r -> r.getLevel() == Level.SEVERE
                && r.getMessage().startsWith("logon of 'alice' refused: its sealed NT hash does not open")));
    }

    /** A vault on the test's key file, told whether sealed NT hashes exist in the (absent) database. */
    @Test
    void aStoreSecretOpensOnlyForItsStoreAndColumnAndNeverAsAnNtHash() throws IOException {
        String secret = "s3-secret-7f1e2d";
        byte[] sealed = vault(false).sealStoreSecret(42, "secret_key", secret);
        assertFalse(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1).contains(secret),
                "the secret is not in the sealed bytes as it is");
        CredentialVault afterRestart = vault(true);
        assertEquals(secret, afterRestart.openStoreSecret(42, "secret_key", sealed));
        IllegalStateException otherStore = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> afterRestart.openStoreSecret(43, "secret_key", sealed));
        assertFalse(otherStore.getMessage().contains(secret));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> afterRestart.openStoreSecret(42, "access_key", sealed), "sealed for the other column");
        assertEquals(Optional.empty(), afterRestart.openNtHash("42", sealed), "not an NT hash");
        for (LogRecord record : log.records()) {
            assertFalse(String.valueOf(record.getMessage()).contains(secret), record.getMessage());
        }
    }

    @Test
    void aStoreSecretIsNotSealedUnderANewKeyWhileSealedValuesExist() {
        CredentialVault vault = vault(true);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> vault.sealStoreSecret(1, "secret_key", "s"));
        assertFalse(Files.exists(keyFile), "no new key beside the sealed values of the lost one");
    }

    private CredentialVault vault(boolean sealedNtHashesExist) {
        return new CredentialVault(keyFile, () -> sealedNtHashesExist);
    }

    private void assertNothingSecretLogged(byte[] sealed) throws IOException {
        HexFormat hex = HexFormat.of();
        List<String> secrets = new ArrayList<>(List.of(hex.formatHex(NtHash.of("Password".toCharArray())),
                hex.formatHex(sealed)));
        if (Files.exists(keyFile)) {
            secrets.add(hex.formatHex(Files.readAllBytes(keyFile)));
        }
        for (LogRecord record : log.records()) {
            String message = String.valueOf(record.getMessage()).toLowerCase();
            secrets.forEach(secret -> assertFalse(message.contains(secret), message));
        }
    }
}
