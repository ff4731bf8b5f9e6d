package io.cistern.nfs.nfs3;

import static io.cistern.nfs.nfs3.Nfs3Samples.DIRECTORY_ATTRIBUTES;
import static io.cistern.nfs.nfs3.Nfs3Samples.FILE_ATTRIBUTES;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cistern.nfs.nfs3.wire.DirListFitter;
import io.cistern.nfs.nfs3.wire.ReaddirResult;
import io.cistern.nfs.spi.NfsDirEntry;
import io.cistern.nfs.spi.NfsDirectoryReply;
import io.cistern.nfs.spi.NfsStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How many entries READDIR and READDIRPLUS ask the application for. The promise is that a reply is never short
 * for want of entries: with the shortest possible entries, exactly as many fit as were asked for.
 */
class DirEntryBudgetTest {

    @ParameterizedTest
    @ValueSource(longs = {132, 133, 1000, 4096, 8192, 65536})
    void readdirAsksForExactlyAsManyShortestEntriesAsFit(long count) {
        int asked = ReaddirHandler.maxEntries(count);
        NfsDirectoryReply fitted = DirListFitter.fit(ReaddirResult.readdir(shortest(asked + 1, false), count), false);
        assertEquals(asked, fitted.entries().size());
    }

    @ParameterizedTest
    @CsvSource({"24, 100000", "4096, 32768", "100000, 228", "100000, 352", "8192, 1048576"})
    void readdirplusAsksForExactlyAsManyShortestEntriesAsFitBothCounts(long dircount, long maxcount) {
        int asked = ReaddirplusHandler.maxEntries(dircount, maxcount);
        NfsDirectoryReply fitted = DirListFitter.fit(
                ReaddirResult.readdirplus(shortest(asked + 1, true), dircount, maxcount), true);
        assertEquals(asked, fitted.entries().size());
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "131, 1", "4294967295, 4096"})
    void readdirAsksForAtLeastOneAndAtMostTheCap(long count, int expected) {
        assertEquals(expected, ReaddirHandler.maxEntries(count));
    }

    @ParameterizedTest
    @CsvSource({"0, 0, 1", "23, 4294967295, 1", "4294967295, 227, 1", "4294967295, 4294967295, 4096"})
    void readdirplusAsksForAtLeastOneAndAtMostTheCap(long dircount, long maxcount, int expected) {
        assertEquals(expected, ReaddirplusHandler.maxEntries(dircount, maxcount));
    }

    /** Entries with one-byte names; for READDIRPLUS with attributes and an empty handle. */
    private static NfsDirectoryReply shortest(int count, boolean plus) {
        List<NfsDirEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(new NfsDirEntry(i, new byte[] {'x'}, i + 1, plus ? FILE_ATTRIBUTES : null,
                    plus ? new byte[0] : null));
        }
        return new NfsDirectoryReply(NfsStatus.OK, DIRECTORY_ATTRIBUTES, 0, entries, true);
    }
}
