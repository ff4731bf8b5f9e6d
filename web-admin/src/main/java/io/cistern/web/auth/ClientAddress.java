package io.cistern.web.auth;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The address a request came from, as the connection shows it. Forwarding headers are not trusted: anyone can send
 * them, and the API binds to loopback unless configured otherwise.
 */
public final class ClientAddress {
    private ClientAddress() {
    }

    public static String of(HttpServletRequest request) {
        String address = request == null ? null : request.getRemoteAddr();
        return address == null ? "unknown" : address;
    }
}
