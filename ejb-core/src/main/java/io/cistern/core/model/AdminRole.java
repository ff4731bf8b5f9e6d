package io.cistern.core.model;

import java.util.Locale;
import java.util.Optional;

/** What an account may do in the admin API: admin everything, operator shares and jobs (and read users), viewer read. */
public enum AdminRole {
    ADMIN, OPERATOR, VIEWER;

    /** The role as the API spells it: lower case. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role the API spelling {@code code} names, in any case; empty for anything else. */
    public static Optional<AdminRole> parse(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (AdminRole role : values()) {
            if (role.code().equals(code.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
