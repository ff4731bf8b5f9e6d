package io.cistern.core.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A refresh token of the admin API, kept only as the SHA-256 of its random value: a dump of the database gives no
 * usable token. Each is used once: a refresh marks it used and issues the next one of the same family, and a used
 * token presented again revokes the whole family (someone replayed a stolen token).
 */
@Entity
@Table(name = "admin_refresh_token", indexes = @Index(name = "admin_refresh_token_user", columnList = "user_id"))
@SequenceGenerator(name = "admin_refresh_token_seq", sequenceName = "admin_refresh_token_seq", allocationSize = 10)
public class RefreshToken {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "admin_refresh_token_seq")
    private Long id;

    /** Hex SHA-256 of the token's value. */
    @Column(name = "token_hash", nullable = false, unique = true, length = 64)
    private String tokenHash;

    @Column(name = "user_id", nullable = false)
    private long userId;

    /** The login this token descends from. */
    @Column(name = "family", nullable = false, length = 36)
    private String family;

    @Column(name = "issued_at", nullable = false)
    private Instant issuedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    /** When it was exchanged for its successor; null while unused. */
    @Column(name = "used_at")
    private Instant usedAt;

    /** When it was revoked (logout, password change, replay); null while not. */
    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected RefreshToken() {
    }

    public RefreshToken(String tokenHash, long userId, String family, Instant issuedAt, Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.userId = userId;
        this.family = family;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
    }

    public long getUserId() {
        return userId;
    }

    public String getFamily() {
        return family;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Instant getUsedAt() {
        return usedAt;
    }

    public void setUsedAt(Instant usedAt) {
        this.usedAt = usedAt;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }

    public void setRevokedAt(Instant revokedAt) {
        this.revokedAt = revokedAt;
    }

    @Override
    public String toString() {
        return "RefreshToken[user " + userId + ", family " + family + "]";   // never the hash
    }
}
