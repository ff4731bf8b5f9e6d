package io.cistern.core.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cistern.core.model.Share;
import io.cistern.core.model.UserAccount;
import io.cistern.core.service.ShareCatalog;
import io.cistern.core.service.ShareSummary;
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
                "no per-user share permissions yet: any account may use the share");
        assertEquals(Optional.empty(), shares.shareFor(UserAccount.ADMIN, "nope"));
        assertEquals(Optional.empty(), shares.shareFor(UserAccount.ADMIN, ""));
        assertEquals(Optional.empty(), shares.shareFor(UserAccount.ADMIN, "data%"), "no pattern matching");
    }
}
