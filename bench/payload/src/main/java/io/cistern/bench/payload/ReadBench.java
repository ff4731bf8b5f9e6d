package io.cistern.bench.payload;

import io.cistern.core.blocks.BlockHash;
import io.cistern.core.blocks.BlockStore;
import io.cistern.core.blocks.FilesystemBlockStore;
import io.cistern.core.blocks.VerifyingBlockStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every block of a filesystem store as one file through Cistern's read path ({@link ReadPath}: 1 MiB
 * reads through the BlockCache, read-ahead on an executor, SHA-256 checked by {@link VerifyingBlockStore}),
 * against {@code cat} of the same files in the same order: first from the disk (page cache dropped before each
 * run), then from the page cache. Alongside, as an extra line, the plain loop this bench measured first:
 * {@code VerifyingBlockStore.get} of one block after the other on one thread, no cache, no read-ahead.
 */
final class ReadBench {
    private final Path root;
    private final int blockCount;
    private final int runs;
    private final long bytes;
    private final PageCache pageCache;
    private final List<Integer> extraWindows;

    /** {@code extraWindows}: read-ahead windows (in blocks) measured cold besides production's, as extra lines. */
    ReadBench(Path root, int blockCount, int runs, List<Integer> extraWindows) throws InterruptedException {
        this.root = root;
        this.blockCount = blockCount;
        this.runs = runs;
        this.bytes = (long) blockCount * BlockStore.MAX_BLOCK;
        this.pageCache = new PageCache();
        this.extraWindows = List.copyOf(extraWindows);
    }

    /** One thing measured in turn with the others: its runs and how to time one. */
    private record Side(Runs runs, Measurement measurement) {
    }

    @FunctionalInterface
    private interface Measurement {
        long nanos() throws Exception;
    }

    void run(Report report) throws Exception {
        FilesystemBlockStore store = new FilesystemBlockStore(root);
        System.out.printf("read: writing %d random blocks of 4 MiB into %s%n", blockCount, root);
        List<BlockHash> hashes = fill(store);
        List<Path> files = hashes.stream().map(hash -> root.resolve(hash.shardedPath())).toList();
        VerifyingBlockStore verified = new VerifyingBlockStore(store);
        // one each for the cold and the warm runs, so that the notes tell their waits apart
        ReadPath productionCold = new ReadPath(verified, hashes, ReadPath.PRODUCTION_WINDOW);
        ReadPath productionWarm = new ReadPath(verified, hashes, ReadPath.PRODUCTION_WINDOW);
        List<ReadPath> extras = extraWindows.stream().map(window -> new ReadPath(verified, hashes, window)).toList();
        String path = "cache+read-ahead " + ReadPath.PRODUCTION_WINDOW;

        Side coldOurs = new Side(new Runs("cold, " + path), productionCold::readOnce);
        Side coldCat = new Side(new Runs("cold, cat > /dev/null"), () -> catNanos(files));
        Side coldGet = new Side(new Runs("cold, store.get, no read-ahead"), () -> storeNanos(verified, hashes));
        List<Side> cold = new ArrayList<>(List.of(coldOurs, coldCat, coldGet));
        List<Side> coldExtras = extras.stream()
                .map(extra -> new Side(new Runs("cold, cache+read-ahead " + extra.window()), extra::readOnce)).toList();
        cold.addAll(coldExtras);
        measure(cold, files, true);

        // from the page cache: every block is still read by a syscall and hashed, the BlockCache is empty each run
        Side warmOurs = new Side(new Runs("warm, " + path), productionWarm::readOnce);
        Side warmCat = new Side(new Runs("warm, cat > /dev/null"), () -> catNanos(files));
        Side warmGet = new Side(new Runs("warm, store.get, no read-ahead"), () -> storeNanos(verified, hashes));
        warmUp(files);
        measure(List.of(warmOurs, warmCat, warmGet), files, false);

        int cores = Runtime.getRuntime().availableProcessors();
        report.add(Report.Figure.of("cold read, verified fs store, " + path, coldOurs.runs(),
                "cat (cold) > /dev/null", coldCat.runs(), "ours/cat", 0.8));
        for (int i = 0; i < extras.size(); i++) {
            report.add(Report.Figure.of("cold read, same but read-ahead " + extras.get(i).window() + " (extra)",
                    coldExtras.get(i).runs(), "cat (cold) > /dev/null", coldCat.runs(), "ours/cat", null));
        }
        report.add(Report.Figure.of("cold read, store.get, no read-ahead (extra)", coldGet.runs(),
                "cat (cold) > /dev/null", coldCat.runs(), "ours/cat", null));
        report.add(Report.Figure.of("warm read (page cache), verified fs store, " + path, warmOurs.runs(),
                "cat (warm) > /dev/null", warmCat.runs(), "ours/cat", null));
        report.add(Report.Figure.of("warm read, store.get, no read-ahead (extra)", warmGet.runs(),
                "cat (warm) > /dev/null", warmCat.runs(), "ours/cat", null));
        report.note(String.format("reads (\"verified fs store\" lines): Cistern's read path, as FileContents.read does it:"
                        + " one reader thread reads the %d MiB of blocks as one file, %d MiB at a time, each read through"
                        + " BlockCache.get(hash, h -> VerifyingBlockStore.get(h)) (cache %d MiB, new and empty each run)"
                        + " and a read-only view of the cached block taken, then ReadAhead(%d files, window %d blocks).onRead, whose"
                        + " prefetches load the next blocks into the same cache on production's PrefetchPool of %d threads"
                        + " on this machine's %d cores, shared with the reader, cat"
                        + " and whatever else runs; \"store.get, no read-ahead\": VerifyingBlockStore.get of one block"
                        + " after the other on one thread, read then SHA-256, no cache",
                bytes >> 20, ReadPath.READ_BYTES >> 20, ReadPath.CACHE_BYTES >> 20, ReadPath.READ_AHEAD_FILES,
                ReadPath.PRODUCTION_WINDOW, io.cistern.core.payload.PrefetchPool.THREADS, cores));
        report.note(productionCold.describe("cold, " + path));
        for (ReadPath extra : extras) {
            report.note(extra.describe("cold, cache+read-ahead " + extra.window()));
        }
        report.note(productionWarm.describe("warm, " + path));
        report.note(pageCache.describe(bytes));
        Trees.delete(root);
    }

