package io.cistern.core.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AccountRulesTest {
    @Test
    void ordinaryNamesPass() {
        for (String name : new String[] {"alice", "bob.smith", "x", "svc_backup-2", "Jürgen", "a".repeat(32)}) {
            AccountRules.checkUsername(name);
        }
    }

    @Test
    void separatorsControlCharactersAndLengthAreRefusedNamingTheField() {
        for (String name : new String[] {"", "a/b", "a\\b", "a:b", "tab\tin", "nul\0", "bell\u0007", "-rf", ".hidden",
                " lead", "trail ", "zero\u200bwidth", "a".repeat(33), null}) {
            AccountException refused = assertThrows(AccountException.class, () -> AccountRules.checkUsername(name),
                    String.valueOf(name));
            assertEquals("username", refused.field());
            assertEquals(AccountException.Kind.INVALID, refused.kind());
        }
    }

    @Test
    void uidsOfRootNobodyAndNegativesAreRefused() {
        AccountRules.checkUid(1);
        AccountRules.checkUid(1000);
        for (int uid : new int[] {0, -1, 65534, Integer.MAX_VALUE}) {
            assertEquals("uid", assertThrows(AccountException.class, () -> AccountRules.checkUid(uid)).field());
        }
    }

    @Test
    void passwordsHaveBoundedLength() {
        AccountRules.checkPassword("password", "12345678".toCharArray());
        assertEquals("newPassword", assertThrows(AccountException.class,
                () -> AccountRules.checkPassword("newPassword", "1234567".toCharArray())).field());
        assertThrows(AccountException.class, () -> AccountRules.checkPassword("password", new char[1025]));
        assertThrows(AccountException.class, () -> AccountRules.checkPassword("password", null));
    }

    @Test
    void theLowestFreeIdFromAThousandFillsGapsAndSkipsNobody() {
        assertEquals(1000, AccountRules.lowestFree(java.util.List.of()));
        assertEquals(1000, AccountRules.lowestFree(java.util.List.of(1001, 1002)));
        assertEquals(1002, AccountRules.lowestFree(java.util.List.of(1000, 1001, 1003)));
        assertEquals(1001, AccountRules.lowestFree(java.util.List.of(1000, 1000, 5000)));
        assertEquals(65535, AccountRules.lowestFree(java.util.stream.IntStream.rangeClosed(1000, 65533).boxed().toList()));
    }
}
