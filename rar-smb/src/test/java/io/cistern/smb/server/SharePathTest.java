package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The {@code \\server\share} form of [MS-SMB2] 2.2.9 and what is not. */
class SharePathTest {
    @Test
    void serverAndShareAreSplitAsWritten() {
        assertEquals(new SharePath("127.0.0.1", "Data"), SharePath.parse("\\\\127.0.0.1\\Data"));
        assertEquals(new SharePath("srv", "a b$"), SharePath.parse("\\\\srv\\a b$"));
    }

    @Test
    void everythingElseIsNoSharePath() {
        for (String malformed : new String[] {"", "data", "\\data", "\\\\srv", "\\\\srv\\", "\\\\\\data",
            "\\\\srv\\data\\sub", "\\\\srv\\data\\", "//srv/data", "\\\\srv\\\\data"}) {
            assertNull(SharePath.parse(malformed), malformed);
        }
    }

    @Test
    void ipcIsRecognisedInAnyCase() {
        assertTrue(SharePath.parse("\\\\srv\\IPC$").isIpc());
        assertTrue(SharePath.parse("\\\\srv\\ipc$").isIpc());
        assertFalse(SharePath.parse("\\\\srv\\IPC").isIpc());
        assertFalse(SharePath.parse("\\\\srv\\data").isIpc());
    }
}
