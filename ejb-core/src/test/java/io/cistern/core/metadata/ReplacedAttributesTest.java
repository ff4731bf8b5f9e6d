package io.cistern.core.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.FileType;
import org.junit.jupiter.api.Test;

/**
 * A directory's row as this server's own one-statement change left it replaces the cached one, unless the stamp
 * taken before the change says someone invalidated it meanwhile; and a reader that loaded the old row before the
 * change cannot store it over the new one.
 */
class ReplacedAttributesTest {
    private static final long DIR = 42;
    private final AttributeCache cache = new AttributeCache();

    private static Attributes directory(long change) {
        return new Attributes(DIR, 1, FileType.DIRECTORY, 0755, 2, 1000, 1000, 4096, 0, 1, 2, 3, 4, change, 7);
    }

    @Test
    void theChangedRowTakesThePlaceOfTheCachedOne() {
        cache.store(directory(5), cache.stamp(DIR));
        long beforeChange = cache.stamp(DIR);
        cache.replace(directory(6), beforeChange);
        assertEquals(6, cache.attributes(DIR).change());
    }

    @Test
    void aReaderThatLoadedTheOldRowBeforeTheChangeCannotStoreItAfterwards() {
        long readerStamp = cache.stamp(DIR);
        long beforeChange = cache.stamp(DIR);
        cache.replace(directory(6), beforeChange);
        cache.store(directory(5), readerStamp);
        assertEquals(6, cache.attributes(DIR).change(), "the old row the reader loaded stays out");
    }

    @Test
    void anInvalidationBetweenTheStampAndTheReplacementLeavesNothingCached() {
        cache.store(directory(5), cache.stamp(DIR));
        long beforeChange = cache.stamp(DIR);
        cache.invalidate(DIR);   // another commit, perhaps after ours, reported meanwhile
        cache.replace(directory(6), beforeChange);
        assertNull(cache.attributes(DIR), "which of the two rows is newer is unknown: neither is kept");
    }
}
