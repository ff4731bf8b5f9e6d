package io.cistern.core.payload;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Which stored block each piece of a file is, as the database said, kept so that a client streaming a file does
 * not cost a query per READ (an NFS client reads 1 MiB at a time: four queries per block).
 * <p>
 * Staleness. A mapping changes only in a transaction that stores or unmaps blocks (the uploader's, a deletion's);
 * each calls {@link #invalidate} once it has committed, and before the journal records it stored are released.
 * Until then a reader may still get the old block, which is harmless: the journal still holds what changed, and
 * readers lay it over the stored block. A lookup that raced such a transaction (it began before the
 * invalidation and ends after it) is not kept: every invalidation moves a generation on, and a result is only
 * kept if the generation it began under is still current.
 * <p>
 * Bounded: at most {@link #MAX_FILES} files and {@link #MAX_PIECES_PER_FILE} pieces of each; beyond that,
 * the least useful thing is done (everything is dropped, or the piece is not kept): the cache saves queries, and
 * a query is always a correct answer.
 */
public final class BlockMappings {
    static final int MAX_FILES = 4096;
    static final int MAX_PIECES_PER_FILE = 1 << 16;

    /** Stands for "no block here" (a hole, or not uploaded yet): absence is worth remembering too. */
    private static final Optional<FileBlockRef> NONE = Optional.empty();

    private final Map<Long, FilePieces> files = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    /** Piece {@code index} of the file, from memory or else from {@code query}; empty when it has no block. */
    Optional<FileBlockRef> lookup(long inodeId, long index, Supplier<Optional<FileBlockRef>> query) {
        FilePieces pieces = files.get(inodeId);
        if (pieces != null) {
            Optional<FileBlockRef> known = pieces.get(index);
            if (known != null) {
                return known;
            }
        }
        long began = generation.get();
        Optional<FileBlockRef> found = query.get();
        keep(inodeId, index, found, began);
        return found;
    }

    /** As {@link #lookup} when the piece is known (empty: a hole); null when it is not, without asking. */
    Optional<FileBlockRef> known(long inodeId, long index) {
        FilePieces pieces = files.get(inodeId);
        return pieces == null ? null : pieces.get(index);
    }

    /** The file's blocks changed (committed): forget what is known of it, and let no lookup under way keep its result. */
    public void invalidate(long inodeId) {
        generation.incrementAndGet();
        FilePieces pieces = files.remove(inodeId);
        if (pieces != null) {
            pieces.retire();
        }
    }

    /** How many files have pieces kept (for tests). */
    int files() {
        return files.size();
    }

    private void keep(long inodeId, long index, Optional<FileBlockRef> found, long began) {
        if (generation.get() != began) {
            return;
        }
        if (files.size() >= MAX_FILES && !files.containsKey(inodeId)) {
            files.clear();   // crude, but rare, and never wrong: only saved queries are lost
        }
        FilePieces pieces = files.computeIfAbsent(inodeId, id -> new FilePieces());
        pieces.putIf(index, found.isPresent() ? found : NONE, () -> generation.get() == began);
    }

    /** One file's known pieces; once retired (invalidated) it takes nothing more. */
    private static final class FilePieces {
        private final Map<Long, Optional<FileBlockRef>> byIndex = new ConcurrentHashMap<>();
        private boolean retired;

        Optional<FileBlockRef> get(long index) {
            return byIndex.get(index);
        }

        synchronized void putIf(long index, Optional<FileBlockRef> ref, java.util.function.BooleanSupplier stillCurrent) {
            if (!retired && stillCurrent.getAsBoolean() && byIndex.size() < MAX_PIECES_PER_FILE) {
                byIndex.put(index, ref);
            }
        }

        synchronized void retire() {
            retired = true;
        }
    }
}
