package io.cistern.smb.server;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Connection.SessionTable of [MS-SMB2] 3.3.1.7: the connection's sessions by SessionId. SessionIds are random
 * 64-bit values, so that one client cannot guess another's; never 0 (no session) and never all ones (the
 * "same session" of related compound requests, 3.2.4.1.4). A connection may hold at most {@link #MAX_SESSIONS},
 * which bounds what a client can make the server keep by starting exchanges it never finishes.
 * Confined to the connection's event loop.
 */
final class SessionTable {
    static final int MAX_SESSIONS = 64;

    private final Map<Long, SmbSession> sessions = new HashMap<>();
    private final Consumer<SmbOpen> closeOpen;

    /** @param closeOpen closes each open of a session that goes away ([MS-SMB2] 3.3.5.6, 3.3.7.1) */
    SessionTable(Consumer<SmbOpen> closeOpen) {
        this.closeOpen = closeOpen;
    }

    /** The session, or null when there is none with that id. */
    SmbSession find(long sessionId) {
        return sessions.get(sessionId);
    }

    /** Whether {@code session} is still the one registered under its id (not logged off or failed meanwhile). */
    boolean holds(SmbSession session) {
        return sessions.get(session.sessionId()) == session;
    }

    /** A new InProgress session under a fresh id; null when the connection already has its maximum. */
    SmbSession create(SecureRandom random) {
        if (sessions.size() >= MAX_SESSIONS) {
            return null;
        }
        long sessionId;
        do {
            sessionId = random.nextLong();
        } while (sessionId == 0 || sessionId == -1L || sessions.containsKey(sessionId));
        SmbSession session = new SmbSession(sessionId);
        sessions.put(sessionId, session);
        return session;
    }

    /** Removes the session, closes its opens and wipes its keys. */
    void remove(SmbSession session) {
        if (sessions.remove(session.sessionId(), session)) {
            session.opens().removeAll().forEach(closeOpen);
            session.destroy();
        }
    }

    /** The connection is gone: every session with it ([MS-SMB2] 3.3.7.1). */
    void clear() {
        sessions.values().forEach(session -> {
            session.opens().removeAll().forEach(closeOpen);
            session.destroy();
        });
        sessions.clear();
    }

    int size() {
        return sessions.size();
    }

    /** The sessions that completed their logon, in no particular order. */
    List<SmbSession> valid() {
        return sessions.values().stream().filter(SmbSession::isValid).toList();
    }

    boolean isEmpty() {
        return sessions.isEmpty();
    }
}
