package io.cistern.web.auth;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Compact JWTs (RFC 7519) signed with HMAC-SHA256 on the JDK alone. Only tokens this server signed verify: the header
 * must say exactly HS256 (so "none" and algorithm confusion are refused), the signature is compared in constant
 * time, and the issuer and expiry are checked. Nothing here logs a token or the key.
 */
public final class JwtCodec {
    static final String ALGORITHM = "HS256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String HEADER = ENCODER.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    private static final int MAX_TOKEN_LENGTH = 4096;

    private final SecretKeySpec key;
    private final String issuer;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public JwtCodec(byte[] key, String issuer, Clock clock) {
        if (key.length < 32) {
            throw new IllegalArgumentException("an HS256 key has at least 32 bytes");
        }
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.issuer = issuer;
        this.clock = clock;
    }

    /** A token for {@code subject} in {@code role}, valid for {@code lifetime} from now. */
    public String issue(String subject, String role, Duration lifetime) {
        Instant now = clock.instant();
        byte[] id = new byte[12];
        random.nextBytes(id);
        String payload = Json.createObjectBuilder()
                .add("iss", issuer)
                .add("sub", subject)
                .add("groups", Json.createArrayBuilder().add(role))
                .add("iat", now.getEpochSecond())
                .add("exp", now.plus(lifetime).getEpochSecond())
                .add("jti", HexFormat.of().formatHex(id))
                .build().toString();
        String signingInput = HEADER + "." + ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + ENCODER.encodeToString(sign(signingInput));
    }

    /** The claims of {@code token} when this server signed it, for this issuer, and it has not expired. */
    public AccessClaims verify(String token) throws InvalidTokenException {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidTokenException("missing or too long");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidTokenException("not a compact JWS");
        }
        JsonObject header = json(parts[0]);
        if (!ALGORITHM.equals(string(header, "alg"))) {
            throw new InvalidTokenException("algorithm is not " + ALGORITHM);
        }
        byte[] signature = decode(parts[2]);
        if (!MessageDigest.isEqual(signature, sign(parts[0] + "." + parts[1]))) {
            throw new InvalidTokenException("bad signature");
        }
        JsonObject claims = json(parts[1]);
        if (!issuer.equals(string(claims, "iss"))) {
            throw new InvalidTokenException("wrong issuer");
        }
        JsonValue exp = claims.get("exp");
        if (!(exp instanceof JsonNumber expiry)) {
            throw new InvalidTokenException("no expiry");
        }
        Instant expiresAt = Instant.ofEpochSecond(expiry.longValue());
        if (!clock.instant().isBefore(expiresAt)) {
            throw new InvalidTokenException("expired");
        }
        String subject = string(claims, "sub");
        JsonValue groups = claims.get("groups");
        String role = groups != null && groups.getValueType() == JsonValue.ValueType.ARRAY
                && !groups.asJsonArray().isEmpty() && groups.asJsonArray().get(0) instanceof JsonString s
                ? s.getString() : null;
        if (subject == null || subject.isEmpty() || role == null) {
            throw new InvalidTokenException("no subject or role");
        }
        return new AccessClaims(subject, role, expiresAt);
    }

    private byte[] sign(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static JsonObject json(String part) throws InvalidTokenException {
        try (var reader = Json.createReader(new StringReader(new String(decode(part), StandardCharsets.UTF_8)))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            throw new InvalidTokenException("a part is not a JSON object");
        }
    }

    private static byte[] decode(String part) throws InvalidTokenException {
        try {
            return DECODER.decode(part);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("a part is not base64url");
        }
    }

    private static String string(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value instanceof JsonString s ? s.getString() : null;
    }
}
