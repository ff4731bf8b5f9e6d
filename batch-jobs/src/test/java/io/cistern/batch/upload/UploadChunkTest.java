package io.cistern.batch.upload;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.payload.UploadWork;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class UploadChunkTest {
    private static final int BLOCK = 4 << 20;

    private static UploadWork block(long inodeId, long blockIndex, int leastBytes) {
        return new UploadWork(false, inodeId, blockIndex, 1, -1, -1, leastBytes);
    }

    private static UploadWork truncation(long inodeId) {
        return new UploadWork(true, inodeId, -1, 1, 0, 0, 0);
    }

    @Test
    void fourSettledBlocksOfALargeFileAreAFullChunkAndAreNotWaitedFor() {
        List<UploadWork> ready = LongStream.range(0, 4).mapToObj(index -> block(7, index, BLOCK)).toList();

        assertTrue(UploadChunk.fills(ready));
    }

    @Test
    void lessThanFourBlocksOfBytesIsATrickleWorthGathering() {
        List<UploadWork> ready = new ArrayList<>(LongStream.range(0, 3).mapToObj(index -> block(7, index, BLOCK)).toList());
        ready.add(block(7, 3, BLOCK - 1));

        assertFalse(UploadChunk.fills(ready));
        assertFalse(UploadChunk.fills(List.of(block(8, 0, 4096))), "one small file");
        assertFalse(UploadChunk.fills(List.of()));
    }

    @Test
    void sixtyFourSmallFilesOrTruncationsAreAFullChunkByCount() {
        List<UploadWork> ready = new ArrayList<>(LongStream.range(0, UploadChunk.MAX_ITEMS - 1)
                .mapToObj(inode -> block(inode, 0, 4096)).toList());
        assertFalse(UploadChunk.fills(ready));

        ready.add(truncation(1_000));
        assertTrue(UploadChunk.fills(ready));
    }
}
