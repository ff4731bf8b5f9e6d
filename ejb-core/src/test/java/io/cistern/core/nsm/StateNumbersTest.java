package io.cistern.core.nsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The state number's rule: odd while up, larger after every start, and never below the old clock-taken numbers. */
class StateNumbersTest {

    @Test
    void theFirstNumberIsOddSecondsSince2020AsTheNumbersTakenFromTheClockBefore() {
        int first = StateNumbers.first(Instant.parse("2026-01-01T00:00:00Z"));
        assertEquals(1, first & 1);
        assertEquals((int) (Instant.parse("2026-01-01T00:00:00Z").getEpochSecond()
                - Instant.parse("2020-01-01T00:00:00Z").getEpochSecond()) | 1, first);
        assertEquals(1, StateNumbers.first(Instant.parse("2019-06-01T00:00:00Z")), "a clock before 2020: 1");
    }

    @Test
    void eachStartAddsTwoToAnOddNumberAndMakesAnEvenOneOddFirst() {
        assertEquals(5, StateNumbers.after(3));
        assertEquals(7, StateNumbers.after(4), "an even number (a host that said it was down) is made odd, as statd");
        int state = StateNumbers.first(Instant.now());
        for (int start = 0; start < 10; start++) {
            int next = StateNumbers.after(state);
            assertTrue(next > state && (next & 1) == 1, state + " then " + next);
            state = next;
        }
    }
}
