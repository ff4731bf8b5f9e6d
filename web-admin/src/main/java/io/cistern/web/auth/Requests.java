package io.cistern.web.auth;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON bodies the auth endpoints read. Public fields: JSON-B fills them; they are never logged. */
public final class Requests {
    private Requests() {
    }

    @Schema(name = "LoginRequest")
    public static class Login {
        public String username;
        @Schema(format = "password")
        public String password;
    }

    @Schema(name = "RefreshRequest", description = "A refresh token from a login or an earlier refresh")
    public static class Refresh {
        public String refreshToken;
    }

    @Schema(name = "PasswordChangeRequest")
    public static class PasswordChange {
        @Schema(format = "password")
        public String oldPassword;
        @Schema(format = "password")
        public String newPassword;
    }
}
