package io.cistern.core.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.watch.DirectoryWatches.Delivery;
import io.cistern.core.watch.EntryChange.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hub of directory watches: who is told what, each watch once per transaction with its changes in order; subtree
 * changes only to subtree watches; the cheap questions the metadata layer asks before recording anything; a watcher
 * that throws harms no other.
 */
class DirectoryWatchesTest {
    private final DirectoryWatches hub = new DirectoryWatches();

    private static EntryChange added(String... path) {
        return new EntryChange(Kind.ADDED, List.of(path), ChangeAspects.FILE_NAME);
    }

    @Test
    void nothingWatchedIsIdleAndAnswersNoForEveryDirectory() {
        assertTrue(hub.idle());
        assertFalse(hub.watchesDirectory(10));
        assertFalse(hub.watchesIn(1));
        assertFalse(hub.watchesSubtreeIn(1));
        hub.deliver(List.of(new Delivery(10, false, added("a"))));   // nobody to tell: nothing happens
    }

    @Test
    void aWatchSeesItsDirectorysChangesInOrderAndOnlyThose() {
        List<List<EntryChange>> told = new ArrayList<>();
        hub.watch("k", 1, 10, false, told::add);
        assertFalse(hub.idle());
        assertTrue(hub.watchesDirectory(10));
        assertTrue(hub.watchesIn(1));
        assertFalse(hub.watchesIn(2));
        assertFalse(hub.watchesSubtreeIn(1));
        EntryChange old = new EntryChange(Kind.RENAMED_OLD_NAME, List.of("a"), ChangeAspects.FILE_NAME);
        EntryChange now = new EntryChange(Kind.RENAMED_NEW_NAME, List.of("b"), ChangeAspects.FILE_NAME);
        hub.deliver(List.of(new Delivery(10, false, old), new Delivery(11, false, added("x")),
                new Delivery(10, true, added("sub", "y")), new Delivery(10, false, now)));
        assertEquals(List.of(List.of(old, now)), told, "one call, in order, without other directories' or deeper ones");
    }

    @Test
    void aSubtreeWatchAlsoSeesDeeperChanges() {
        List<EntryChange> flat = new ArrayList<>();
        List<EntryChange> tree = new ArrayList<>();
        hub.watch("flat", 1, 10, false, flat::addAll);
        hub.watch("tree", 1, 10, true, tree::addAll);
        assertTrue(hub.watchesSubtreeIn(1));
        assertTrue(hub.watchesSubtreeOf(10));
        assertFalse(hub.watchesSubtreeOf(11));
        hub.deliver(List.of(new Delivery(10, true, added("one", "two", "deep.txt")), new Delivery(10, false,
                added("top"))));
        assertEquals(List.of(added("top")), flat);
        assertEquals(List.of(added("one", "two", "deep.txt"), added("top")), tree);
    }

    @Test
    void unwatchingForgetsTheWatchAndItsCounts() {
        List<EntryChange> told = new ArrayList<>();
        hub.watch("k", 1, 10, true, told::addAll);
        hub.unwatch("k");
        hub.unwatch("k");   // twice is harmless
        hub.unwatch("never");
        assertTrue(hub.idle());
        assertFalse(hub.watchesDirectory(10));
        assertFalse(hub.watchesIn(1));
        assertFalse(hub.watchesSubtreeIn(1));
        hub.deliver(List.of(new Delivery(10, false, added("a"))));
        assertEquals(List.of(), told);
    }

    @Test
    void aKeyWatchesOneDirectoryAtATime() {
        List<EntryChange> told = new ArrayList<>();
        hub.watch("k", 1, 10, false, told::addAll);
        hub.watch("k", 1, 20, false, told::addAll);
        assertEquals(1, hub.size());
        assertFalse(hub.watchesDirectory(10));
        hub.deliver(List.of(new Delivery(10, false, added("old")), new Delivery(20, false, added("new"))));
        assertEquals(List.of(added("new")), told);
    }

    @Test
    void aWatcherThatThrowsDoesNotKeepTheOthersFromTheirChanges() {
        List<EntryChange> told = new ArrayList<>();
        hub.watch("bad", 1, 10, false, changes -> {
            throw new IllegalStateException("watcher failed on purpose");
        });
        hub.watch("good", 1, 10, false, told::addAll);
        hub.deliver(List.of(new Delivery(10, false, added("a"))));
        assertEquals(List.of(added("a")), told);
    }
}
