package io.cistern.core.accounts;

/**
 * What a username, a uid and a password must be. Names go into paths, NFS and SMB logons and logs, so separators,
 * control characters and a leading dash (an option to tools) are refused.
 */
public final class AccountRules {
    public static final int MAX_NAME_LENGTH = 32;
    public static final int MIN_PASSWORD_LENGTH = 8;
    /** PBKDF2 hashes any length; the bound keeps a request from making the server hash megabytes. */
    public static final int MAX_PASSWORD_LENGTH = 1024;
    /** The first uid handed out when none is asked for. */
    public static final int FIRST_ALLOCATED_UID = 1000;
    /** nobody/nogroup on Linux: squashed callers map to it, so no account may own it. */
    static final int NOBODY = 65534;

    private AccountRules() {
    }

    static void checkUsername(String name) {
        checkName("username", name);
    }

    /** The same rules for a group's name, reported as {@code field}. */
    static void checkName(String field, String name) {
        if (name == null || name.isEmpty()) {
            throw AccountException.invalid(field, "a name is required");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw AccountException.invalid(field, "a name has at most " + MAX_NAME_LENGTH + " characters");
        }
        if (name.startsWith("-") || name.startsWith(".") || !name.strip().equals(name)) {
            throw AccountException.invalid(field, "a name may not begin with '-' or '.', nor begin or end with a "
                    + "space");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || c == '/' || c == '\\' || c == ':' || Character.isSurrogate(c)
                    || Character.getType(c) == Character.FORMAT) {
                throw AccountException.invalid(field, "a name may not contain '/', '\\', ':' or control characters");
            }
        }
    }

    static void checkUid(int uid) {
        checkId("uid", uid);
    }

    /** A uid or gid: positive, not nobody's. */
    static void checkId(String field, int id) {
        if (id <= 0 || id == NOBODY || id == Integer.MAX_VALUE) {
            throw AccountException.invalid(field, field + " must be between 1 and " + (Integer.MAX_VALUE - 1)
                    + ", and not " + NOBODY + " (nobody)");
        }
    }

    static void checkPassword(String field, char[] password) {
        if (password == null || password.length < MIN_PASSWORD_LENGTH) {
            throw AccountException.invalid(field, "a password has at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.length > MAX_PASSWORD_LENGTH) {
            throw AccountException.invalid(field, "a password has at most " + MAX_PASSWORD_LENGTH + " characters");
        }
    }

    /**
     * The lowest id from {@value #FIRST_ALLOCATED_UID} that is not in {@code takenAscending} (the ids in use from there
     * on, ascending), skipping nobody's.
     */
    static int lowestFree(java.util.List<Integer> takenAscending) {
        int candidate = FIRST_ALLOCATED_UID;
        for (int id : takenAscending) {
            if (id > candidate) {
                break;
            }
            candidate = Math.max(candidate, id + 1);
            if (candidate == NOBODY) {
                candidate++;
            }
        }
        return candidate;
    }
}
