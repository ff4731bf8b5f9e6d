package io.cistern.core.service;

import io.cistern.core.fs.Caller;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import io.cistern.core.model.UserAccount;
import io.cistern.core.model.UserGroup;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** Who an authenticated account is to the file system: its uid, primary gid and supplementary groups. */
@Stateless
public class IdentityService {
    private static final Logger LOG = Logger.getLogger(IdentityService.class.getName());

    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    @EJB
    private CredentialVault credentials;

    public Caller callerFor(String username) {
        List<UserAccount> found = em.createQuery("select u from UserAccount u where u.username = :name", UserAccount.class)
                .setParameter("name", username).getResultList();
        if (found.isEmpty()) {
            throw new FsException(FsError.NOT_FOUND, "no user named '" + username + "'");
        }
        UserAccount user = found.get(0);
        return new Caller(user.getUid(), user.getGid(),
                user.getGroups().stream().map(UserGroup::getGid).collect(Collectors.toSet()));
    }

    /**
     * The local account a password logon names, matched regardless of case as Windows does, with its NT hash
     * unsealed; empty when there is none, when it has no NT hash (its password was set before they were kept) or the
     * hash does not open. Two reads and no writes: no transaction needed.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<LogonAccount> logonAccount(String name) {
        Optional<UserAccount> named = accountNamedIgnoringCase(name);
        if (named.isEmpty()) {
            return Optional.empty();
        }
        UserAccount user = named.get();
        byte[] sealed = user.getNtHashSealed();
        if (sealed == null) {
            LOG.info("logon of '" + user.getUsername() + "' refused: no NT hash is stored for it (its password was set "
                    + "before Cistern kept them); setting the password again allows SMB logons");
            return Optional.empty();
        }
        return credentials.openNtHash(user.getUsername(), sealed).map(ntHash -> {
            try {
                return new LogonAccount(user.getUsername(), ntHash, user.getUid(), user.getGid(), groupIds(user));
            } finally {
                Arrays.fill(ntHash, (byte) 0);
            }
        });
    }

    /** The exact spelling when it exists; otherwise the one account equal ignoring case (two would be ambiguous). */
    private Optional<UserAccount> accountNamedIgnoringCase(String name) {
        List<UserAccount> found = em.createQuery(
                        "select u from UserAccount u where lower(u.username) = lower(:name)", UserAccount.class)
                .setParameter("name", name).getResultList();
        Optional<UserAccount> exact = found.stream().filter(u -> u.getUsername().equals(name)).findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        if (found.size() == 1) {
            return Optional.of(found.get(0));
        }
        if (found.size() > 1) {
            LOG.warning("logon as '" + name + "' refused: " + found.size() + " accounts have that name in other cases");
        } else {
            LOG.fine(() -> "logon as '" + name + "' refused: no such user");
        }
        return Optional.empty();
    }

    private int[] groupIds(UserAccount user) {
        return em.createQuery("select g.gid from UserAccount u join u.groups g where u.id = :id order by g.gid",
                        Integer.class)
                .setParameter("id", user.getId()).getResultList().stream().mapToInt(Integer::intValue).toArray();
    }
}
