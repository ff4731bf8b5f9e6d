package io.cistern.bench.payload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes block files out of the page cache so that a read must come from the disk, and checks that it did.
 *
 * <p>Per file first: {@code dd iflag=nocache count=0} is posix_fadvise(DONTNEED) on the whole file, which
 * needs no root and leaves the rest of the machine's cache (other people's builds) alone. It cannot drop
 * dirty pages, hence the sync before it. Only when pages stay resident and we may, the whole cache goes
 * ({@code drop_caches}). Either way fincore (util-linux) then counts what is still cached: a "cold" read
 * that was partly warm would flatter whichever side came second.
 */
final class PageCache {
    /** More than this fraction still cached after a drop and the cold figure is not cold: stop. */
    private static final double MAX_RESIDENT_FRACTION = 0.01;
    private static final Path DROP_CACHES = Path.of("/proc/sys/vm/drop_caches");
    private static final String FADVISE_EACH =
            "for f; do dd if=\"$f\" iflag=nocache count=0 status=none || exit 1; done";

    private final boolean fincore;
    private int drops;
    private int machineWideDrops;
    private long mostResidentAfterDrop;

    PageCache() throws InterruptedException {
        fincore = Processes.available("fincore");
    }

    /** Drops {@code files} from the cache and fails if fincore finds more than 1% of them still there. */
    void drop(List<Path> files, long totalBytes) throws IOException, InterruptedException {
        Processes.run(List.of("sync"));
        Processes.run(withFiles(List.of("bash", "-c", FADVISE_EACH, "fadvise"), files));
        drops++;
        long resident = residentBytes(files);
        if (resident > 0 && Files.isWritable(DROP_CACHES)) {
            Processes.run(List.of("sh", "-c", "sync && echo 1 > " + DROP_CACHES));
            machineWideDrops++;
            resident = residentBytes(files);
        }
        mostResidentAfterDrop = Math.max(mostResidentAfterDrop, resident);
        if (resident > totalBytes * MAX_RESIDENT_FRACTION) {
            throw new IllegalStateException("cannot drop the block files from the page cache: " + resident
                    + " of " + totalBytes + " bytes still cached");
        }
    }

    /** Bytes of {@code files} in the page cache; 0 when fincore is missing (then {@link #describe} says so). */
    long residentBytes(List<Path> files) throws IOException, InterruptedException {
        if (!fincore) {
            return 0;
        }
        String output = Processes.run(withFiles(List.of("fincore", "--bytes", "--noheadings", "--output", "RES"), files));
        return output.lines().map(String::strip).filter(line -> !line.isEmpty()).mapToLong(Long::parseLong).sum();
    }

    /** Can this machine count cached pages (is fincore there)? */
    boolean verifies() {
        return fincore;
    }

    /** How the drops went, for the report's notes. */
    String describe(long totalBytes) {
        String how = machineWideDrops == 0
                ? "posix_fadvise(DONTNEED) per block file (dd iflag=nocache count=0)"
                : "per-file fadvise left pages cached, so drop_caches (machine-wide) " + machineWideDrops + " of " + drops + " times";
        if (!fincore) {
            return "cache drop: " + how + "; NOT verified (no fincore): compare the cold and warm lines";
        }
        return String.format("cache drop: %s; verified with fincore after each of %d drops: at most %d of %d bytes still cached",
                how, drops, mostResidentAfterDrop, totalBytes);
    }

    private static List<String> withFiles(List<String> command, List<Path> files) {
        List<String> full = new ArrayList<>(command);
        files.forEach(file -> full.add(file.toString()));
        return full;
    }
}
