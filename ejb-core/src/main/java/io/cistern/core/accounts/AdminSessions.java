package io.cistern.core.accounts;

import io.cistern.core.model.RefreshToken;
import io.cistern.core.model.UserAccount;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Refresh tokens of the admin API: 32 random bytes, stored as their SHA-256 only, valid for {@link #LIFETIME}, used
 * once. Exchanging one marks it used and issues its successor in the same family; presenting a used one again means
 * it was copied, so the whole family is revoked and the thief and the owner both have to log in again.
 */
@Stateless
public class AdminSessions {
    private static final Logger LOG = Logger.getLogger(AdminSessions.class.getName());
    public static final Duration LIFETIME = Duration.ofHours(12);
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    /** The first refresh token of a new login of {@code username}. */
    public SessionGrant open(String username) {
        UserAccount account = account(username).orElseThrow(() -> AccountException.noSuchUser(username));
        // the account's expired tokens are of no use any more, even to detect a replay: they are refused anyway
        em.createQuery("delete from RefreshToken t where t.userId = :id and t.expiresAt < :now")
                .setParameter("id", account.getId()).setParameter("now", Instant.now()).executeUpdate();
        return issue(account, UUID.randomUUID().toString());
    }

    /**
     * The successor of {@code token}, or empty when it is unknown, expired, revoked or already used (then its family
     * is revoked), or its account is gone.
     */
    public Optional<SessionGrant> rotate(String token) {
        Optional<RefreshToken> found = find(token);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RefreshToken current = found.get();
        Instant now = Instant.now();
        if (current.getUsedAt() != null && current.getRevokedAt() == null) {
            LOG.warning("a used refresh token was presented again: all tokens of its login (family "
                    + current.getFamily() + ") are revoked");
            revokeFamily(current.getFamily(), now);
            return Optional.empty();
        }
        if (current.getUsedAt() != null || current.getRevokedAt() != null || !now.isBefore(current.getExpiresAt())) {
            return Optional.empty();
        }
        UserAccount account = em.find(UserAccount.class, current.getUserId());
        if (account == null) {
            return Optional.empty();
        }
        current.setUsedAt(now);
        return Optional.of(issue(account, current.getFamily()));
    }

    /** Revokes the family of {@code token} (logout); returns whose it was, empty when it was unknown. */
    public Optional<String> revoke(String token) {
        Optional<RefreshToken> found = find(token);
        found.ifPresent(t -> revokeFamily(t.getFamily(), Instant.now()));
        return found.map(t -> em.find(UserAccount.class, t.getUserId())).map(UserAccount::getUsername);
    }

    private SessionGrant issue(UserAccount account, String family) {
        byte[] value = new byte[32];
        RANDOM.nextBytes(value);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(value);
        Instant now = Instant.now();
        RefreshToken stored = new RefreshToken(hash(token), account.getId(), family, now, now.plus(LIFETIME));
        em.persist(stored);
        return new SessionGrant(account.getUsername(), account.getRole().code(), token, stored.getExpiresAt());
    }

    private void revokeFamily(String family, Instant now) {
        em.createQuery("update RefreshToken t set t.revokedAt = :now where t.family = :family and t.revokedAt is null")
                .setParameter("now", now).setParameter("family", family).executeUpdate();
    }

    /** The stored token, row-locked so that two concurrent refreshes with one token cannot both succeed. */
    private Optional<RefreshToken> find(String token) {
        if (token == null || token.isEmpty() || token.length() > 128) {
            return Optional.empty();
        }
        return em.createQuery("select t from RefreshToken t where t.tokenHash = :hash", RefreshToken.class)
                .setParameter("hash", hash(token)).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst();
    }

    private Optional<UserAccount> account(String username) {
        return em.createQuery("select u from UserAccount u where u.username = :name", UserAccount.class)
                .setParameter("name", username).getResultStream().findFirst();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
