package io.cistern.core.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UploadPacingTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void withoutClientsABlockGoesOnceItHasSettled() {
        LastClientRequest clients = new LastClientRequest();
        long now = System.nanoTime();

        assertEquals(now - 750 * MS, UploadPacing.settledBefore(now, 0.1, clients));
    }

    @Test
    void whileClientsAreAnsweredABlockRestsLonger() {
        LastClientRequest clients = new LastClientRequest();
        clients.noteAnswered();
        long now = System.nanoTime();

        assertEquals(now - 10_000 * MS, UploadPacing.settledBefore(now, 0.1, clients));
    }

    @Test
    void aPauseOfAQuarterSecondEndsTheWait() {
        LastClientRequest clients = new LastClientRequest();
        clients.noteAnswered();
        long answered = System.nanoTime();

        assertTrue(clients.within(answered + 200 * MS, UploadPacing.BUSY_WINDOW_NANOS));
        assertFalse(clients.within(answered + 300 * MS, UploadPacing.BUSY_WINDOW_NANOS));
        long later = answered + 300 * MS;
        assertEquals(later - 750 * MS, UploadPacing.settledBefore(later, 0.1, clients));
    }

    @Test
    void aHalfFullJournalIsDrainedWhateverTheClientsDo() {
        LastClientRequest clients = new LastClientRequest();
        clients.noteAnswered();

        assertEquals(JournalIndex.ANY_AGE, UploadPacing.settledBefore(System.nanoTime(), 0.5, clients));
        assertEquals(JournalIndex.ANY_AGE, UploadPacing.settledBefore(System.nanoTime(), 0.93, new LastClientRequest()));
    }

    @Test
    void noRequestYetIsNoClientAtWorkWhateverNanoTimesOrigin() {
        LastClientRequest clients = new LastClientRequest();

        assertFalse(clients.within(System.nanoTime(), UploadPacing.BUSY_WINDOW_NANOS));
        assertFalse(clients.within(System.nanoTime() + TimeUnit.DAYS.toNanos(365), UploadPacing.BUSY_WINDOW_NANOS));
    }
}
