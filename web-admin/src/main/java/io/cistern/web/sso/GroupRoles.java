package io.cistern.web.sso;

import io.cistern.core.model.AdminRole;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which Cistern role the provider's groups give: the highest role any of the user's groups is mapped to, and none
 * when no group is mapped (such a user is refused, never given a default role). Groups are compared exactly, as the
 * provider spells them.
 */
public final class GroupRoles {
    private final Set<String> admin;
    private final Set<String> operator;
    private final Set<String> viewer;

    /** Each argument lists groups separated by commas; blanks around a name are dropped. */
    public GroupRoles(String adminGroups, String operatorGroups, String viewerGroups) {
        this.admin = split(adminGroups);
        this.operator = split(operatorGroups);
        this.viewer = split(viewerGroups);
    }

    public Optional<AdminRole> roleOf(Collection<String> groups) {
        if (groups.stream().anyMatch(admin::contains)) {
            return Optional.of(AdminRole.ADMIN);
        }
        if (groups.stream().anyMatch(operator::contains)) {
            return Optional.of(AdminRole.OPERATOR);
        }
        if (groups.stream().anyMatch(viewer::contains)) {
            return Optional.of(AdminRole.VIEWER);
        }
        return Optional.empty();
    }

    private static Set<String> split(String groups) {
        return Arrays.stream(groups.split(",")).map(String::trim).filter(group -> !group.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
