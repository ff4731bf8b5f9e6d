package io.cistern.core.payload;

import static io.cistern.core.payload.Harness.BLOCK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.journal.JournalRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random writes and truncations against a plain byte array. Records are added in small shuffled batches (writers
 * race to the index), and the uploader runs at random points, sometimes in the middle of a batch: whatever it
 * does, every block assembled must equal the model.
 */
class BlockAssemblerModelTest {
    private static final long MAX_SIZE = 3L * BLOCK + BLOCK / 2;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void everyBlockMatchesTheModel(long seed) throws Exception {
        Random random = new Random(seed);
        Harness h = new Harness();
        boolean uploaded = false;
        for (int op = 0; op < 300; op++) {
            List<JournalRecord> batch = new ArrayList<>();
            int batchSize = 1 + random.nextInt(3);
            for (int i = 0; i < batchSize; i++) {
                batch.add(random.nextInt(8) == 0 ? h.truncate(randomSize(random)) : randomWrite(h, random));
            }
            Collections.shuffle(batch, random);
            int split = random.nextInt(batch.size() + 1);
            batch.subList(0, split).forEach(h::add);
            if (random.nextInt(4) == 0) {
                h.upload();   // possibly with an older record of the batch still missing
                uploaded = true;
            }
            batch.subList(split, batch.size()).forEach(h::add);
            if (op % 10 == 9) {
                assertMatches(h, seed, op);
                if (!uploaded) {
                    assertEquals(h.model.size(), h.index.size(Harness.INODE), "size after op " + op);
                }
            }
        }
        h.upload();
        assertMatches(h, seed, -1);
        assertEquals(h.index.addedThrough(), h.index.releasableThrough(), "everything uploaded can be released");
        assertEquals(0, h.payloads.size());
        assertTrue(h.fullBlocksSealedInSlabs > 0, "full blocks were sealed into used slabs too");
        for (long b = 0; b < h.model.blockCount(); b++) {
            byte[] stored = h.store.get(b);
            assertArrayEquals(h.model.block(b), stored == null ? new byte[BLOCK] : stored, "stored block " + b);
        }
    }

    private static void assertMatches(Harness h, long seed, int op) throws Exception {
        for (long b = 0; b <= h.model.blockCount(); b++) {
            assertArrayEquals(h.model.block(b), h.assembled(b), "seed " + seed + " block " + b + " after op " + op);
        }
    }

    private static JournalRecord randomWrite(Harness h, Random random) {
        int length = random.nextInt(4) == 0 ? 1 + random.nextInt(BLOCK + 1000) : 1 + random.nextInt(64 << 10);
        long offset;
        if (random.nextBoolean()) {
            // near a block boundary or the end of the file, where the edge cases are
            long edge = random.nextBoolean() ? (1 + random.nextInt(3)) * (long) BLOCK : h.model.size();
            offset = Math.max(0, edge - random.nextInt(length + 1));
        } else {
            offset = (long) (random.nextDouble() * MAX_SIZE);
        }
        offset = Math.min(offset, MAX_SIZE - length);
        byte[] data = new byte[length];
        random.nextBytes(data);
        return h.write(Math.max(0, offset), data);
    }

    private static long randomSize(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> (1 + random.nextInt(3)) * (long) BLOCK;
            default -> (long) (random.nextDouble() * MAX_SIZE);
        };
    }
}
