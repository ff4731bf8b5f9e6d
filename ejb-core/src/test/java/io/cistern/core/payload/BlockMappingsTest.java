package io.cistern.core.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.blocks.BlockHash;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class BlockMappingsTest {
    private final BlockMappings mappings = new BlockMappings();
    private final AtomicInteger queries = new AtomicInteger();

    private static FileBlockRef ref(long index, String content) {
        return new FileBlockRef(index, BlockHash.of(content.getBytes(StandardCharsets.UTF_8)), content.length());
    }

    private Supplier<Optional<FileBlockRef>> database(Optional<FileBlockRef> answer) {
        return () -> {
            queries.incrementAndGet();
            return answer;
        };
    }

    @Test
    void aMappingIsAskedForOnceAndThenRemembered() {
        FileBlockRef first = ref(3, "first");
        assertEquals(Optional.of(first), mappings.lookup(7, 3, database(Optional.of(first))));
        assertEquals(Optional.of(first), mappings.lookup(7, 3, database(Optional.of(ref(3, "other")))));
        assertEquals(1, queries.get());
    }

    @Test
    void aHoleIsRememberedToo() {
        assertEquals(Optional.empty(), mappings.lookup(7, 0, database(Optional.empty())));
        assertEquals(Optional.empty(), mappings.lookup(7, 0, database(Optional.of(ref(0, "late")))));
        assertEquals(1, queries.get());
    }

    @Test
    void invalidatingAFileMakesTheNextLookupAskAgain() {
        mappings.lookup(7, 0, database(Optional.of(ref(0, "old"))));
        mappings.lookup(8, 0, database(Optional.of(ref(0, "other file"))));
        mappings.invalidate(7);
        FileBlockRef fresh = ref(0, "new");
        assertEquals(Optional.of(fresh), mappings.lookup(7, 0, database(Optional.of(fresh))));
        assertEquals(Optional.of(ref(0, "other file")), mappings.lookup(8, 0, database(Optional.empty())));
        assertEquals(3, queries.get(), "file 8 was not forgotten");
    }

    @Test
    void aLookupThatRacedAnInvalidationIsNotKept() {
        FileBlockRef old = ref(0, "old");
        // the query read the old row; the uploader's transaction committed and invalidated before it returned
        Optional<FileBlockRef> answer = mappings.lookup(7, 0, () -> {
            mappings.invalidate(7);
            return Optional.of(old);
        });
        assertEquals(Optional.of(old), answer, "the caller still gets what the database said");
        FileBlockRef fresh = ref(0, "new");
        assertEquals(Optional.of(fresh), mappings.lookup(7, 0, database(Optional.of(fresh))),
                "the raced answer must not be served later");
    }

    @Test
    void anInvalidationOfAnotherFileAlsoVoidsALookupUnderWay() {
        Optional<FileBlockRef> answer = mappings.lookup(7, 0, () -> {
            mappings.invalidate(8);
            return Optional.of(ref(0, "maybe stale"));
        });
        assertTrue(answer.isPresent());
        mappings.lookup(7, 0, database(Optional.of(ref(0, "asked again"))));
        assertEquals(1, queries.get(), "one generation for all files: the raced lookup was dropped");
    }

    @Test
    void theNumberOfFilesIsBounded() {
        for (long inode = 0; inode < BlockMappings.MAX_FILES * 2L; inode++) {
            mappings.lookup(inode, 0, database(Optional.empty()));
            assertTrue(mappings.files() <= BlockMappings.MAX_FILES, "files kept: " + mappings.files());
        }
    }
}
