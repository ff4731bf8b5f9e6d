package io.cistern.nfs.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.ResourceException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The switch's decisions, against sockets that only count: what opens and closes when, and what is reported. */
class ListenerSwitchTest {
    private final CountingSockets sockets = new CountingSockets();
    private final ListenerSwitch listenerSwitch = new ListenerSwitch("NFS", sockets);
    private final List<ListenerSwitch.State> reports = new ArrayList<>();

    @Test
    void theFirstAnswerIsReportedOnceAndAnOpenListenerStaysOpen() {
        listenerSwitch.apply(true, reports::add);
        listenerSwitch.apply(true, reports::add);
        assertEquals(List.of(ListenerSwitch.State.LISTENING), reports);
        assertEquals(0, sockets.opens);
        assertEquals(0, sockets.closes);
    }

    @Test
    void offClosesOnceAndOnOpensAgain() {
        listenerSwitch.apply(false, reports::add);
        listenerSwitch.apply(false, reports::add);
        assertFalse(listenerSwitch.isOpen());
        assertEquals(1, sockets.closes);
        listenerSwitch.apply(true, reports::add);
        assertTrue(listenerSwitch.isOpen());
        assertEquals(1, sockets.opens);
        assertEquals(List.of(ListenerSwitch.State.DISABLED, ListenerSwitch.State.LISTENING), reports);
    }

    @Test
    void noAnswerChangesNothingButTheStateIsStillReported() {
        listenerSwitch.apply(null, reports::add);
        assertEquals(List.of(ListenerSwitch.State.LISTENING), reports);
        listenerSwitch.apply(false, reports::add);
        listenerSwitch.apply(null, reports::add);
        assertFalse(listenerSwitch.isOpen());
        assertEquals(1, sockets.closes);
    }

    @Test
    void aFailedBindLeavesItDisabledAndIsTriedAgain() {
        listenerSwitch.apply(false, reports::add);
        sockets.failOpen = true;
        listenerSwitch.apply(true, reports::add);
        assertFalse(listenerSwitch.isOpen());
        assertEquals(List.of(ListenerSwitch.State.DISABLED), reports);
        sockets.failOpen = false;
        listenerSwitch.apply(true, reports::add);
        assertTrue(listenerSwitch.isOpen());
        assertEquals(2, sockets.opens);
        assertEquals(List.of(ListenerSwitch.State.DISABLED, ListenerSwitch.State.LISTENING), reports);
    }

    @Test
    void aReportThatFailsIsMadeAgain() {
        assertThrows(IllegalStateException.class, () -> listenerSwitch.apply(false, state -> {
            throw new IllegalStateException("application unavailable");
        }));
        listenerSwitch.apply(false, reports::add);
        assertEquals(List.of(ListenerSwitch.State.DISABLED), reports);
        assertEquals(1, sockets.closes);
    }

    @Test
    void aRetiredSwitchClosesOnceAndIgnoresLaterAnswers() {
        listenerSwitch.retire();
        listenerSwitch.apply(true, reports::add);
        listenerSwitch.apply(false, reports::add);
        listenerSwitch.retire();
        assertEquals(1, sockets.closes);
        assertEquals(0, sockets.opens);
        assertTrue(reports.isEmpty());
        assertFalse(listenerSwitch.isOpen());
    }

    private static final class CountingSockets implements ListenerSwitch.Sockets {
        int opens;
        int closes;
        boolean failOpen;

        @Override
        public void open() throws ResourceException {
            opens++;
            if (failOpen) {
                throw new ResourceException("port taken");
            }
        }

        @Override
        public void close() {
            closes++;
        }
    }
}
