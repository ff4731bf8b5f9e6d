package io.cistern.core.accounts;

import io.cistern.core.model.AdminRole;
import io.cistern.core.model.PrincipalKind;
import io.cistern.core.model.UserAccount;
import io.cistern.core.model.UserGroup;
import io.cistern.core.service.CredentialVault;
import io.cistern.core.service.PasswordHasher;
import io.cistern.core.shares.SharePermissionService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Local accounts as the admin API manages them: create, change, delete, set passwords, check logins. Every password
 * set here gets both its PBKDF2 hash and its sealed NT hash (for SMB), or, when the NT hash cannot be kept, none at all
 * rather than one of an older password.
 */
@Stateless
public class AccountService {
    private static final Logger LOG = Logger.getLogger(AccountService.class.getName());
    /** The primary group of accounts created without one: Linux's usual "users". */
    static final String DEFAULT_GROUP = "users";
    private static final int DEFAULT_GROUP_GID = 100;

    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    @EJB
    private SharePermissionService sharePermissions;

    @Inject
    private PasswordHasher hasher;

    @Inject
    private DecoyHash decoy;

    @EJB
    private CredentialVault credentials;

    public List<AccountView> list() {
        return em.createQuery("select u from UserAccount u order by u.username", UserAccount.class).getResultList()
                .stream().map(this::view).toList();
    }

    public AccountView get(String username) {
        return view(account(username));
    }

    /** The account's current role, or empty when it no longer exists (a token outliving its account). */
    public Optional<AdminRole> currentRole(String username) {
        return accountNamed(username).map(UserAccount::getRole);
    }

    /** Its database id, for refresh tokens. */
    public long idOf(String username) {
        return account(username).getId();
    }

    /**
     * The account when {@code password} is its password; empty otherwise, whether the name is unknown or the password
     * wrong, after about the same time (an unknown name is checked against a decoy hash).
     */
    public Optional<AccountView> authenticate(String username, char[] password) {
        Optional<UserAccount> account = username == null ? Optional.empty() : accountNamed(username);
        String hash = account.map(UserAccount::getPasswordHash).orElseGet(decoy::hash);
        boolean matches = password != null && password.length <= AccountRules.MAX_PASSWORD_LENGTH
                && hasher.matches(password, hash);
        return matches && account.isPresent() ? Optional.of(view(account.get())) : Optional.empty();
    }

    public AccountView create(NewAccount request) {
        AccountRules.checkUsername(request.username());
        AccountRules.checkPassword("password", request.password());
        if (!em.createQuery("select u.id from UserAccount u where lower(u.username) = lower(:name)", Long.class)
                .setParameter("name", request.username()).getResultList().isEmpty()) {
            // SMB finds accounts regardless of case: two names differing only in case would be ambiguous there
            throw AccountException.conflict("username", "a user named '" + request.username() + "' exists already "
                    + "(names are compared ignoring case)");
        }
        int uid = request.uid() == null ? nextFreeUid() : explicitUid(request.uid());
        UserGroup group = request.primaryGroup() == null ? defaultGroup() : groupNamed(request.primaryGroup());
        AdminRole role = request.role() == null ? AdminRole.VIEWER : request.role();
        UserAccount account = new UserAccount(request.username(), uid, group.getGid(), "", Instant.now());
        account.setRole(role);
        setPassword(account, request.password());
        em.persist(account);
        flushOrConflict("uid", "uid " + uid + " or the name was taken at the same moment; try again");
        LOG.info("created user '" + account.getUsername() + "' (uid " + uid + ", role " + role.code() + ")");
        return view(account);
    }

    public AccountView update(String username, AccountChange change) {
        UserAccount account = account(username);
        if (change.primaryGroup() != null) {
            account.setGid(groupNamed(change.primaryGroup()).getGid());
        }
        if (change.role() != null && change.role() != account.getRole()) {
            if (account.getRole() == AdminRole.ADMIN) {
                requireAnotherAdmin(account, "role", "'" + username + "' is the last admin: make another one first");
            }
            account.setRole(change.role());
        }
        if (change.password() != null) {
            AccountRules.checkPassword("password", change.password());
            setPassword(account, change.password());
            revokeSessions(account);
        }
        return view(account);
    }

    public void delete(String username) {
        UserAccount account = account(username);
        if (account.getRole() == AdminRole.ADMIN) {
            requireAnotherAdmin(account, null, "'" + username + "' is the last admin and cannot be deleted");
        }
        em.createQuery("delete from RefreshToken t where t.userId = :id").setParameter("id", account.getId())
                .executeUpdate();
        account.getGroups().clear();
        sharePermissions.forgetPrincipal(PrincipalKind.USER, account.getId());
        em.remove(account);
        LOG.info("deleted user '" + username + "'");
    }

