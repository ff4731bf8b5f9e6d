package io.cistern.web.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cistern.web.adapters.AdapterView;
import io.cistern.web.clients.ClientView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A frame's opened and closed connections, against the clients of the frame its subscriber got before. */
class ActivityFrameTest {
    private static final Instant SINCE = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void aConnectionThatAppearedIsOpenedAndOneThatWentAwayIsClosedAsLastSeen() {
        ClientView staying = smb(50_001, List.of("alice"));
        ClientView leaving = smb(50_002, List.of("bob"));
        ClientView arriving = nfs(900);
        ActivityFrame frame = frame(List.of(staying, arriving)).since(ClientSet.of(List.of(staying, leaving)));
        assertEquals(List.of(arriving), frame.opened());
        assertEquals(List.of(leaving), frame.closed());
        assertEquals(List.of(staying, arriving), frame.clients());
    }

    @Test
    void aSubscribersFrameKeepsTheListeners() {
        AdapterView smb = new AdapterView("SMB", false, "DISABLED", false, "0.0.0.0", 12445, SINCE, 0, 0);
        ActivityFrame frame = new ActivityFrame(SINCE, List.of(), Map.of(), List.of(), List.of(), List.of(),
                List.of(smb), null, List.of()).since(ClientSet.of(List.of(smb(50_001, List.of()))));
        assertEquals(List.of(smb), frame.listeners());
    }

    @Test
    void aSessionLoggingOnDoesNotMakeItsConnectionANewOne() {
        ActivityFrame frame = frame(List.of(smb(50_001, List.of("alice"))))
                .since(ClientSet.of(List.of(smb(50_001, List.of()))));
        assertEquals(List.of(), frame.opened());
        assertEquals(List.of(), frame.closed());
    }

    @Test
    void theSamePortAgainLaterIsAnotherConnection() {
        ClientView before = smb(50_001, List.of());
        ClientView after = new ClientView("SMB", "192.0.2.7", 50_001, SINCE.plusSeconds(60), 0, List.of(), List.of(),
                null, null, List.of());
        ActivityFrame frame = frame(List.of(after)).since(ClientSet.of(List.of(before)));
        assertEquals(List.of(after), frame.opened());
        assertEquals(List.of(before), frame.closed());
    }

    private static ActivityFrame frame(List<ClientView> clients) {
        return new ActivityFrame(SINCE, List.of(), Map.of(), clients, List.of(), List.of(), List.of(), null, List.of());
    }

    private static ClientView smb(int port, List<String> users) {
        return new ClientView("SMB", "192.0.2.7", port, SINCE, users.size(), users, List.of(), null, null, List.of());
    }

    private static ClientView nfs(int port) {
        return new ClientView("NFS", "192.0.2.8", port, SINCE, null, List.of(), List.of(), 1000, "host", List.of("/data"));
    }
}
