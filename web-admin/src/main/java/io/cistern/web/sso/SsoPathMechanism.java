package io.cistern.web.sso;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContextWrapper;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The application's one HTTP authentication mechanism: it hands exactly two paths, {@value SsoSettings#LOGIN_PATH}
 * and {@value SsoSettings#CALLBACK_PATH}, to the OpenID Connect mechanism of {@link SsoSettings}'s definition, and only
 * while single sign-on is configured; every other request (the API with its bearer tokens, the console's files) is
 * left alone, as if no mechanism were installed.
 * <p>
 * Why a wrapper rather than the mechanism as it comes (Soteria 3.0.3, which Payara 6 runs for
 * {@code @OpenIdAuthenticationMechanismDefinition}; read in its OpenIdAuthenticationMechanism):
 * <ul>
 * <li>The container calls the mechanism on every request of the WAR, protected or not. On any GET that carries
 * {@code state} and {@code code} parameters it runs the callback logic, and fails the request (SEND_FAILURE) unless
 * its URL is the redirect URI, whatever the path: a query parameter named {@code state} on an API endpoint would
 * break it. It also reads request parameters on every request, which consumes a form-encoded body.</li>
 * <li>It redirects to the provider only when the resource is protected by a security constraint, so the login path
 * would need one; but a constraint on the callback path makes it redirect again instead of reading the answer when the
 * state is missing. Here the login path is declared protected to it alone ({@link Capture#isProtected()}), without
 * any constraint in the container.</li>
 * <li>A callback in a browser without an HTTP session (no login started, or the session expired) does not get "no
 * state" from it but a NoSuchElementException, from the original URL it also expects in the session; such a callback
 * is answered here without it.</li>
 * <li><b>The trap:</b> after a valid callback it calls {@code setRegisterSession}, so the container keeps the caller
 * in the HTTP session, and every later request of that browser (the same-origin API calls included) arrives
 * authenticated as the provider's user with the provider's groups, beside and regardless of Cistern's bearer tokens
 * and its per-request role check. Here the result is captured ({@link Capture}) and never reaches the container:
 * the callback request stays unauthenticated, and the callback servlet turns the captured caller into Cistern's own
 * login and ends the HTTP session, which held the state, the nonce and the provider's tokens.</li>
 * </ul>
 * An {@code @Alternative} with a priority, so that Soteria's lookup of "the" mechanism resolves to this one rather
 * than to the OpenID mechanism it registers for the definition; that one is found among all beans of the type.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class SsoPathMechanism implements HttpAuthenticationMechanism {
    private static final Logger LOG = Logger.getLogger(SsoPathMechanism.class.getName());

    @Inject
    private SsoSettings settings;
    @Inject
    private BeanManager beans;
    private volatile HttpAuthenticationMechanism openId;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        if (!settings.enabled()) {
            return context.doNothing();
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean login = SsoSettings.LOGIN_PATH.equals(path);
        if (!login && !SsoSettings.CALLBACK_PATH.equals(path)) {
            return context.doNothing();
        }
        Capture capture = new Capture(context, login);
        if (!login && request.getSession(false) == null) {
            // The mechanism keeps the state in the HTTP session; without one it does not answer "no state" but
            // fails on the original URL it also expects there (NoSuchElementException): say what it means instead
            capture.refuse(Capture.NOT_STARTED);
            request.setAttribute(SsoOutcome.ATTRIBUTE, capture.outcome);
            return context.doNothing();
        }
        try {
            AuthenticationStatus status = openId().validateRequest(request, response, capture);
            if (login && status == AuthenticationStatus.SEND_CONTINUE) {
                return status; // the redirect to the provider is written
            }
        } catch (AuthenticationException | RuntimeException e) {
            // the provider unreachable, its discovery document or token answer unusable, an ID token that fails
            // validation (signature, issuer, audience, nonce, expiry): no login, and the servlet says so
            LOG.log(Level.WARNING, "single sign-on " + (login ? "login" : "callback") + " failed: " + e);
            capture.refuse((login ? "the identity provider could not be asked: " : "the identity provider's answer "
                    + "could not be used: ") + e.getMessage());
        }
        if (capture.outcome != null) {
            request.setAttribute(SsoOutcome.ATTRIBUTE, capture.outcome);
        }
        return context.doNothing();
    }

    private HttpAuthenticationMechanism openId() {
        HttpAuthenticationMechanism current = openId;
        if (current == null) {
            Bean<?> bean = beans.getBeans(HttpAuthenticationMechanism.class).stream()
                    .filter(candidate -> !candidate.getTypes().contains(SsoPathMechanism.class)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no OpenID Connect mechanism is registered"));
            current = (HttpAuthenticationMechanism) beans.getReference(bean, HttpAuthenticationMechanism.class,
                    beans.createCreationalContext(bean));
            openId = current;
        }
        return current;
    }

    /**
     * The container's context as the OpenID mechanism sees it: the login path counts as protected, and what the
     * mechanism would tell the container about the caller is kept here instead.
     */
    private static final class Capture extends HttpMessageContextWrapper {
        static final String NOT_STARTED = "no single sign-on was started in this browser, or it has expired: "
                + "start again";
        private final boolean loginPath;
        private SsoOutcome outcome;

        Capture(HttpMessageContext context, boolean loginPath) {
            super(context);
            this.loginPath = loginPath;
        }

        @Override
        public boolean isProtected() {
            return loginPath || super.isProtected();
        }

        @Override
        public AuthenticationStatus notifyContainerAboutLogin(CredentialValidationResult result) {
            switch (result.getStatus()) {
                case VALID:
                    outcome = SsoOutcome.validated(result.getCallerPrincipal().getName(), result.getCallerGroups());
                    return AuthenticationStatus.SUCCESS;
                case INVALID:
                    refuse("the identity provider's answer does not belong to the login this browser started "
                            + "(state), or its code was refused");
                    return AuthenticationStatus.SEND_FAILURE;
                default:
                    refuse(NOT_STARTED);
                    return AuthenticationStatus.SEND_FAILURE;
            }
        }

        @Override
        public AuthenticationStatus notifyContainerAboutLogin(Principal principal, Set<String> groups) {
            outcome = SsoOutcome.validated(principal.getName(), groups == null ? Set.of() : groups);
            return AuthenticationStatus.SUCCESS;
        }

        @Override
        public AuthenticationStatus notifyContainerAboutLogin(String callerName, Set<String> groups) {
            outcome = SsoOutcome.validated(callerName, groups == null ? Set.of() : groups);
            return AuthenticationStatus.SUCCESS;
        }

        @Override
        public void setRegisterSession(String callerName, Set<String> groups) {
            // never: see the class comment
        }

        void refuse(String reason) {
            outcome = SsoOutcome.refused(reason);
        }
    }
}
