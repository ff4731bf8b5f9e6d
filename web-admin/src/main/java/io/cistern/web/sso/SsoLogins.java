package io.cistern.web.sso;

import io.cistern.core.accounts.AccountChange;
import io.cistern.core.accounts.AccountException;
import io.cistern.core.accounts.AccountService;
import io.cistern.core.accounts.AccountView;
import io.cistern.core.accounts.AuditTrail;
import io.cistern.core.model.AdminRole;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Turns a caller the provider vouched for into a Cistern login. Decision: an SSO user needs a local account of the
 * same name (made by an admin, as for any user), and nothing is created on the fly. The account gives the SSO user a
 * uid and groups for the shares, the audit trail and refresh tokens something to refer to, and keeps a provider's
 * claim from ever inventing a user; the provider decides only the role, from its groups, written to the account at
 * each SSO login so that the per-request role check follows the provider.
 */
@ApplicationScoped
public class SsoLogins {
    @EJB
    private AccountService accounts;
    @EJB
    private AuditTrail audit;
    @Inject
    private SsoSettings settings;
    @Inject
    private OneTimeCodes codes;

    /** A one-time code for the console's exchange; throws {@link SsoRefusal} (audited) when the login is refused. */
    public String complete(SsoOutcome outcome, String address) {
        if (!outcome.succeeded()) {
            audit.record(null, "auth.login", null, false, address, "sso: " + outcome.failure());
            throw new SsoRefusal(401, "sso_failed", "Single sign-on failed: " + outcome.failure());
        }
        String name = outcome.callerName();
        String groups = String.join(", ", new TreeSet<>(outcome.groups()));
        Optional<AdminRole> role = settings.groupRoles().roleOf(outcome.groups());
        if (role.isEmpty()) {
            audit.record(name, "auth.login", name, false, address, "sso: no group mapped to a role (groups: "
                    + groups + ")");
            throw new SsoRefusal(403, "no_role", "The identity provider signed in '" + name + "', but none of the "
                    + "user's groups (" + (groups.isEmpty() ? "none" : groups) + ") is given a Cistern role: ask an "
                    + "administrator to map one of them (CISTERN_OIDC_ADMIN_GROUPS, _OPERATOR_GROUPS, _VIEWER_GROUPS).");
        }
        AccountView account;
        try {
            account = accounts.get(name);
        } catch (AccountException e) {
            audit.record(name, "auth.login", name, false, address, "sso: no local account");
            throw new SsoRefusal(403, "no_account", "The identity provider signed in '" + name + "', but Cistern has "
                    + "no account of that name: an administrator must create it first.");
        }
        String detail = "sso";
        if (!role.get().code().equals(account.role())) {
            try {
                accounts.update(account.username(), new AccountChange(null, role.get(), null));
            } catch (AccountException e) {
                audit.record(account.username(), "auth.login", account.username(), false, address,
                        "sso: role " + role.get().code() + " refused: " + e.getMessage());
                throw new SsoRefusal(409, e.code(), "Single sign-on would make '" + account.username() + "' "
                        + role.get().code() + ", which Cistern refuses: " + e.getMessage());
            }
            detail = "sso; role " + account.role() + " -> " + role.get().code() + " from the provider's groups";
        }
        audit.record(account.username(), "auth.login", account.username(), true, address, detail);
        return codes.issue(account.username());
    }
}
