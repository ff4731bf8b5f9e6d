package io.cistern.core.metadata;

import java.util.Arrays;

/**
 * A directory's entries in cookie order, as committed while the directory had change counter {@link #change()}.
 * Names and child ids only: the children's attributes change without their directory changing, so they come
 * from the {@link AttributeCache}, which follows every inode. Immutable.
 */
final class DirectoryListing {
    private final long directoryId;
    private final long change;
    private final long[] cookies;
    private final long[] children;
    private final byte[][] names;

    /** The arrays are taken, not copied; {@code cookies} must be ascending. */
    DirectoryListing(long directoryId, long change, long[] cookies, long[] children, byte[][] names) {
        if (cookies.length != children.length || cookies.length != names.length) {
            throw new IllegalArgumentException("a listing needs as many cookies, children and names");
        }
        this.directoryId = directoryId;
        this.change = change;
        this.cookies = cookies;
        this.children = children;
        this.names = names;
    }

    long directoryId() {
        return directoryId;
    }

    long change() {
        return change;
    }

    int size() {
        return cookies.length;
    }

    /** The index of the first entry whose cookie is greater than {@code cookie}; {@link #size()} when none is. */
    int firstAfter(long cookie) {
        int found = Arrays.binarySearch(cookies, cookie);
        return found >= 0 ? found + 1 : -found - 1;
    }

    long cookie(int index) {
        return cookies[index];
    }

    long child(int index) {
        return children[index];
    }

    /** The stored name; callers must not change it (it is shared by every reader of the listing). */
    byte[] name(int index) {
        return names[index];
    }
}
