package io.cistern.core.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an account may do in a share, lowest first: the order is the order of precedence, an account's level being the
 * highest its rows give it. {@code ADMIN} works as {@code READ_WRITE} over SMB; it marks who may manage the share.
 */
public enum ShareAccess {
    NONE("none"), READ("read"), READ_WRITE("read-write"), ADMIN("admin");

    private final String wireName;

    ShareAccess(String wireName) {
        this.wireName = wireName;
    }

    /** The name the admin API reads and writes. */
    public String wireName() {
        return wireName;
    }

    public static Optional<ShareAccess> fromWireName(String name) {
        return Arrays.stream(values()).filter(level -> level.wireName.equals(name)).findFirst();
    }

    public ShareAccess atLeast(ShareAccess other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
