package io.cistern.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.model.PrincipalKind;
import io.cistern.core.model.ShareAccess;
import io.cistern.core.shares.AccountPrincipals;
import io.cistern.core.shares.ShareGrant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** How a share looks to an account over SMB, from its level. */
class ShareCatalogVisibilityTest {
    private static final ShareSummary WRITABLE = new ShareSummary(5, "projects", false);
    private static final AccountPrincipals ALICE = new AccountPrincipals(11, Set.of(21L));

    @Test
    void anOpenShareIsSeenAsConfiguredWithoutLookingTheAccountUp() {
        AtomicInteger lookups = new AtomicInteger();
        Supplier<AccountPrincipals> principals = () -> {
            lookups.incrementAndGet();
            return ALICE;
        };
        assertEquals(Optional.of(WRITABLE), ShareCatalog.asSeenBy(new ListedShare(WRITABLE, List.of()), principals));
        assertEquals(0, lookups.get(), "no query for shares without permission rows");
    }

    @Test
    void noneHidesReadMakesReadOnlyReadWriteKeepsTheShareAsConfigured() {
        assertTrue(seenWith(ShareAccess.NONE, WRITABLE).isEmpty());
        assertEquals(Optional.of(new ShareSummary(5, "projects", true)), seenWith(ShareAccess.READ, WRITABLE));
        assertEquals(Optional.of(WRITABLE), seenWith(ShareAccess.READ_WRITE, WRITABLE));
        assertEquals(Optional.of(WRITABLE), seenWith(ShareAccess.ADMIN, WRITABLE));
        ShareSummary readOnly = new ShareSummary(6, "archive", true);
        assertEquals(Optional.of(readOnly), seenWith(ShareAccess.READ_WRITE, readOnly), "a read-only share stays so");
    }

    @Test
    void anAccountNoRowIsAboutDoesNotSeeARestrictedShare() {
        ListedShare restricted = new ListedShare(WRITABLE, List.of(new ShareGrant(PrincipalKind.USER, 99,
                ShareAccess.READ_WRITE)));
        assertTrue(ShareCatalog.asSeenBy(restricted, () -> ALICE).isEmpty());
    }

    private static Optional<ShareSummary> seenWith(ShareAccess groupLevel, ShareSummary share) {
        ListedShare listed = new ListedShare(share, List.of(new ShareGrant(PrincipalKind.GROUP, 21, groupLevel)));
        return ShareCatalog.asSeenBy(listed, () -> ALICE);
    }
}
