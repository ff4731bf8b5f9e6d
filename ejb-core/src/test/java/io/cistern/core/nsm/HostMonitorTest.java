package io.cistern.core.nsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The status monitor's memory over several starts of the server, each a new {@link HostMonitor} on the same rows:
 * hosts recorded once per start, told after the next one, forgotten once told or restarted themselves.
 */
class HostMonitorTest {
    private static final InetAddress CLIENT_1 = address("192.0.2.1");
    private static final InetAddress CLIENT_2 = address("192.0.2.2");
    private static final MonitoredHost ALPHA = new MonitoredHost("alpha", "192.0.2.1");
    private static final MonitoredHost BETA = new MonitoredHost("beta", "192.0.2.2");

    private final MemoryHostRecords records = new MemoryHostRecords();

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyStartHasAnOddStateNumberLargerThanTheLast() {
        int previous = new HostMonitor(records).state();
        for (int start = 0; start < 5; start++) {
            int state = new HostMonitor(records).state();
            assertTrue(state > previous, previous + " then " + state);
            assertEquals(1, state & 1, "odd: up");
            previous = state;
        }
    }

    @Test
    void aHostIsWrittenOnceHoweverManyLocksItTakes() {
        HostMonitor monitor = new HostMonitor(records);
        for (int lock = 0; lock < 100; lock++) {
            monitor.lockedBy("alpha", CLIENT_1);
        }
        assertEquals(1, records.writes.get());
        monitor.lockedBy("alpha", CLIENT_2);
        monitor.lockedBy("beta", CLIENT_2);
        assertEquals(3, records.writes.get(), "another address or another name is another host");
        assertEquals(List.of(), monitor.toNotify(), "nobody to tell of this start: they locked after it");
    }

    @Test
    void theHostsOfTheLastLifeAreToldOfTheNextStartAndForgottenOnceTold() {
        HostMonitor first = new HostMonitor(records);
        first.lockedBy("alpha", CLIENT_1);
        first.lockedBy("beta", CLIENT_2);

        HostMonitor second = new HostMonitor(records);
        assertEquals(List.of(ALPHA, BETA), second.toNotify().stream()
                .sorted(java.util.Comparator.comparing(MonitoredHost::name)).toList());
        second.notified(ALPHA);
        assertEquals(List.of(BETA), second.toNotify(), "beta was not reached: it stays to be told");

        HostMonitor third = new HostMonitor(records);
        assertEquals(List.of(BETA), third.toNotify(), "and is told after the next start");
    }

    @Test
    void aHostThatLockedAgainAfterTheStartStaysRecordedWhenItsNoticeArrivesLate() {
        new HostMonitor(records).lockedBy("alpha", CLIENT_1);
        HostMonitor second = new HostMonitor(records);
        second.lockedBy("alpha", CLIENT_1);   // it reclaimed: the notice of this start reached it
        second.notified(ALPHA);
        assertEquals(List.of(ALPHA), records.all(), "its reclaimed lock must be announced after the next restart");
        assertEquals(List.of(ALPHA), new HostMonitor(records).toNotify());
    }

    @Test
    void aHostThatRestartedIsForgottenAtEveryAddressAndRecordedAgainWhenItLocksAgain() {
        HostMonitor monitor = new HostMonitor(records);
        monitor.lockedBy("alpha", CLIENT_1);
        monitor.lockedBy("alpha", CLIENT_2);
        monitor.lockedBy("beta", CLIENT_2);
        monitor.rebooted("alpha");
        assertEquals(List.of(BETA), records.all());
        int writes = records.writes.get();
        monitor.lockedBy("alpha", CLIENT_1);
        assertEquals(writes + 1, records.writes.get(), "written again: the memory forgot it too");
        assertEquals(2, records.all().size());
    }

    @Test
    void aFailedWriteIsTriedAgainWithTheNextLock() {
        HostMonitor monitor = new HostMonitor(records);
        records.broken = true;
        assertThrows(IllegalStateException.class, () -> monitor.lockedBy("alpha", CLIENT_1));
        records.broken = false;
        monitor.lockedBy("alpha", CLIENT_1);
        assertEquals(List.of(ALPHA), records.all());
    }
}
