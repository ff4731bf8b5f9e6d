package io.cistern.core.stores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a filesystem store's directory must be, on a real file system. */
class StoreDirectoriesTest {
    @TempDir
    Path temp;

    @Test
    void aRelativeOrEmptyDirectoryIsRefusedNamingTheField() {
        for (String given : new String[] {"relative/blocks", "", " ", null}) {
            StoreException refused = assertThrows(StoreException.class, () -> StoreDirectories.absolute(given));
            assertEquals("directory", refused.field(), String.valueOf(given));
            assertEquals("invalid_directory", refused.code());
            assertEquals(StoreException.Kind.INVALID, refused.kind());
        }
        assertEquals(temp.resolve("b"), StoreDirectories.absolute(temp + "/a/../b"), "normalized");
    }

    @Test
    void aMissingDirectoryIsMadeAndOneThatCannotBeIsRefused() throws IOException {
        Path missing = temp.resolve("x/y");
        StoreDirectories.makeWritable(missing);
        assertTrue(Files.isDirectory(missing));
        try (var left = Files.list(missing)) {
            assertEquals(0, left.count(), "the probe file is gone");
        }
        Path file = Files.writeString(temp.resolve("a-file"), "not a directory");
        StoreException refused = assertThrows(StoreException.class,
                () -> StoreDirectories.makeWritable(file.resolve("inside")));
        assertEquals("directory", refused.field());
    }

    @Test
    void aDirectoryOverlapsAnotherStoresWhenItIsInItHoldsItOrIsALinkToIt() throws IOException {
        Path blocks = Files.createDirectories(temp.resolve("data/blocks"));
        List<Path> others = List.of(blocks);
        assertEquals(Optional.of(blocks), StoreDirectories.overlapping(blocks, others), "the same");
        assertEquals(Optional.of(blocks), StoreDirectories.overlapping(blocks.resolve("inner"), others), "inside");
        assertEquals(Optional.of(blocks), StoreDirectories.overlapping(temp.resolve("data"), others), "holding it");
        Path link = Files.createSymbolicLink(temp.resolve("link"), blocks);
        assertEquals(Optional.of(blocks), StoreDirectories.overlapping(link, others), "a link to it");
        assertEquals(Optional.empty(), StoreDirectories.overlapping(temp.resolve("data/blocks2"), others),
                "a sibling whose name begins the same");
        assertEquals(Optional.empty(), StoreDirectories.overlapping(temp.resolve("elsewhere"), others));
    }
}
