package io.cistern.core.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.DatabaseSession;
import org.eclipse.persistence.sessions.Project;
import org.junit.jupiter.api.Test;

class DatabaseOutageSettingsTest {

    @Test
    void readsRepeatOnceAfterAShortPause() {
        DatabaseSession session = new Project(new DatabaseLogin()).createDatabaseSession();
        new DatabaseOutageSettings().customize(session);
        assertEquals(1, session.getLogin().getQueryRetryAttemptCount());
        assertEquals(200, session.getLogin().getDelayBetweenConnectionAttempts());
    }
}
