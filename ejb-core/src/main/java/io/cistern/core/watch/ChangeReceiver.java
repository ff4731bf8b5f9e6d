package io.cistern.core.watch;

import java.util.List;

/**
 * Who is told about a watched directory's changes. Called on the thread that committed them, right after the commit,
 * with that transaction's changes in order: it must return at once (queue them, never wait or block).
 */
@FunctionalInterface
public interface ChangeReceiver {
    void changed(List<EntryChange> changes);
}
