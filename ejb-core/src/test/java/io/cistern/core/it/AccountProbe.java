package io.cistern.core.it;

import io.cistern.core.model.UserAccount;
import io.cistern.core.service.PasswordHasher;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Test-only view into the database, deployed with the in-container tests. */
@Stateless
public class AccountProbe {
    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    @Inject
    private PasswordHasher hasher;

    public UserAccount account(String username) {
        return em.createQuery("select u from UserAccount u where u.username = :name", UserAccount.class)
                .setParameter("name", username).getSingleResult();
    }

    public boolean passwordMatches(String username, String password) {
        return hasher.matches(password.toCharArray(), account(username).getPasswordHash());
    }

    public long count(String entity) {
        return em.createQuery("select count(e) from " + entity + " e", Long.class).getSingleResult();
    }

    public String databaseVersion() {
        return (String) em.createNativeQuery("select current_setting('server_version')").getSingleResult();
    }
}
