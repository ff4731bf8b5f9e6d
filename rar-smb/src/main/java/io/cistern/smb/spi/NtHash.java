package io.cistern.smb.spi;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.MD4Digest;

/**
 * The NT hash, NTOWFv1 of [MS-NLMP] 3.3.1: MD4 of the UTF-16LE password, which is what an account store keeps
 * and what {@link SmbListener#accountForLogon} returns. It is part of the adapter's contract so that the application
 * derives it when a password is set without depending on MD4 itself. MD4 is not in the JDK (and must not be registered as a JCA provider
 * just for this), so Bouncy Castle's lightweight digest is used directly. The UTF-16 copy of the password is
 * wiped; the caller owns {@code password} and should wipe it too.
 */
public final class NtHash {
    private NtHash() {
    }

    public static byte[] of(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_16LE.encode(CharBuffer.wrap(password));
        byte[] utf16 = encoded.array();
        MD4Digest md4 = new MD4Digest();
        md4.update(utf16, encoded.arrayOffset(), encoded.limit());
        byte[] hash = new byte[md4.getDigestSize()];
        md4.doFinal(hash, 0);
        Arrays.fill(utf16, (byte) 0);
        return hash;
    }
}
