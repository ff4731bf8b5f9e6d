package io.cistern.web.sso;

import io.cistern.web.errors.ApiError;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What the SSO paths answer a browser or a program when there is no redirect: the API's JSON error (SSO not
 * configured), or a short page saying why a sign-on was refused, with a way back to the console. The page is text
 * escaped into fixed markup, with no script, under the console's Content-Security-Policy.
 */
final class SsoAnswers {
    static final ApiError NOT_CONFIGURED = new ApiError("sso_not_configured",
            "single sign-on is not configured on this server (CISTERN_OIDC_ISSUER is unset)", null);

    private SsoAnswers() {
    }

    static void json(HttpServletResponse response, int status, ApiError error) throws IOException {
        JsonObjectBuilder body = Json.createObjectBuilder().add("code", error.code()).add("message", error.message());
        if (error.field() != null) {
            body.add("field", error.field());
        }
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(body.build().toString());
    }

    static void refusalPage(HttpServletResponse response, String contextPath, SsoRefusal refusal) throws IOException {
        response.setStatus(refusal.status());
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/html");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Single sign-on refused · Cistern</title>"
                + "<link rel=\"stylesheet\" href=\"" + escape(contextPath) + "/console/css/console.css\"></head>"
                + "<body><main class=\"login\"><h1>Single sign-on refused</h1>"
                + "<p role=\"alert\" data-code=\"" + escape(refusal.code()) + "\">" + escape(refusal.getMessage())
                + "</p><p><a href=\"" + escape(contextPath) + "/console/\">Back to the console</a></p></main>"
                + "</body></html>\n");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
