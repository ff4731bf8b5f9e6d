package io.cistern.core.accounts;

import java.util.List;

/**
 * A group as the admin API shows it.
 *
 * @param name    its name
 * @param gid     numeric group id, as files carry it
 * @param members the usernames of its supplementary members, sorted
 */
public record GroupView(String name, int gid, List<String> members) {
}
