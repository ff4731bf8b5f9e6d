package io.cistern.web.users;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON bodies the user endpoints read. Public fields for JSON-B; passwords are never logged or returned. */
public final class UserRequests {
    private UserRequests() {
    }

    @Schema(name = "NewUser")
    public static class Create {
        @Schema(required = true, maxLength = 32, description = "no '/', '\\\\', ':' or control characters; unique "
                + "ignoring case")
        public String username;
        @Schema(description = "explicit uid; omitted: the lowest free one from 1000")
        public Integer uid;
        @Schema(description = "an existing group's name; omitted: 'users' (gid 100)")
        public String primaryGroup;
        @Schema(enumeration = {"admin", "operator", "viewer"}, description = "omitted: viewer")
        public String role;
        @Schema(required = true, format = "password", minLength = 8, maxLength = 1024)
        public String password;
    }

    @Schema(name = "UserChange", description = "Only the fields given change")
    public static class Change {
        public String primaryGroup;
        @Schema(enumeration = {"admin", "operator", "viewer"})
        public String role;
        @Schema(format = "password", minLength = 8, maxLength = 1024, description = "a new password (reset)")
        public String password;
    }
}
