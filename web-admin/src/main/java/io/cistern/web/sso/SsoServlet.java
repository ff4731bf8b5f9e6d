package io.cistern.web.sso;

import io.cistern.web.auth.ClientAddress;
import io.cistern.web.errors.ApiError;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * The single sign-on paths. {@value SsoSettings#LOGIN_PATH} is answered by {@link SsoPathMechanism} with a redirect
 * to the provider before this servlet runs; the servlet sees it only when SSO is off (404) or the provider could not
 * be asked. {@value SsoSettings#CALLBACK_PATH} gets the mechanism's outcome: a refusal page, or Cistern's login handed
 * to the console through a one-time code in a cookie that only the exchange endpoint receives
 * ({@code HttpOnly; SameSite=Strict; Path=/api/v1/auth/sso}), never through the URL.
 */
@WebServlet(name = "sso", urlPatterns = "/sso/*")
public class SsoServlet extends HttpServlet {
    /** The cookie that carries the one-time code from the callback to the exchange. */
    public static final String CODE_COOKIE = "cistern_sso";
    /** Where the console picks the login up (it then posts to the exchange endpoint). */
    static final String CONSOLE_LANDING = "/console/#/sso";
    private static final long serialVersionUID = 1L;

    @Inject
    private SsoSettings settings;
    @Inject
    private SsoLogins logins;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!settings.enabled()) {
            SsoAnswers.json(response, HttpServletResponse.SC_NOT_FOUND, SsoAnswers.NOT_CONFIGURED);
        } else if (SsoSettings.CALLBACK_PATH.equals(path)) {
            callback(request, response);
        } else if (SsoSettings.LOGIN_PATH.equals(path)) {
            SsoOutcome outcome = (SsoOutcome) request.getAttribute(SsoOutcome.ATTRIBUTE);
            SsoAnswers.refusalPage(response, request.getContextPath(), new SsoRefusal(502, "provider_unavailable",
                    outcome == null ? "Single sign-on did not start." : "Single sign-on could not start: "
                            + outcome.failure()));
        } else {
            SsoAnswers.json(response, HttpServletResponse.SC_NOT_FOUND, new ApiError("not_found",
                    "no such single sign-on path: " + path, null));
        }
    }

    private void callback(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SsoOutcome outcome = (SsoOutcome) request.getAttribute(SsoOutcome.ATTRIBUTE);
        if (outcome == null) {
            // the mechanism reads only answers with a code: an error answer (the user cancelled, the provider
            // refused the client) or a bare visit ends here
            String error = request.getParameter("error");
            outcome = SsoOutcome.refused(error == null ? "the callback carries no authorization code"
                    : "the identity provider answered " + error.replaceAll("[^A-Za-z0-9_.-]", "?"));
        }
        // the session held the state, the nonce and the provider's tokens: none of it is of use any more
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        String code;
        try {
            code = logins.complete(outcome, ClientAddress.of(request));
        } catch (SsoRefusal refusal) {
            SsoAnswers.refusalPage(response, request.getContextPath(), refusal);
            return;
        }
        Cookie cookie = new Cookie(CODE_COOKIE, code);
        cookie.setPath(request.getContextPath() + "/api/v1/auth/sso");
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setMaxAge((int) OneTimeCodes.LIFETIME.toSeconds());
        cookie.setAttribute("SameSite", "Strict");
        response.addCookie(cookie);
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + CONSOLE_LANDING);
    }
}
