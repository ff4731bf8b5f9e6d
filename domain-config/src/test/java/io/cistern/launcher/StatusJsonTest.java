package io.cistern.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatusJsonTest {
    @Test
    void readsTheListenersOfTheDocumentedShape() {
        String json = "{\"version\":\"0.1.0\",\"uptimeSeconds\":3,\"installationId\":\"8d1278fb-d840-46f2-9d5b-844df2b2024e\","
                + "\"shares\":[\"data\"],\"listeners\":[{\"protocol\":\"NFS\",\"address\":\"0.0.0.0:12049\",\"state\":\"LISTENING\"},"
                + "{\"protocol\":\"SMB\",\"address\":\"0.0.0.0:12445\",\"state\":\"STARTING\"}]}";
        List<StatusJson.Listener> listeners = StatusJson.listeners(json);
        assertEquals(List.of(new StatusJson.Listener("NFS", "0.0.0.0:12049", "LISTENING"),
                new StatusJson.Listener("SMB", "0.0.0.0:12445", "STARTING")), listeners);
        assertTrue(listeners.get(0).listening());
        assertFalse(listeners.get(1).listening());
        assertFalse(listeners.get(1).disabled());
    }

    @Test
    void aListenerSwitchedOffIsDisabledNotListening() {
        List<StatusJson.Listener> listeners = StatusJson.listeners("{\"listeners\":[{\"protocol\":\"SMB\","
                + "\"address\":\"0.0.0.0:12445\",\"state\":\"DISABLED\"}]}");
        assertTrue(listeners.get(0).disabled());
        assertFalse(listeners.get(0).listening());
    }

    @Test
    void toleratesOtherFieldOrderNestingWhitespaceAndEscapes() {
        String json = "{ \"installationId\" : \"x\",\n \"listeners\" : [\n"
                + "  { \"address\" : \"[::]:12049\", \"isListening\" : true, \"detail\" : {\"note\" : \"a } b\"},"
                + " \"protocol\" : \"NFS\", \"since\" : \"2026-11-21T08:43:34Z\", \"state\" : \"LISTENING\" },\n"
                + "  { \"state\":\"FAILED\", \"error\":\"port \\\"12445\\\" taken\", \"protocol\":\"SMB\", \"address\":\"0.0.0.0:12445\" }\n"
                + " ], \"shares\" : [ \"data\" ] }";
        List<StatusJson.Listener> listeners = StatusJson.listeners(json);
        assertEquals(2, listeners.size());
        assertEquals(new StatusJson.Listener("NFS", "[::]:12049", "LISTENING"), listeners.get(0));
        assertEquals(new StatusJson.Listener("SMB", "0.0.0.0:12445", "FAILED"), listeners.get(1));
    }

    @Test
    void missingOrBrokenListenersGiveNone() {
        assertEquals(List.of(), StatusJson.listeners("{\"version\":\"1\"}"));
        assertEquals(List.of(), StatusJson.listeners("{\"listeners\":[]}"));
        assertEquals(List.of(), StatusJson.listeners("<html>Not Found</html>"));
        assertEquals(List.of(), StatusJson.listeners("{\"listeners\":[{\"protocol\":\"NFS\""));
    }

    @Test
    void aMissingFieldReadsAsQuestionMark() {
        List<StatusJson.Listener> listeners = StatusJson.listeners("{\"listeners\":[{\"protocol\":\"NFS\"}]}");
        assertEquals(new StatusJson.Listener("NFS", "?", "?"), listeners.get(0));
    }
}
