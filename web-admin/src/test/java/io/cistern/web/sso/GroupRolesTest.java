package io.cistern.web.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cistern.core.model.AdminRole;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GroupRolesTest {
    private final GroupRoles roles = new GroupRoles(" cistern-admins , root ", "ops", "staff,ops-readers");

    @Test
    void theHighestMappedRoleWins() {
        assertEquals(Optional.of(AdminRole.ADMIN), roles.roleOf(List.of("staff", "root")));
        assertEquals(Optional.of(AdminRole.OPERATOR), roles.roleOf(List.of("ops-readers", "ops")));
        assertEquals(Optional.of(AdminRole.VIEWER), roles.roleOf(List.of("ops-readers")));
    }

    @Test
    void noMappedGroupGivesNoRole() {
        assertEquals(Optional.empty(), roles.roleOf(List.of()));
        assertEquals(Optional.empty(), roles.roleOf(List.of("Cistern-Admins", "cistern", "")));
        assertEquals(Optional.empty(), new GroupRoles("", " , ", "").roleOf(List.of("", " ")));
    }
}
