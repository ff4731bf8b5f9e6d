package io.cistern.core.fs;

import java.util.Set;

/**
 * The identity a file-system operation runs as, after the share's squash rules.
 *
 * @param uid    effective user id; 0 is root
 * @param gid    effective primary group id
 * @param groups supplementary group ids
 */
public record Caller(int uid, int gid, Set<Integer> groups) {
    public static final int ROOT = 0;

    public Caller {
        groups = Set.copyOf(groups);
    }

    public boolean isRoot() {
        return uid == ROOT;
    }

    /** Whether the caller is in the group, as primary or supplementary group. */
    public boolean inGroup(int groupId) {
        return gid == groupId || groups.contains(groupId);
    }
}
