package io.cistern.smb.server;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who one SMB connection serves, for the administrator's list of connected clients: its valid sessions, the names
 * they logged on as, and the shares they have tree-connected. A copy taken on the connection's event loop (the
 * connection's state is touched nowhere else), so any thread may read it.
 *
 * @param sessions valid sessions ([MS-SMB2] 3.3.1.8 Session.State Valid)
 * @param users    the account names of those sessions, each once; {@value #GUEST} or {@value #ANONYMOUS} for a session
 *                 without an account
 * @param shares   the shares tree-connected by those sessions, each name once (IPC$ left out)
 */
public record SmbConnectionSummary(int sessions, List<String> users, List<String> shares) {
    public static final String GUEST = "(guest)";
    public static final String ANONYMOUS = "(anonymous)";
    /** A connection that has not logged on yet. */
    public static final SmbConnectionSummary NONE = new SmbConnectionSummary(0, List.of(), List.of());

    public SmbConnectionSummary {
        users = List.copyOf(users);
        shares = List.copyOf(shares);
    }

    /** Reads {@code table}; on the connection's event loop only. */
    static SmbConnectionSummary of(SessionTable table) {
        List<SmbSession> valid = table.valid();
        if (valid.isEmpty()) {
            return NONE;
        }
        Set<String> users = new LinkedHashSet<>();
        Set<String> shares = new LinkedHashSet<>();
        for (SmbSession session : valid) {
            users.add(switch (session.logon()) {
                case ACCOUNT -> session.account() == null ? ANONYMOUS : session.account().username();
                case GUEST -> GUEST;
                case ANONYMOUS -> ANONYMOUS;
            });
            shares.addAll(session.trees().shareNames());
        }
        return new SmbConnectionSummary(valid.size(), List.copyOf(users), List.copyOf(shares));
    }
}
