package io.cistern.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The adapters' question answered from memory: read once, after each change, and open while unreadable. */
class ListenerSwitchesTest {
    private final StoredSettings stored = new StoredSettings();
    private final ListenerSwitches switches = withSettings(stored);

    @Test
    void aProtocolNeverSwitchedIsEnabledAndTheStoreIsReadOnce() {
        for (int i = 0; i < 10; i++) {
            assertTrue(switches.enabled(ListenerRegistry.SMB));
            assertTrue(switches.enabled(ListenerRegistry.NFS));
        }
        assertEquals(1, stored.reads, "one read for every question after it");
    }

    @Test
    void aStoredSwitchIsAnsweredAndAChangeIsStoredThenAnswered() {
        stored.rows.put(ListenerRegistry.SMB, false);
        assertFalse(switches.enabled(ListenerRegistry.SMB));
        assertTrue(switches.enabled(ListenerRegistry.NFS));
        switches.set(ListenerRegistry.SMB, true, "admin");
        assertEquals(Map.of(ListenerRegistry.SMB, true), stored.rows);
        assertEquals("admin", stored.lastChangedBy);
        assertTrue(switches.enabled(ListenerRegistry.SMB));
        switches.set(ListenerRegistry.NFS, false, "admin");
        assertFalse(switches.enabled(ListenerRegistry.NFS));
    }

    @Test
    void whileTheStoreCannotBeReadEveryListenerIsWantedAndTheReadIsTriedAgain() {
        stored.rows.put(ListenerRegistry.SMB, false);
        stored.down = true;
        assertTrue(switches.enabled(ListenerRegistry.SMB), "open until the switches can be read");
        assertTrue(switches.enabled(ListenerRegistry.SMB));
        stored.down = false;
        assertFalse(switches.enabled(ListenerRegistry.SMB), "read again once the database answers");
        assertEquals(3, stored.reads);
    }

    private static ListenerSwitches withSettings(ListenerSettings settings) {
        ListenerSwitches switches = new ListenerSwitches();
        try {
            Field field = ListenerSwitches.class.getDeclaredField("settings");
            field.setAccessible(true);
            field.set(switches, settings);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        return switches;
    }

    /** The table as a map, and a database that can be down. */
    private static final class StoredSettings extends ListenerSettings {
        final Map<String, Boolean> rows = new HashMap<>();
        int reads;
        boolean down;
        String lastChangedBy;

        @Override
        public Map<String, Boolean> all() {
            reads++;
            if (down) {
                throw new PersistenceException("connection refused");
            }
            return Map.copyOf(rows);
        }

        @Override
        public void save(String protocol, boolean enabled, String changedBy) {
            rows.put(protocol, enabled);
            lastChangedBy = changedBy;
        }
    }
}
