package io.cistern.core.shares;

/**
 * What a share's name must be. It is an SMB share name (NetShareEnum, TREE_CONNECT paths) and an NFS export path
 * ({@code /name}), so it has no path separator, none of the characters Windows forbids in share names, no control
 * characters, and is not the name of the adapter's own pipe share.
 */
public final class ShareRules {
    /** NNLEN, as the SMB adapter bounds a TREE_CONNECT's share name. */
    public static final int MAX_NAME_LENGTH = 80;
    private static final String FORBIDDEN = "\\/:*?\"<>|";

    private ShareRules() {
    }

    static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw ShareException.invalid("name", "a name is required");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw ShareException.invalid("name", "a name has at most " + MAX_NAME_LENGTH + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || FORBIDDEN.indexOf(c) >= 0 || Character.isSurrogate(c)
                    || Character.getType(c) == Character.FORMAT) {
                throw ShareException.invalid("name", "a name may not contain control characters or any of "
                        + FORBIDDEN);
            }
        }
        if (!name.strip().equals(name) || name.equals(".") || name.equals("..")) {
            throw ShareException.invalid("name", "a name may not begin or end with a space, nor be '.' or '..'");
        }
        if (name.equalsIgnoreCase("IPC$")) {
            throw ShareException.invalid("name", "IPC$ is the server's pipe share");
        }
    }

    /** An NFS anonymous uid or gid: 0 (squash to root, as exports(5) allows) up to 2^31-2. */
    static void checkAnonId(String field, int id) {
        if (id < 0 || id == Integer.MAX_VALUE) {
            throw ShareException.invalid(field, field + " must be between 0 and " + (Integer.MAX_VALUE - 1));
        }
    }
}
