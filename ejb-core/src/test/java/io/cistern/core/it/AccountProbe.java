package io.cistern.core.it;

import io.cistern.core.model.UserAccount;
import io.cistern.core.model.UserGroup;
import io.cistern.core.service.CredentialVault;
import io.cistern.core.service.PasswordHasher;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/** Test-only view into the database, deployed with the in-container tests. */
@Stateless
public class AccountProbe {
    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    @Inject
    private PasswordHasher hasher;

    @EJB
    private CredentialVault credentials;

    public UserAccount account(String username) {
        return em.createQuery("select u from UserAccount u where u.username = :name", UserAccount.class)
                .setParameter("name", username).getSingleResult();
    }

    public boolean passwordMatches(String username, String password) {
        return hasher.matches(password.toCharArray(), account(username).getPasswordHash());
    }

    /** The sealed NT hash as the database holds it, read with plain SQL past JPA and its cache. */
    public byte[] ntHashSealedBySql(String username) {
        return (byte[]) em.createNativeQuery("select nt_hash_sealed from user_account where username = ?1")
                .setParameter(1, username).getSingleResult();
    }

    /** Copies one account's sealed NT hash onto another's row with plain SQL, as someone with database access could. */
    public void copyNtHashSealedBySql(String from, String to) {
        em.createNativeQuery("update user_account set nt_hash_sealed = (select nt_hash_sealed from user_account "
                + "where username = ?1) where username = ?2").setParameter(1, from).setParameter(2, to).executeUpdate();
        em.getEntityManagerFactory().getCache().evict(UserAccount.class);
    }

    /**
     * A user with its own primary group and the given supplementary groups (created when missing), whose password
     * is set as an administrator's change would set it: PBKDF2, and the NT hash sealed unless {@code keepNtHash} is
     * false (an account from before NT hashes were kept).
     */
    public void createUser(String username, int uid, char[] password, boolean keepNtHash, int... groupGids) {
        UserAccount user = new UserAccount(username, uid, uid, hasher.hash(password), Instant.now());
        if (keepNtHash) {
            credentials.sealNtHash(username, password).ifPresent(user::setNtHashSealed);
        }
        for (int gid : groupGids) {
            user.getGroups().add(group(gid));
        }
        em.persist(user);
    }

    public void dropUser(String username) {
        em.remove(account(username));
    }

    private UserGroup group(int gid) {
        return em.createQuery("select g from UserGroup g where g.gid = :gid", UserGroup.class).setParameter("gid", gid)
                .getResultStream().findFirst().orElseGet(() -> {
                    UserGroup created = new UserGroup("it-group-" + gid, gid);
                    em.persist(created);
                    return created;
                });
    }

    public long count(String entity) {
        return em.createQuery("select count(e) from " + entity + " e", Long.class).getSingleResult();
    }

    public String databaseVersion() {
        return (String) em.createNativeQuery("select current_setting('server_version')").getSingleResult();
    }
}
