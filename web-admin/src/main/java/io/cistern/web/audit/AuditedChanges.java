package io.cistern.web.audit;

import io.cistern.core.accounts.AccountException;
import io.cistern.core.accounts.AuditTrail;
import io.cistern.core.shares.ShareException;
import io.cistern.core.stores.StoreException;
import io.cistern.web.auth.ClientAddress;
import io.cistern.web.errors.ApiException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.SecurityContext;
import java.util.function.Function;
import java.util.function.Supplier;

/** Runs a change made through the API and writes it to the audit log, whether it was done or refused. */
@RequestScoped
public class AuditedChanges {
    @EJB
    private AuditTrail audit;
    @Inject   // CDI's built-in bean: @Context reaches only JAX-RS resources and providers
    private HttpServletRequest http;

    /**
     * {@code change}, recorded as {@code action} on {@code target} by the caller; a refusal is recorded with its
     * error code and rethrown. {@code detail} must hold no secret.
     */
    public <T> T run(SecurityContext caller, String action, String target, String detail, Supplier<T> change) {
        String actor = caller.getUserPrincipal().getName();
        String address = ClientAddress.of(http);
        try {
            T result = change.get();
            audit.record(actor, action, target, true, address, detail);
            return result;
        } catch (AccountException e) {
            audit.record(actor, action, target, false, address, e.code());
            throw e;
        } catch (ShareException e) {
            audit.record(actor, action, target, false, address, e.code());
            throw e;
        } catch (StoreException e) {
            audit.record(actor, action, target, false, address, e.code());
            throw e;
        } catch (ApiException e) {
            audit.record(actor, action, target, false, address, e.error().code());
            throw e;
        }
    }

    /**
     * As {@link #run}, for a change whose detail is known only once it is made (old and new values): {@code detail}
     * describes the result, and must hold no secret; a refusal is recorded with its error code.
     */
    public <T> T runDescribed(SecurityContext caller, String action, String target, Supplier<T> change,
                              Function<T, String> detail) {
        String actor = caller.getUserPrincipal().getName();
        String address = ClientAddress.of(http);
        T result;
        try {
            result = change.get();
        } catch (ApiException e) {
            audit.record(actor, action, target, false, address, e.error().code());
            throw e;
        }
        audit.record(actor, action, target, true, address, detail.apply(result));
        return result;
    }
}
