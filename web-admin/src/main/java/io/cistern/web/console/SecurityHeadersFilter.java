package io.cistern.web.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Security headers on everything the web-admin application answers: the console's static files, the admin API and
 * the redirect at the root. They are set before the request goes on, so that error answers (401, 404, 500) carry
 * them too.
 * <p>
 * The console's policy allows only Cistern's own scripts, styles, images and API, and no inline script or style at
 * all: an injected {@code <script>} or {@code onclick} does not run, which is what makes keeping the refresh token in
 * {@code sessionStorage} tolerable. The API's answers are JSON and never need to load anything, so their policy allows
 * nothing; and since they carry tokens and account data, no cache may keep them.
 */
@WebFilter(filterName = "security-headers", urlPatterns = "/*", asyncSupported = true)
public class SecurityHeadersFilter extends HttpFilter {
    /** The Content-Security-Policy of the console and every other page of the application. */
    public static final String CONSOLE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    /** The Content-Security-Policy of the admin API's answers. */
    public static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";
    /**
     * Strict-Transport-Security on answers sent over TLS (never over plain HTTP, where a browser ignores it anyway):
     * a year, this host only; an installation that serves HTTP beside HTTPS on loopback keeps HTTP usable from other
     * names.
     */
    public static final String HSTS = "max-age=31536000";

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean api = request.getRequestURI().startsWith(request.getContextPath() + "/api/");
        response.setHeader("Content-Security-Policy", api ? API_POLICY : CONSOLE_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        // the console's files may be kept, but are checked again on each load so that an upgrade shows at once
        response.setHeader("Cache-Control", api ? "no-store" : "no-cache");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
        chain.doFilter(request, response);
    }
}