    /**
     * The sides in turn, each after a cache drop when cold; the side that goes first rotates run by run, so
     * that none always follows the same other one.
     */
    private void measure(List<Side> sides, List<Path> files, boolean cold) throws Exception {
        for (int run = 0; run < runs; run++) {
            for (int i = 0; i < sides.size(); i++) {
                Side side = sides.get((run + i) % sides.size());
                if (cold) {
                    pageCache.drop(files, bytes);
                }
                side.runs().add(bytes, side.measurement().nanos());
            }
        }
    }

    private List<BlockHash> fill(FilesystemBlockStore store) {
        List<BlockHash> hashes = new ArrayList<>(blockCount);
        for (int i = 0; i < blockCount; i++) {
            RandomBlocks.Block block = RandomBlocks.Block.ofSeed(1_000_000L + i);
            store.put(block.hash(), block.data());
            hashes.add(block.hash());
        }
        return hashes;
    }

    /** Brings every file into the page cache and checks that all of it stayed there. */
    private void warmUp(List<Path> files) throws IOException, InterruptedException {
        catNanos(files);
        long resident = pageCache.residentBytes(files);
        if (pageCache.verifies() && resident < bytes) {
            throw new IllegalStateException("warm read: only " + resident + " of " + bytes + " bytes are cached");
        }
    }

    private long storeNanos(VerifyingBlockStore store, List<BlockHash> hashes) {
        long start = System.nanoTime();
        long read = 0;
        for (BlockHash hash : hashes) {
            read += store.get(hash).length;
        }
        long elapsed = System.nanoTime() - start;
        if (read != bytes) {
            throw new IllegalStateException("read " + read + " bytes, expected " + bytes);
        }
        return elapsed;
    }

    /** cat's own buffer size and read pattern; the clock includes starting it, a millisecond or so. */
    private static long catNanos(List<Path> files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("cat"));
        files.forEach(file -> command.add(file.toString()));
        ProcessBuilder cat = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        long start = System.nanoTime();
        int exit = cat.start().waitFor();
        long elapsed = System.nanoTime() - start;
        if (exit != 0) {
            throw new IOException("cat exited with " + exit);
        }
        return elapsed;
    }
}
