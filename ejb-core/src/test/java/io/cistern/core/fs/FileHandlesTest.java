package io.cistern.core.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileHandlesTest {
    static final byte[] SECRET = secret(0);
    static final FileHandle HANDLE = new FileHandle(7, 0x0102030405060708L, -2);

    static byte[] secret(int first) {
        byte[] secret = new byte[32];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) (first + i);
        }
        return secret;
    }

    final FileHandles handles = new FileHandles(SECRET);

    static FsError decodeError(FileHandles handles, byte[] bytes) {
        return assertThrows(FsException.class, () -> handles.decode(bytes)).error();
    }

    @Test
    void roundTrips() {
        for (FileHandle handle : List.of(HANDLE, new FileHandle(0, 0, 0),
                new FileHandle(Long.MAX_VALUE, Long.MIN_VALUE, Integer.MIN_VALUE), new FileHandle(-1, -1, -1))) {
            byte[] bytes = handles.encode(handle);
            assertEquals(FileHandles.HANDLE_BYTES, bytes.length);
            assertEquals(handle, handles.decode(bytes));
        }
    }

    /** Pins the layout: handles that clients hold must decode after an upgrade. Computed with Python's hmac. */
    @Test
    void theEncodingIsTheDocumentedLayout() {
        assertEquals("01" + "0000000000000007" + "0102030405060708" + "fffffffe" + "7c326b3202a1656c",
                HexFormat.of().formatHex(handles.encode(HANDLE)));
    }

    @Test
    void theEncodingIsStableAcrossInstancesWithTheSameSecret() {
        assertArrayEquals(handles.encode(HANDLE), new FileHandles(secret(0)).encode(HANDLE));
        assertEquals(HANDLE, new FileHandles(secret(0)).decode(handles.encode(HANDLE)));
    }

    @Test
    void everySingleBitFlipIsRejected() {
        byte[] valid = handles.encode(HANDLE);
        for (int bit = 0; bit < valid.length * 8; bit++) {
            byte[] flipped = valid.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertEquals(FsError.BAD_HANDLE, decodeError(handles, flipped), "bit " + bit);
        }
    }

    @Test
    void aHandleFromAnotherSecretIsRejected() {
        byte[] foreign = new FileHandles(secret(1)).encode(HANDLE);
        assertFalse(Arrays.equals(foreign, handles.encode(HANDLE)));
        assertEquals(FsError.BAD_HANDLE, decodeError(handles, foreign));
    }

    @Test
    void anotherShareWithAMacUnderAnotherKeyIsRejected() throws GeneralSecurityException {
        byte[] forged = handles.encode(HANDLE);
        ByteBuffer.wrap(forged).putLong(1, 8);
        byte[] mac = hmac(secret(99), Arrays.copyOf(forged, 21));
        System.arraycopy(mac, 0, forged, 21, 8);
        assertEquals(FsError.BAD_HANDLE, decodeError(handles, forged));
    }

    @Test
    void aRecomputedMacUnderTheRightKeyIsAccepted() throws GeneralSecurityException {
        // the counterpart of the forgery test: the check is the MAC, not something else about the bytes
        byte[] reissued = handles.encode(HANDLE);
        ByteBuffer.wrap(reissued).putLong(1, 8);
        System.arraycopy(hmac(SECRET, Arrays.copyOf(reissued, 21)), 0, reissued, 21, 8);
        assertEquals(new FileHandle(8, HANDLE.inodeId(), HANDLE.generation()), handles.decode(reissued));
    }

    @Test
    void anUnknownVersionIsRejectedEvenWithAValidMac() throws GeneralSecurityException {
        byte[] version2 = handles.encode(HANDLE);
        version2[0] = 2;
        System.arraycopy(hmac(SECRET, Arrays.copyOf(version2, 21)), 0, version2, 21, 8);
        assertEquals(FsError.BAD_HANDLE, decodeError(handles, version2));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 28, 30, 64})
    void aWrongLengthIsRejected(int length) {
        byte[] valid = handles.encode(HANDLE);
        byte[] wrong = Arrays.copyOf(valid, length);
        assertEquals(FsError.BAD_HANDLE, decodeError(handles, wrong));
    }

    @Test
    void theSecretMustBe32Bytes() {
        assertThrows(IllegalArgumentException.class, () -> new FileHandles(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> new FileHandles(new byte[33]));
    }

    @Test
    void theSecretIsCopiedAndNeverShown() {
        byte[] secret = secret(0);
        FileHandles copy = new FileHandles(secret);
        Arrays.fill(secret, (byte) 0);
        assertEquals(HANDLE, copy.decode(handles.encode(HANDLE)));
        String shown = copy.toString();
        assertFalse(shown.contains(HexFormat.of().formatHex(SECRET)), shown);
        assertFalse(shown.contains(Arrays.toString(SECRET)), shown);
        FsException e = assertThrows(FsException.class, () -> copy.decode(new FileHandles(secret(1)).encode(HANDLE)));
        assertFalse(e.getMessage().contains(HexFormat.of().formatHex(SECRET)), e.getMessage());
    }

    @Test
    void concurrentUseGivesTheSameAnswers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> roundTripsAll(thread)));
            }
            for (Future<Boolean> result : results) {
                assertEquals(true, result.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private boolean roundTripsAll(int thread) {
        for (int i = 0; i < 5_000; i++) {
            FileHandle handle = new FileHandle(thread, i, i * 31);
            if (!handle.equals(handles.decode(handles.encode(handle)))) {
                return false;
            }
        }
        return true;
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    @Test
    void aRememberedEncodingIsTheSameAndCannotBeChangedThroughACopy() {
        byte[] first = handles.encode(HANDLE);
        byte[] expected = first.clone();
        first[FileHandles.HANDLE_BYTES - 1] ^= 1;
        byte[] second = handles.encode(HANDLE);
        assertArrayEquals(expected, second, "the second encoding is the remembered one, unharmed by the change");
        assertArrayEquals(expected, new FileHandles(SECRET).encode(HANDLE), "and the same as a fresh one");
        assertEquals(HANDLE, handles.decode(second));
    }

    @Test
    void handlesAreEqualByTheirThreeFields() {
        FileHandle same = new FileHandle(HANDLE.shareId(), HANDLE.inodeId(), HANDLE.generation());
        assertEquals(HANDLE, same);
        assertEquals(HANDLE.hashCode(), same.hashCode());
        assertNotEquals(HANDLE, new FileHandle(HANDLE.shareId() + 1, HANDLE.inodeId(), HANDLE.generation()));
        assertNotEquals(HANDLE, new FileHandle(HANDLE.shareId(), HANDLE.inodeId() + 1, HANDLE.generation()));
        assertNotEquals(HANDLE, new FileHandle(HANDLE.shareId(), HANDLE.inodeId(), HANDLE.generation() + 1));
    }
}
