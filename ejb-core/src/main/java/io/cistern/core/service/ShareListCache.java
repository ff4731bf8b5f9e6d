package io.cistern.core.service;

import io.cistern.core.metadata.ShareChangeListener;
import java.util.List;
import java.util.function.Supplier;

/**
 * The list of shares with their permission rows as last loaded, kept while no share or share permission is written.
 * Outside the bean, since a pool of stateless beans would otherwise keep one list each; correct on one node because
 * every change of a share or of its permissions goes through JPA, whose listeners count it
 * ({@link ShareChangeListener#changes()}). Account memberships are not kept here: they are read for each listing.
 */
final class ShareListCache {
    /** A list as loaded while the share change counter stood at {@code changes}. */
    private record Kept(long changes, List<ListedShare> shares) {
    }

    private static volatile Kept kept;

    private ShareListCache() {
    }

    /** The kept list, or a fresh one from {@code load}, kept only if no share changed while it loaded. */
    static List<ListedShare> get(Supplier<List<ListedShare>> load) {
        Kept current = kept;
        long changes = ShareChangeListener.changes();
        if (current != null && current.changes() == changes) {
            return current.shares();
        }
        List<ListedShare> shares = List.copyOf(load.get());
        if (ShareChangeListener.changes() == changes) {
            kept = new Kept(changes, shares);
        }
        return shares;
    }
}
