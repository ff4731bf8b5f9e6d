package io.cistern.core.shares;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cistern.core.model.PrincipalKind;
import io.cistern.core.model.ShareAccess;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShareLevelsTest {
    private static final long ALICE = 11;
    private static final long BOB = 12;
    private static final long STAFF = 21;
    private static final long GUESTS = 22;

    @Test
    void aShareWithoutRowsIsOpenToEveryAccount() {
        assertEquals(ShareAccess.READ_WRITE, ShareLevels.levelOf(List.of(), ALICE, Set.of()));
    }

    @Test
    void onceRowsExistAnAccountNoneIsAboutHasNone() {
        List<ShareGrant> grants = List.of(user(BOB, ShareAccess.READ_WRITE), group(STAFF, ShareAccess.READ));
        assertEquals(ShareAccess.NONE, ShareLevels.levelOf(grants, ALICE, Set.of(GUESTS)));
    }

    @Test
    void theHighestOfTheOwnRowAndTheGroupsRowsCounts() {
        List<ShareGrant> grants = List.of(user(ALICE, ShareAccess.READ), group(STAFF, ShareAccess.READ_WRITE),
                group(GUESTS, ShareAccess.NONE));
        assertEquals(ShareAccess.READ_WRITE, ShareLevels.levelOf(grants, ALICE, Set.of(STAFF, GUESTS)));
        assertEquals(ShareAccess.READ, ShareLevels.levelOf(grants, ALICE, Set.of(GUESTS)));
        assertEquals(ShareAccess.READ_WRITE, ShareLevels.levelOf(grants, BOB, Set.of(STAFF)));
    }

    @Test
    void anOwnNoneRowTakesNothingAwayFromAGroup() {
        List<ShareGrant> grants = List.of(user(ALICE, ShareAccess.NONE), group(STAFF, ShareAccess.READ));
        assertEquals(ShareAccess.READ, ShareLevels.levelOf(grants, ALICE, Set.of(STAFF)));
        assertEquals(ShareAccess.NONE, ShareLevels.levelOf(grants, ALICE, Set.of()));
    }

    @Test
    void adminIsTheHighestLevel() {
        List<ShareGrant> grants = List.of(user(ALICE, ShareAccess.ADMIN), group(STAFF, ShareAccess.READ_WRITE));
        assertEquals(ShareAccess.ADMIN, ShareLevels.levelOf(grants, ALICE, Set.of(STAFF)));
    }

    @Test
    void aUserRowDoesNotMatchAGroupWithTheSameId() {
        List<ShareGrant> grants = List.of(group(ALICE, ShareAccess.READ_WRITE));
        assertEquals(ShareAccess.NONE, ShareLevels.levelOf(grants, ALICE, Set.of()));
        assertEquals(ShareAccess.NONE, ShareLevels.levelOf(List.of(user(STAFF, ShareAccess.READ)), ALICE, Set.of(STAFF)));
    }

    @Test
    void levelsHaveTheirApiNames() {
        assertEquals(ShareAccess.READ_WRITE, ShareAccess.fromWireName("read-write").orElseThrow());
        assertEquals("none", ShareAccess.NONE.wireName());
        assertEquals(java.util.Optional.empty(), ShareAccess.fromWireName("READ_WRITE"));
    }

    private static ShareGrant user(long id, ShareAccess level) {
        return new ShareGrant(PrincipalKind.USER, id, level);
    }

    private static ShareGrant group(long id, ShareAccess level) {
        return new ShareGrant(PrincipalKind.GROUP, id, level);
    }
}
