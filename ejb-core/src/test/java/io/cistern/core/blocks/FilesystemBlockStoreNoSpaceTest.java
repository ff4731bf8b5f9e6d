package io.cistern.core.blocks;

import static io.cistern.core.blocks.TestBlocks.buffer;
import static io.cistern.core.blocks.TestBlocks.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cistern.core.blocks.BlockStoreException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real ENOSPC: the store on a 1 MiB tmpfs. Mounting needs root (CAP_SYS_ADMIN); where that is not
 * allowed the test is skipped, and FilesystemBlockStoreTest still checks how the error text is mapped.
 */
class FilesystemBlockStoreNoSpaceTest {
    private Path mountPoint;
    private boolean mounted;

    @BeforeEach
    void mountTinyTmpfs() throws Exception {
        mountPoint = Files.createTempDirectory("cistern-enospc");
        mounted = run("mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", mountPoint.toString());
        assumeTrue(mounted, "cannot mount a tmpfs here (not root, or no CAP_SYS_ADMIN)");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            run("umount", mountPoint.toString());
        }
        Files.deleteIfExists(mountPoint);
    }

    @Test
    void aFullDiskIsNoSpaceAndLeavesNoTempFileBehind() throws IOException {
        FilesystemBlockStore store = new FilesystemBlockStore(mountPoint.resolve("blocks"));
        byte[] tooBig = bytes(2 * 1024 * 1024, 11);
        BlockHash hash = BlockHash.of(tooBig);

        BlockStoreException full = assertThrows(BlockStoreException.class, () -> store.put(hash, buffer(tooBig)));

        assertEquals(Kind.NO_SPACE, full.kind(), full.toString());
        assertTrue(full.getMessage().startsWith("no space left on device"), full.getMessage());
        assertFalse(store.exists(hash));
        try (Stream<Path> files = Files.list(store.pathOf(hash).getParent())) {
            assertEquals(0, files.count(), "the partial temp file is removed, giving the space back");
        }
        byte[] small = bytes(100_000, 12);
        store.put(BlockHash.of(small), buffer(small));
        assertArrayEquals(small, store.get(BlockHash.of(small)));
    }

    private static boolean run(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false; // no mount command
        }
    }
}
