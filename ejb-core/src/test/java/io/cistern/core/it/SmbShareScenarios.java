package io.cistern.core.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.model.Share;
import io.cistern.core.model.UserAccount;
import io.cistern.core.service.ShareCatalog;
import io.cistern.core.service.ShareSummary;
import java.util.List;
import java.util.Optional;

/**
 * The shares an SMB tree connect finds (what SmbRequestMdb.shareForTree answers; the MDB itself needs the adapter,
 * which these tests do not deploy).
 */
final class SmbShareScenarios {
    private final ShareCatalog shares;

    SmbShareScenarios(ShareCatalog shares) {
        this.shares = shares;
    }

    void treeConnectsFindTheDefaultShareIgnoringCase() {
        ShareSummary exact = shares.shareFor(UserAccount.ADMIN, Share.DEFAULT_NAME).orElseThrow();
        assertEquals(Share.DEFAULT_NAME, exact.name());
        assertFalse(exact.readOnly(), "the default share is writable");
        for (String spelling : new String[] {"DATA", "Data", "dAtA"}) {
            assertEquals(Optional.of(exact), shares.shareFor(UserAccount.ADMIN, spelling), spelling);
        }
        assertEquals(Optional.of(exact), shares.shareFor("someone-else", "data"),
                "a share without permission rows is open to every account");
        assertEquals(Optional.empty(), shares.shareFor(UserAccount.ADMIN, "nope"));
        assertEquals(Optional.empty(), shares.shareFor(UserAccount.ADMIN, ""));
        assertEquals(Optional.empty(), shares.shareFor(UserAccount.ADMIN, "data%"), "no pattern matching");
    }

    /** srvsvc's list: every share with a top directory, by name, and a share made or dropped shows at once. */
    void theShareListFollowsSharesAsTheyChange(FileSystemProbe probe) {
        List<String> before = names(shares.sharesFor(UserAccount.ADMIN));
        assertTrue(before.contains(Share.DEFAULT_NAME), before.toString());
        assertEquals(before, names(shares.sharesFor("anyone")), "shares without permission rows are listed for every account");
        probe.createShare("listed-share");
        try {
            List<String> with = names(shares.sharesFor(UserAccount.ADMIN));
            assertTrue(with.contains("listed-share"), "a new share is listed at once: " + with);
            assertEquals(with.stream().sorted().toList(), with, "by name");
        } finally {
            probe.dropShare("listed-share");
        }
        assertEquals(before, names(shares.sharesFor(UserAccount.ADMIN)), "a dropped share is gone at once");
    }

    private static List<String> names(List<ShareSummary> list) {
        return list.stream().map(ShareSummary::name).toList();
    }
}