    /** The account's own password change: the old one must be right. Ends all its refresh tokens. */
    public void changeOwnPassword(String username, char[] oldPassword, char[] newPassword) {
        UserAccount account = account(username);
        if (oldPassword == null || oldPassword.length > AccountRules.MAX_PASSWORD_LENGTH
                || !hasher.matches(oldPassword, account.getPasswordHash())) {
            throw new AccountException(AccountException.Kind.INVALID, "wrong_password", "oldPassword",
                    "the old password is wrong");
        }
        AccountRules.checkPassword("newPassword", newPassword);
        setPassword(account, newPassword);
        revokeSessions(account);
    }

    private void setPassword(UserAccount account, char[] password) {
        account.setPasswordHash(hasher.hash(password));
        // a sealed NT hash of the old password must not survive a change, even when no new one can be made
        account.setNtHashSealed(credentials.sealNtHash(account.getUsername(), password).orElse(null));
    }

    private void revokeSessions(UserAccount account) {
        em.createQuery("update RefreshToken t set t.revokedAt = :now where t.userId = :id and t.revokedAt is null")
                .setParameter("now", Instant.now()).setParameter("id", account.getId()).executeUpdate();
    }

    /** Refuses to leave no admin: the admin rows are locked, so two concurrent demotions cannot both pass. */
    private void requireAnotherAdmin(UserAccount account, String field, String message) {
        List<UserAccount> admins = em.createQuery("select u from UserAccount u where u.role = :role", UserAccount.class)
                .setParameter("role", AdminRole.ADMIN).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        if (admins.stream().noneMatch(a -> !a.getId().equals(account.getId()))) {
            throw new AccountException(AccountException.Kind.CONFLICT, "last_admin", field, message);
        }
    }

    private int explicitUid(int uid) {
        AccountRules.checkUid(uid);
        if (!em.createQuery("select u.id from UserAccount u where u.uid = :uid", Long.class).setParameter("uid", uid)
                .getResultList().isEmpty()) {
            throw AccountException.conflict("uid", "uid " + uid + " belongs to another user");
        }
        return uid;
    }

    /** The lowest uid from {@value AccountRules#FIRST_ALLOCATED_UID} that no account has. */
    private int nextFreeUid() {
        List<Integer> taken = em.createQuery("select u.uid from UserAccount u where u.uid >= :first order by u.uid",
                Integer.class).setParameter("first", AccountRules.FIRST_ALLOCATED_UID).getResultList();
        return AccountRules.lowestFree(taken);
    }

    private UserGroup groupNamed(String name) {
        return em.createQuery("select g from UserGroup g where g.name = :name", UserGroup.class)
                .setParameter("name", name).getResultStream().findFirst()
                .orElseThrow(() -> AccountException.invalid("primaryGroup", "no group named '" + name + "'"));
    }

    private UserGroup defaultGroup() {
        Optional<UserGroup> existing = em.createQuery("select g from UserGroup g where g.name = :name", UserGroup.class)
                .setParameter("name", DEFAULT_GROUP).getResultStream().findFirst();
        if (existing.isPresent()) {
            return existing.get();
        }
        boolean gidTaken = !em.createQuery("select g.id from UserGroup g where g.gid = :gid", Long.class)
                .setParameter("gid", DEFAULT_GROUP_GID).getResultList().isEmpty();
        if (gidTaken) {
            throw AccountException.invalid("primaryGroup", "no group '" + DEFAULT_GROUP + "' exists and gid "
                    + DEFAULT_GROUP_GID + " is taken: name a primary group");
        }
        UserGroup users = new UserGroup(DEFAULT_GROUP, DEFAULT_GROUP_GID);
        em.persist(users);
        return users;
    }

    private void flushOrConflict(String field, String message) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            throw AccountException.conflict(field, message);
        }
    }

    private UserAccount account(String username) {
        return accountNamed(username).orElseThrow(() -> AccountException.noSuchUser(username));
    }

    private Optional<UserAccount> accountNamed(String username) {
        return em.createQuery("select u from UserAccount u where u.username = :name", UserAccount.class)
                .setParameter("name", username).getResultStream().findFirst();
    }

    private AccountView view(UserAccount account) {
        String primary = em.createQuery("select g.name from UserGroup g where g.gid = :gid", String.class)
                .setParameter("gid", account.getGid()).getResultStream().findFirst().orElse(null);
        List<String> groups = account.getGroups().stream().map(UserGroup::getName).sorted().toList();
        return new AccountView(account.getUsername(), account.getUid(), account.getGid(), primary, groups,
                account.getRole().code(), account.getNtHashSealed() != null, account.getCreatedAt());
    }
}
