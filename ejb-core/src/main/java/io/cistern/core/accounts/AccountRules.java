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
        if (name == null || name.isEmpty()) {
            throw AccountException.invalid("username", "a username is required");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw AccountException.invalid("username", "a username has at most " + MAX_NAME_LENGTH + " characters");
        }
        if (name.startsWith("-") || name.startsWith(".") || !name.strip().equals(name)) {
            throw AccountException.invalid("username", "a username may not begin with '-' or '.', nor begin or end "
                    + "with a space");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || c == '/' || c == '\\' || c == ':' || Character.isSurrogate(c)
                    || Character.getType(c) == Character.FORMAT) {
                throw AccountException.invalid("username", "a username may not contain '/', '\\', ':' or control "
                        + "characters");
            }
        }
    }

    static void checkUid(int uid) {
        if (uid <= 0 || uid == NOBODY || uid == Integer.MAX_VALUE) {
            throw AccountException.invalid("uid", "uid must be between 1 and " + (Integer.MAX_VALUE - 1)
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
}
