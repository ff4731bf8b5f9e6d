package io.cistern.web.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class JwtCodecTest {
    private static final byte[] KEY = new byte[32];
    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    static {
        Arrays.fill(KEY, (byte) 7);
    }

    private final JwtCodec codec = new JwtCodec(KEY, "cistern", Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void anIssuedTokenVerifiesWithItsClaims() throws Exception {
        AccessClaims claims = codec.verify(codec.issue("alice", "operator", Duration.ofMinutes(15)));
        assertEquals("alice", claims.subject());
        assertEquals("operator", claims.role());
        assertEquals(NOW.plus(Duration.ofMinutes(15)), claims.expiresAt());
    }

    @Test
    void expiresAtItsExpiryNotAfter() throws Exception {
        String token = codec.issue("alice", "admin", Duration.ofMinutes(15));
        JwtCodec later = new JwtCodec(KEY, "cistern", Clock.fixed(NOW.plusSeconds(899), ZoneOffset.UTC));
        later.verify(token);
        JwtCodec atExpiry = new JwtCodec(KEY, "cistern", Clock.fixed(NOW.plusSeconds(900), ZoneOffset.UTC));
        assertEquals("expired", assertThrows(InvalidTokenException.class, () -> atExpiry.verify(token)).getMessage());
    }

    @Test
    void anyChangedByteOfTheSignatureOrPayloadIsRefused() {
        String token = codec.issue("alice", "viewer", Duration.ofMinutes(15));
        String[] parts = token.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        for (int i = 0; i < signature.length; i++) {
            byte[] flipped = signature.clone();
            flipped[i] ^= 0x01;
            String forged = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(flipped);
            assertThrows(InvalidTokenException.class, () -> codec.verify(forged));
        }
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("viewer", "admin");
        String promoted = parts[0] + "." + b64(payload) + "." + parts[2];
        assertThrows(InvalidTokenException.class, () -> codec.verify(promoted));
    }

    @Test
    void otherAlgorithmsIssuersAndKeysAreRefused() {
        String token = codec.issue("alice", "admin", Duration.ofMinutes(15));
        String[] parts = token.split("\\.");
        assertThrows(InvalidTokenException.class, () -> codec.verify(b64("{\"alg\":\"none\"}") + "." + parts[1] + "."));
        assertThrows(InvalidTokenException.class,
                () -> codec.verify(b64("{\"alg\":\"HS512\"}") + "." + parts[1] + "." + parts[2]));
        JwtCodec otherIssuer = new JwtCodec(KEY, "elsewhere", Clock.fixed(NOW, ZoneOffset.UTC));
        assertEquals("wrong issuer", assertThrows(InvalidTokenException.class, () -> otherIssuer.verify(token)).getMessage());
        byte[] otherKey = KEY.clone();
        otherKey[31] = 1;
        JwtCodec otherSigner = new JwtCodec(otherKey, "cistern", Clock.fixed(NOW, ZoneOffset.UTC));
        assertThrows(InvalidTokenException.class, () -> otherSigner.verify(token));
        for (String garbage : new String[] {"", "a.b", "a.b.c.d", "!!.!!.!!", "e30.e30.", null}) {
            assertThrows(InvalidTokenException.class, () -> codec.verify(garbage));
        }
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
