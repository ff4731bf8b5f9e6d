package io.cistern.core.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cistern.core.metadata.AttributeCache.NameUpdate;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the attribute cache's names follow a directory's change counter across commits it hears about. */
class CarriedNamesTest {
    private static final long DIR = 7;
    private final AttributeCache cache = new AttributeCache();

    private static byte[] name(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aNameIsValidOnlyForTheCounterItWasReadWith() {
        cache.storeName(DIR, name("a"), 100, 5);
        assertEquals(100L, cache.child(DIR, name("a"), 5));
        assertNull(cache.child(DIR, name("a"), 6), "the directory changed: the name may mean something else");
        assertNull(cache.child(DIR, name("b"), 5));
    }

    @Test
    void ownCommitsCarryUntouchedNamesAndApplyTheirUpdates() {
        cache.storeName(DIR, name("a"), 100, 5);
        cache.storeName(DIR, name("b"), 101, 5);
        cache.storeName(DIR, name("c"), 102, 5);

        // rename b -> d, then remove c, then create e: each commit bumps the counter once
        cache.carryNames(DIR, 5, 6, List.of(new NameUpdate(name("b"), null), new NameUpdate(name("d"), 101L)));
        cache.carryNames(DIR, 6, 7, List.of(new NameUpdate(name("c"), null)));
        cache.carryNames(DIR, 7, 8, List.of(new NameUpdate(name("e"), 103L)));

        assertEquals(100L, cache.child(DIR, name("a"), 8), "untouched, carried through three commits");
        assertNull(cache.child(DIR, name("b"), 8));
        assertNull(cache.child(DIR, name("c"), 8));
        assertEquals(101L, cache.child(DIR, name("d"), 8));
        assertEquals(103L, cache.child(DIR, name("e"), 8));
        assertNull(cache.child(DIR, name("a"), 7), "an older counter is no longer served");
    }

    @Test
    void aCommitThatDidNotStartFromTheCachedCounterKeepsOnlyItsOwnNames() {
        cache.storeName(DIR, name("a"), 100, 5);
        // someone else's change (5 -> 6) was never heard of; this commit went 6 -> 7
        cache.carryNames(DIR, 6, 7, List.of(new NameUpdate(name("x"), 200L)));
        assertNull(cache.child(DIR, name("a"), 7), "a may have changed in the commit we did not see");
        assertEquals(200L, cache.child(DIR, name("x"), 7));
    }

    @Test
    void newsThatArrivesLateDoesNotTurnTheGenerationBack() {
        cache.storeName(DIR, name("a"), 100, 5);
        // commit A (5 -> 6, removes a) and commit B (6 -> 7, creates b) report in the wrong order
        cache.carryNames(DIR, 6, 7, List.of(new NameUpdate(name("b"), 300L)));
        cache.carryNames(DIR, 5, 6, List.of(new NameUpdate(name("a"), null)));
        assertNull(cache.child(DIR, name("a"), 7));
        assertNull(cache.child(DIR, name("a"), 6), "A's state is not resurrected");
        assertEquals(300L, cache.child(DIR, name("b"), 7));
    }

    @Test
    void aReaderWithAnOlderCounterStoresNothing() {
        cache.carryNames(DIR, 5, 6, List.of(new NameUpdate(name("a"), null)));
        // read before the commit (counter 5) and stored after the cache heard of it: a may be the removed one
        cache.storeName(DIR, name("a"), 100, 5);
        assertNull(cache.child(DIR, name("a"), 6));
        assertNull(cache.child(DIR, name("a"), 5));
    }

    @Test
    void aReaderThatStoredBeforeTheNewsIsCorrectedByIt() {
        cache.storeName(DIR, name("a"), 100, 5);
        cache.carryNames(DIR, 5, 6, List.of(new NameUpdate(name("a"), 555L)));
        assertEquals(555L, cache.child(DIR, name("a"), 6));
    }

    @Test
    void forgettingADirectoryDropsAllItsNames() {
        cache.storeName(DIR, name("a"), 100, 5);
        cache.storeName(DIR + 1, name("a"), 900, 5);
        cache.forgetNames(DIR);
        assertNull(cache.child(DIR, name("a"), 5));
        assertEquals(900L, cache.child(DIR + 1, name("a"), 5), "other directories keep theirs");
    }
}
