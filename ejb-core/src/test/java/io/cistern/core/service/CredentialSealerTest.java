package io.cistern.core.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cistern.core.service.CredentialSealer.BrokenSealException;
import io.cistern.smb.spi.NtHash;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CredentialSealerTest {
    private static final byte[] ALICE = "alice".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BOB = "bob".getBytes(StandardCharsets.UTF_8);

    private final SecureRandom random = new SecureRandom();
    private final CredentialSealer sealer = new CredentialSealer(randomKey(), random);
    private final byte[] ntHash = NtHash.of("Password".toCharArray());

    @Test
    void aSealedValueOpensWithItsAssociatedData() throws Exception {
        // [MS-NLMP] 4.2.2.1.2: NTOWFv1 of "Password", so the hash being sealed is the real thing
        assertEquals("a4f49c406510bdcab6824ee7c30fd852", HexFormat.of().formatHex(ntHash));
        byte[] sealed = sealer.seal(ntHash, ALICE);
        assertEquals(CredentialSealer.VERSION, sealed[0]);
        assertEquals(1 + 12 + 16 + 16, sealed.length, "version, nonce, ciphertext, tag");
        assertArrayEquals(ntHash, sealer.open(sealed, ALICE));
    }

    @Test
    void eachSealHasItsOwnNonce() {
        byte[] first = sealer.seal(ntHash, ALICE);
        byte[] second = sealer.seal(ntHash, ALICE);
        assertFalse(Arrays.equals(Arrays.copyOfRange(first, 1, 13), Arrays.copyOfRange(second, 1, 13)));
        assertFalse(Arrays.equals(first, second));
    }

    @Test
    void aValueCopiedToAnotherAccountDoesNotOpen() {
        byte[] sealed = sealer.seal(ntHash, ALICE);
        assertThrows(BrokenSealException.class, () -> sealer.open(sealed, BOB));
    }

    @Test
    void anyFlippedByteIsRefused() {
        byte[] sealed = sealer.seal(ntHash, ALICE);
        for (int i = 0; i < sealed.length; i++) {
            byte[] damaged = sealed.clone();
            damaged[i] ^= 0x01;
            int at = i;
            assertThrows(BrokenSealException.class, () -> sealer.open(damaged, ALICE), "byte " + at);
        }
    }

    @Test
    void anotherKeyDoesNotOpenIt() {
        byte[] sealed = sealer.seal(ntHash, ALICE);
        CredentialSealer other = new CredentialSealer(randomKey(), random);
        assertThrows(BrokenSealException.class, () -> other.open(sealed, ALICE));
    }

    @Test
    void truncatedAndUnknownVersionsAreRefused() {
        byte[] sealed = sealer.seal(ntHash, ALICE);
        assertThrows(BrokenSealException.class, () -> sealer.open(Arrays.copyOf(sealed, 28), ALICE));
        assertThrows(BrokenSealException.class, () -> sealer.open(new byte[0], ALICE));
        assertThrows(BrokenSealException.class, () -> sealer.open(null, ALICE));
        byte[] nextVersion = sealed.clone();
        nextVersion[0] = 2;
        BrokenSealException refused = assertThrows(BrokenSealException.class, () -> sealer.open(nextVersion, ALICE));
        assertEquals("unknown sealed format version 2", refused.getMessage());
    }

    @Test
    void theSealedBytesDoNotContainTheHash() {
        for (int round = 0; round < 100; round++) {
            byte[] sealed = sealer.seal(ntHash, ALICE);
            assertEquals(-1, indexOf(sealed, ntHash));
            assertEquals(-1, indexOf(sealed, Arrays.copyOf(ntHash, 8)), "not even half of it");
        }
    }

    @Test
    void onlyAes256KeysAreTaken() {
        assertThrows(IllegalArgumentException.class, () -> new CredentialSealer(new byte[16], random));
        assertThrows(IllegalArgumentException.class, () -> new CredentialSealer(null, random));
        byte[] key = randomKey();
        CredentialSealer keeps = new CredentialSealer(key, random);
        byte[] sealed = keeps.seal(ntHash, ALICE);
        Arrays.fill(key, (byte) 0);   // the caller wipes its copy; the sealer holds its own
        assertArrayEquals(ntHash, assertOpens(keeps, sealed));
    }

    private static byte[] assertOpens(CredentialSealer sealer, byte[] sealed) {
        try {
            return sealer.open(sealed, ALICE);
        } catch (BrokenSealException e) {
            throw new AssertionError(e);
        }
    }

    private byte[] randomKey() {
        byte[] key = new byte[CredentialSealer.KEY_BYTES];
        random.nextBytes(key);
        return key;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
