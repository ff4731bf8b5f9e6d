package io.cistern.web.console;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The application's root: sends a browser to the console. Mapped to {@code ""}, which the Servlet specification
 * reserves for the context root exactly, so that no other path ends up here.
 */
@WebServlet(name = "console-redirect", urlPatterns = "")
public class ConsoleRedirectServlet extends HttpServlet {
    /** Where the console's files are served. */
    public static final String CONSOLE_PATH = "/console/";

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", request.getContextPath() + CONSOLE_PATH);
    }
}
