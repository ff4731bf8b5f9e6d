package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CreditWindowTest {

    @Test
    void theWindowStartsWithMessageIdZeroAndGrowsByWhatResponsesGrant() {
        CreditWindow window = new CreditWindow();
        assertFalse(window.take(1, 1), "only 0 before any grant");
        assertTrue(window.take(0, 1));
        assertFalse(window.take(0, 1), "a MessageId is used once");
        assertEquals(0, window.outstanding());
        assertEquals(10, window.grant(10));
        assertTrue(window.take(1, 1));
        assertTrue(window.take(2, 4), "a multi-credit request takes its charge");
        assertFalse(window.take(5, 1), "3 and 4 went with 2");
        assertTrue(window.take(6, 5), "6 to 10");
        assertFalse(window.take(11, 1), "beyond what was granted");
        assertEquals(0, window.outstanding());
    }

    @Test
    void aChargeThatRunsPastTheWindowOrOverAUsedIdTakesNothing() {
        CreditWindow window = new CreditWindow();
        window.take(0, 1);
        window.grant(4);                        // 1..4
        assertTrue(window.take(3, 1));
        assertFalse(window.take(2, 2), "3 is used");
        assertFalse(window.take(4, 2), "5 was never granted");
        assertTrue(window.take(2, 1), "the refused requests took nothing");
        assertTrue(window.take(0 + 1, 0), "a charge of 0 counts as 1");
        assertEquals(1, window.outstanding());
        assertFalse(window.take(-1, 1), "MessageIds from 2^63 on are not granted");
        assertFalse(window.take(Long.MAX_VALUE, 1));
    }

    @Test
    void aSkippedMessageIdStaysUsableAndHeldCreditsAreCapped() {
        CreditWindow window = new CreditWindow();
        window.take(0, 1);
        assertEquals(CreditWindow.MAX_OUTSTANDING, window.grant(100_000), "no more than the limit at once");
        assertEquals(0, window.grant(5), "the client holds the limit already");
        assertTrue(window.take(2, 1), "1 skipped");
        assertEquals(1, window.grant(5), "one back for the one used");
        assertTrue(window.take(1, 1), "the skipped one is still good");
    }

    @Test
    void aClientWithNoCreditsLeftIsAlwaysGrantedOne() {
        CreditWindow window = new CreditWindow();
        window.take(0, 1);
        assertEquals(1, window.grant(0), "asked for none, holds none: one, or it could never send again");
        assertEquals(0, window.grant(0), "holds one: none needed");
    }

    @Test
    void aMessageIdSkippedFarBehindIsGivenUpSoTheWindowStaysBounded() {
        CreditWindow window = new CreditWindow();
        window.take(0, 1);
        window.grant(2);                        // 1, 2
        window.take(2, 1);                      // 1 stays unused
        long next = 3;
        while (next <= CreditWindow.MAX_SPAN + 10) {
            window.grant(100);
            for (int i = 0; i < 100; i++) {
                assertTrue(window.take(next++, 1));
            }
        }
        assertFalse(window.take(1, 1), "skipped more than MAX_SPAN ago");
        assertEquals(0, window.outstanding());
    }
}
