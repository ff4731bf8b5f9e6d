package io.cistern.core.service;

import io.cistern.core.fs.Caller;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import io.cistern.core.model.UserAccount;
import io.cistern.core.model.UserGroup;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.stream.Collectors;

/** Who an authenticated account is to the file system: its uid, primary gid and supplementary groups. */
@Stateless
public class IdentityService {
    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

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
}
