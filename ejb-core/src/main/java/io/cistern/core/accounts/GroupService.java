package io.cistern.core.accounts;

import io.cistern.core.model.PrincipalKind;
import io.cistern.core.model.UserAccount;
import io.cistern.core.model.UserGroup;
import io.cistern.core.shares.SharePermissionService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Groups and their supplementary members. A gid never changes once given (files carry it), and a group that is some
 * account's primary group cannot be deleted.
 */
@Stateless
public class GroupService {
    private static final Logger LOG = Logger.getLogger(GroupService.class.getName());

    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    @EJB
    private SharePermissionService sharePermissions;

    public List<GroupView> list() {
        return em.createQuery("select g from UserGroup g order by g.name", UserGroup.class).getResultList().stream()
                .map(this::view).toList();
    }

    public GroupView get(String name) {
        return view(group(name));
    }

    /** A new group; {@code gid} null: the lowest free one from {@value AccountRules#FIRST_ALLOCATED_UID}. */
    public GroupView create(String name, Integer gid) {
        AccountRules.checkName("name", name);
        if (!em.createQuery("select g.id from UserGroup g where lower(g.name) = lower(:name)", Long.class)
                .setParameter("name", name).getResultList().isEmpty()) {
            throw AccountException.conflict("name", "a group named '" + name + "' exists already (names are compared "
                    + "ignoring case)");
        }
        int chosen = gid == null ? nextFreeGid() : explicitGid(gid);
        UserGroup group = new UserGroup(name, chosen);
        em.persist(group);
        try {
            em.flush();
        } catch (PersistenceException e) {
            throw AccountException.conflict("gid", "gid " + chosen + " or the name was taken at the same moment");
        }
        LOG.info("created group '" + name + "' (gid " + chosen + ")");
        return view(group);
    }

    public void delete(String name) {
        UserGroup group = group(name);
        List<String> primaryOf = em.createQuery("select u.username from UserAccount u where u.gid = :gid order by "
                + "u.username", String.class).setParameter("gid", group.getGid()).setMaxResults(5).getResultList();
        if (!primaryOf.isEmpty()) {
            throw new AccountException(AccountException.Kind.CONFLICT, "in_use", null, "group '" + name + "' is the "
                    + "primary group of " + String.join(", ", primaryOf) + ": give them another one first");
        }
        for (UserAccount member : members(group)) {
            member.getGroups().remove(group);
        }
        sharePermissions.forgetPrincipal(PrincipalKind.GROUP, group.getId());
        em.remove(group);
        LOG.info("deleted group '" + name + "'");
    }

    public GroupView addMember(String name, String username) {
        UserGroup group = group(name);
        account(username).getGroups().add(group);
        return view(group);
    }

    public GroupView removeMember(String name, String username) {
        UserGroup group = group(name);
        UserAccount account = account(username);
        if (!account.getGroups().remove(group)) {
            throw new AccountException(AccountException.Kind.NOT_FOUND, "not_found", null,
                    "'" + username + "' is not a member of '" + name + "'");
        }
        return view(group);
    }

    private int explicitGid(int gid) {
        AccountRules.checkId("gid", gid);
        if (!em.createQuery("select g.id from UserGroup g where g.gid = :gid", Long.class).setParameter("gid", gid)
                .getResultList().isEmpty()) {
            throw AccountException.conflict("gid", "gid " + gid + " belongs to another group");
        }
        return gid;
    }

    private int nextFreeGid() {
        List<Integer> taken = em.createQuery("select g.gid from UserGroup g where g.gid >= :first order by g.gid",
                Integer.class).setParameter("first", AccountRules.FIRST_ALLOCATED_UID).getResultList();
        return AccountRules.lowestFree(taken);
    }

    private List<UserAccount> members(UserGroup group) {
        return em.createQuery("select u from UserAccount u join u.groups g where g.id = :id order by u.username",
                UserAccount.class).setParameter("id", group.getId()).getResultList();
    }

    private UserGroup group(String name) {
        return em.createQuery("select g from UserGroup g where g.name = :name", UserGroup.class)
                .setParameter("name", name).getResultStream().findFirst()
                .orElseThrow(() -> new AccountException(AccountException.Kind.NOT_FOUND, "not_found", null,
                        "no group named '" + name + "'"));
    }

    private UserAccount account(String username) {
        Optional<UserAccount> found = em.createQuery("select u from UserAccount u where u.username = :name",
                UserAccount.class).setParameter("name", username).getResultStream().findFirst();
        return found.orElseThrow(() -> AccountException.noSuchUser(username));
    }

    private GroupView view(UserGroup group) {
        return new GroupView(group.getName(), group.getGid(), members(group).stream().map(UserAccount::getUsername)
                .toList());
    }
}
