package io.cistern.web.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.metrics.ProtocolMetrics;
import io.cistern.core.service.ConnectedClients;
import io.cistern.core.service.ListenerRegistry;
import io.cistern.core.service.ListenerState;
import io.cistern.core.service.ListenerSwitches;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The listeners as the adapters API and the live frames show them, built from the adapters' reports in memory (the
 * registry, the metrics and the connected clients are the real singletons; only the stored switches are stood in
 * for).
 */
class AdapterViewsTest {
    private static final Instant SINCE = Instant.parse("2026-11-22T10:00:00Z");

    /** The stored switches without a database: these protocols are switched off. */
    private static final class Switches extends ListenerSwitches {
        private final Set<String> off;

        Switches(Set<String> off) {
            this.off = off;
        }

        @Override
        public boolean enabled(String protocol) {
            return !off.contains(protocol);
        }
    }

    private final ListenerRegistry registry = new ListenerRegistry();
    private final ProtocolMetrics metrics = new ProtocolMetrics();
    private final ConnectedClients clients = new ConnectedClients();

    @Test
    void eachListenerHasItsSwitchStateBindingConnectionsAndForSmbItsSessions() {
        registry.report(ListenerRegistry.NFS, ListenerState.LISTENING, "0.0.0.0:12049", SINCE);
        registry.report(ListenerRegistry.SMB, ListenerState.DISABLED, "127.0.0.1:12445", SINCE.plusSeconds(5));
        metrics.adapterReport(ProtocolMetrics.NFS, 3, 0);
        metrics.adapterReport(ProtocolMetrics.SMB, 2, 0);
        clients.report(ListenerRegistry.SMB, List.of(), 1);

        List<AdapterView> views = views(Set.of(ListenerRegistry.SMB)).all();

        AdapterView nfs = views.get(0);
        assertEquals(List.of("NFS", "SMB"), views.stream().map(AdapterView::protocol).toList());
        assertTrue(nfs.enabled());
        assertEquals("LISTENING", nfs.state());
        assertTrue(nfs.listening());
        assertEquals("0.0.0.0", nfs.address());
        assertEquals(12049, nfs.port());
        assertEquals(SINCE, nfs.since());
        assertEquals(3, nfs.connections());
        assertNull(nfs.sessions(), "NFS has no sessions");
        AdapterView smb = views.get(1);
        assertFalse(smb.enabled());
        assertEquals("DISABLED", smb.state());
        assertFalse(smb.listening());
        assertEquals("127.0.0.1", smb.address());
        assertEquals(12445, smb.port());
        assertEquals(2, smb.connections());
        assertEquals(1, smb.sessions());
    }

    @Test
    void aListenerThatNeverReportedIsNotStartedWithoutAnAddress() {
        AdapterView smb = views(Set.of()).of(ListenerRegistry.SMB);
        assertEquals("NOT_STARTED", smb.state());
        assertFalse(smb.listening());
        assertNull(smb.address());
        assertNull(smb.port());
        assertEquals(0, smb.connections());
        assertEquals(0, smb.sessions());
    }

    @Test
    void oneListenerIsTheSameViewAsInTheList() {
        registry.report(ListenerRegistry.NFS, ListenerState.LISTENING, "[::]:2049", SINCE);
        AdapterViews views = views(Set.of(ListenerRegistry.NFS));
        assertEquals(views.all().get(0), views.of(ListenerRegistry.NFS));
        assertEquals("[::]", views.of(ListenerRegistry.NFS).address());
        assertEquals(2049, views.of(ListenerRegistry.NFS).port());
        assertFalse(views.of(ListenerRegistry.NFS).enabled());
    }

    private AdapterViews views(Set<String> off) {
        return new AdapterViews(registry, new Switches(off), metrics, clients);
    }
}
