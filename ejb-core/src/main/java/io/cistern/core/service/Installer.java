package io.cistern.core.service;

import io.cistern.core.config.CisternSettings;
import io.cistern.core.model.AdminRole;
import io.cistern.core.model.Installation;
import io.cistern.core.model.Share;
import io.cistern.core.model.UserAccount;
import io.cistern.core.model.UserGroup;
import io.cistern.core.shares.ShareRoots;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/** Creates what a first start needs, once: the installation row, the default share, and the administrator. */
@Stateless
public class Installer {
    private static final Logger LOG = Logger.getLogger(Installer.class.getName());
    /** uid and gid of the first-start administrator: the first regular ids on most systems. */
    static final int ADMIN_UID = 1000;

    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    @Inject
    private PasswordHasher passwordHasher;

    @EJB
    private CredentialVault credentials;

    private final SecureRandom random = new SecureRandom();

    /** Returns the installation, creating everything a first start needs when it is missing. */
    public Installation ensureInstalled() {
        Installation installation = em.find(Installation.class, Installation.SINGLETON_ID);
        if (installation == null) {
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            installation = new Installation(UUID.randomUUID(), UUID.randomUUID(), secret, Instant.now());
            em.persist(installation);
            LOG.info("first start: created installation " + installation.getInstallationId());
        }
        ensureDefaultShare();
        ensureShareRoots();
        ensureAdministrator();
        ensureRoles();
        credentials.checkKey();   // a missing key file shows in the log at start, not only at the first SMB logon
        return installation;
    }

    private void ensureDefaultShare() {
        if (em.createQuery("select count(s) from Share s", Long.class).getSingleResult() == 0) {
            em.persist(new Share(Share.DEFAULT_NAME, Instant.now()));
            LOG.info("first start: created share '" + Share.DEFAULT_NAME + "' (NFS /" + Share.DEFAULT_NAME + ")");
        }
    }

    /** Gives every share without one its top directory ({@link ShareRoots}). */
    private void ensureShareRoots() {
        for (Share share : em.createQuery("select s from Share s where s.rootInodeId is null", Share.class)
                .getResultList()) {
            ShareRoots.create(em, share);
        }
    }

    /**
     * Gives accounts from before admin roles existed (the column was added empty by create-or-extend-tables) their
     * role: 'admin' stays the administrator, everyone else may only look.
     */
    private void ensureRoles() {
        int admin = em.createQuery("update UserAccount u set u.role = :role where u.role is null and u.username = :name")
                .setParameter("role", AdminRole.ADMIN).setParameter("name", UserAccount.ADMIN).executeUpdate();
        int others = em.createQuery("update UserAccount u set u.role = :role where u.role is null")
                .setParameter("role", AdminRole.VIEWER).executeUpdate();
        if (admin + others > 0) {
            LOG.info("gave " + (admin + others) + " existing accounts their admin API role (" + admin + " admin)");
        }
    }

    private void ensureAdministrator() {
        boolean exists = !em.createQuery("select u.id from UserAccount u where u.username = :name", Long.class)
                .setParameter("name", UserAccount.ADMIN).setMaxResults(1).getResultList().isEmpty();
        if (exists) {
            return;
        }
        char[] password = CisternSettings.initialAdminPassword().map(String::toCharArray).orElse(null);
        boolean generated = password == null;
        if (generated) {
            password = InitialAdminPassword.generate(random);
        }
        try {
            UserGroup admins = new UserGroup(UserGroup.ADMINS, ADMIN_UID);
            em.persist(admins);
            UserAccount admin = new UserAccount(UserAccount.ADMIN, ADMIN_UID, ADMIN_UID, passwordHasher.hash(password),
                    Instant.now());
            credentials.sealNtHash(UserAccount.ADMIN, password).ifPresent(admin::setNtHashSealed);
            admin.setRole(AdminRole.ADMIN);
            admin.getGroups().add(admins);
            em.persist(admin);
            if (generated) {
                InitialAdminPassword.handOver(CisternSettings.dataDirectory(), password);
                LOG.info("first start: created user '" + UserAccount.ADMIN + "' with a generated password (the launcher shows it once)");
            } else {
                LOG.info("first start: created user '" + UserAccount.ADMIN + "' with the password from CISTERN_ADMIN_PASSWORD");
            }
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
