package io.cistern.core.payload;

import io.cistern.core.blocks.BlockHash;
import io.cistern.core.blocks.BlockStore;
import io.cistern.core.blocks.BlockStoreException;
import io.cistern.core.blocks.VerifyingBlockStore;
import io.cistern.core.config.CisternSettings;
import io.cistern.core.fs.FsClock;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import io.cistern.core.journal.Journal;
import io.cistern.core.journal.JournalEntry;
import io.cistern.core.journal.JournalFullException;
import io.cistern.core.journal.JournalNoSpaceException;
import io.cistern.core.journal.JournalRecord;
import io.cistern.core.journal.JournalSettings;
import io.cistern.core.journal.JournalStats;
import io.cistern.core.journal.JournalWriteback;
import io.cistern.core.model.BlockStoreRow;
import io.cistern.core.service.CredentialVault;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The payload's long-lived parts, one set per server: the journal under {@code data/journal}, its index, the
 * copy of recent writes, the block store with its verifying wrapper and read cache, and the read-ahead. Opened at
 * start, before any adapter can deliver a request: replaying the journal restores every write a client was told
 * is durable, and a journal that cannot be opened fails the deployment rather than serve files without it.
 * <p>
 * The parts are thread-safe themselves, so the singleton takes no container lock ({@code BEAN} concurrency).
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")   // the block tables keyed as their statements expect before anything uses them
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// memory only: the default (REQUIRED) began and committed a transaction for every call from outside one
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class PayloadEngine {
    private static final Logger LOG = Logger.getLogger(PayloadEngine.class.getName());
    /** The newest writes kept in memory, so that the uploader and readers seldom go back to the journal file. */
    private static final long RECENT_WRITES_BYTES = 64L << 20;
    /** The largest write kept there: small files' writes, not a stream's ({@link RecentWrites} says why). */
    private static final long RECENT_WRITE_LARGEST_BYTES = 128L << 10;
    /**
     * Direct memory left to others than the block cache: Netty's buffers for both adapters and the JDK's temporary
     * buffers, one per thread doing file I/O on heap arrays (up to a block each). The launcher's
     * -XX:MaxDirectMemorySize is the cache plus this.
     */
    private static final long DIRECT_HEADROOM = 1L << 30;
    private static final int READ_AHEAD_FILES = 256;
    /**
     * Unsynced journal bytes that start a background sync: a few large writes' worth, so that the fdatasync's own
     * cost (an ext4 journal commit) is paid once per several megabytes, and a seal finds little left (see
     * {@link JournalWriteback}).
     */
    private static final long WRITEBACK_BYTES = 8L << 20;
    private static final int READ_AHEAD_BLOCKS = 4;
    /**
     * How long a write waits for journal space while the upload, under pressure, frees it a segment at a time (every
     * few hundred milliseconds on a local disk). Answered at once, a full journal made nfs-cp (libnfs) give up a 1 GiB
     * copy in a benchmark run, and costs a Linux client 5 s (its NFS3ERR_JUKEBOX back-off), for space that came
     * moments later. Bounded, because the waiting request holds a worker; SMB re-asks on top of this (see its
     * adapter), and a journal that stays full (the store unreachable) still answers TRY_LATER.
     */
    static final Duration FULL_JOURNAL_WAIT = Duration.ofSeconds(2);
    /**
     * At most this many writes wait for journal space at once; more are answered TRY_LATER at once. A client with many
     * writes in flight would otherwise hold every request worker (the NFS adapter has 8 by default), and other
     * clients' reads and lookups, which need no journal space, would wait behind it.
     */
    static final int FULL_JOURNAL_WAITERS = 4;

    @Resource
    private ManagedThreadFactory threadFactory;

    @Resource(lookup = "jdbc/cistern")
    private DataSource dataSource;

    @Inject
    private MetricRegistry metrics;

    /** Opens the sealed credentials of S3 stores an administrator defined. */
    @EJB
    private CredentialVault vault;

    private final AtomicLong damagedBlockReads = new AtomicLong();

    private Journal journal;
    private JournalWriteback writeback;
    private RecentWrites recentWrites;
    private JournalIndex index;
    private PayloadSource source;
    private BlockAssembler assembler;
    private BlockStore rawStore;
    private VerifyingBlockStore store;
    /** The stores other than the default one that have been used, by id. */
    private final Map<Long, VerifyingBlockStore> definedStores = new ConcurrentHashMap<>();
    private BlockCache cache;
    private PrefetchPool prefetchPool;
    private ParallelPuts uploadPuts;
    private ReadAhead readAhead;
    private final Semaphore fullJournalWaiters = new Semaphore(FULL_JOURNAL_WAITERS);
    private final RecentModifications modifications = new RecentModifications();
    private final BlockMappings mappings = new BlockMappings();
    private final UploadProgress uploadProgress = new UploadProgress();
    private final LastClientRequest lastClientRequest = new LastClientRequest();

    @PostConstruct
    void open() {
        Path dataDirectory = CisternSettings.dataDirectory();
        try {
            JournalSettings settings = journalSettings(CisternSettings.journalCapacityBytes());
            journal = Journal.open(dataDirectory.resolve("journal"), settings);
            recentWrites = new RecentWrites(RECENT_WRITES_BYTES, RECENT_WRITE_LARGEST_BYTES);
            index = new JournalIndex(recentWrites);
            index.rebuild(journal);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal in " + dataDirectory.resolve("journal")
                    + ": " + e.getMessage(), e);
        }
        long now = FsClock.nowNanos();
        // the times of replayed writes were not journaled: the restart is when their changes became visible
        index.inodeIds().forEach(inodeId -> modifications.touch(inodeId, now));
        source = PayloadSource.of(journal, recentWrites);
        assembler = new BlockAssembler(index, source);
        rawStore = BlockStores.open(dataDirectory);
        store = new VerifyingBlockStore(rawStore);
        long configuredCache = CisternSettings.blockCacheBytes();
        long maxDirect = DirectMemory.limitBytes();
        cache = new BlockCache(BlockCache.capacityWithinDirectMemory(configuredCache, maxDirect, DIRECT_HEADROOM));
        if (cache.capacityBytes() < configuredCache) {
            LOG.warning(() -> "block cache: " + (configuredCache >> 20) + " MiB configured, " + (cache.capacityBytes() >> 20)
                    + " MiB used: the JVM allows " + (maxDirect >> 20) + " MiB of direct memory and the network needs "
                    + (DIRECT_HEADROOM >> 20) + " MiB of it (raise -XX:MaxDirectMemorySize in CISTERN_JAVA_OPTS)");
        }
        prefetchPool = new PrefetchPool(PrefetchPool.THREADS, threadFactory);
        uploadPuts = new ParallelPuts(ParallelPuts.AT_ONCE, threadFactory);
        writeback = JournalWriteback.start(journal, WRITEBACK_BYTES, threadFactory);
        readAhead = new ReadAhead(READ_AHEAD_FILES, READ_AHEAD_BLOCKS, prefetchPool);
        registerGauges();
        LOG.info(() -> "payload ready: journal " + journal.directory() + " (" + index.inodeIds().size()
                + " files with writes to upload), block store " + rawStore.describe());
    }

    /** Journal fill and upload progress in /metrics, read when scraped. */
    private void registerGauges() {
        if (metrics == null) {
            return;
        }
        try {
            registerEachGauge();
        } catch (RuntimeException e) {
            // metrics are for watching the server; failing to publish one must not stop it serving files
            LOG.log(Level.WARNING, "could not register the payload gauges", e);
        }
    }

    private void registerEachGauge() {
        gauge("cistern.journal.used.bytes", "Bytes in the journal's segment files", () -> journal.stats().usedBytes());
        gauge("cistern.journal.capacity.bytes", "Journal size at which writers are told to try again later",
                () -> journal.stats().capacityBytes());
        gauge("cistern.upload.files.pending", "Files with writes not yet in the block store",
                () -> index.inodeIds().size());
        gauge("cistern.upload.bytes.put", "Bytes put into the block store since start", uploadProgress::bytesPut);
        gauge("cistern.upload.bytes.per.second", "Upload rate over the last ten seconds", uploadProgress::bytesPerSecond);
        gauge("cistern.cache.hits", "Block reads served from the cache", () -> cache.hits());
        gauge("cistern.cache.misses", "Block reads that went to the store", () -> cache.misses());
    }

    private void gauge(String name, String description, java.util.function.Supplier<Number> value) {
        metrics.gauge(Metadata.builder().withName(name).withDescription(description).build(), value);
    }

    /**
     * Eight segments to the capacity (64 MiB each at most), so that uploaded data is freed in steps well below the
     * capacity: space comes back only a whole segment at a time.
     */
    static JournalSettings journalSettings(long capacityBytes) {
        long minimum = 16L << 20;
        if (capacityBytes < minimum) {
            throw new IllegalArgumentException("the journal capacity (cistern.journal.capacity.mb /"
                    + " CISTERN_JOURNAL_CAPACITY_MB) must be at least 16 MiB");
        }
        long segment = Math.max(8L << 20, Math.min(JournalSettings.DEFAULT_SEGMENT_BYTES, capacityBytes / 8));
        return JournalSettings.defaults().withSegmentBytes(segment).withCapacityBytes(capacityBytes);
    }

    @PreDestroy
    void close() {
        if (prefetchPool != null) {
            prefetchPool.close();
        }
        if (uploadPuts != null) {
            uploadPuts.close();   // before the stores close under a put
        }
        if (writeback != null) {
            writeback.close();
        }
        try {
            journal.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing the journal failed; the next start replays it", e);
        }
        rawStore.close();
        definedStores.values().forEach(opened -> opened.unverified().close());
    }

    public Journal journal() {
        return journal;
    }

    public JournalIndex index() {
        return index;
    }

    public BlockAssembler assembler() {
        return assembler;
    }

    /** Where the bytes of journaled writes are read back from. */
    PayloadSource payloadSource() {
        return source;
    }

    /** The copies of blocks outside the store (cache, journal), for repairing a damaged stored block. */
    public BlockCopies copies() {
        return new BlockCopies(this);
    }

    /** The default block store (the one the environment configures), every read verified against the block's hash. */
    public VerifyingBlockStore store() {
        return store;
    }

    /**
     * Block store {@code storeId} ({@code block_store.id}), every read verified: the default one, or a store an
     * administrator defined, opened at its first use.
     *
     * @throws IllegalStateException for a store that has no row: its blocks cannot be read or written here
     */
    public VerifyingBlockStore store(long storeId) {
        if (storeId == BlockStoreRow.DEFAULT_ID) {
            return store;
        }
        return definedStores.computeIfAbsent(storeId, id -> new VerifyingBlockStore(DefinedStores.open(dataSource, vault, id)));
    }

    /** Store {@code storeId}'s definition changed: its client is closed, and the next use opens it again. */
    public void forgetStore(long storeId) {
        VerifyingBlockStore opened = definedStores.remove(storeId);
        if (opened != null) {
            opened.unverified().close();
        }
    }

    /**
     * Store {@code storeId} was deleted, with the rows of {@code unreferenced} blocks nobody needed any more: deletes
     * those blocks from it (what garbage collection would have done) and forgets it.
     */
    public void dropStore(long storeId, List<byte[]> unreferenced) {
        VerifyingBlockStore opened = definedStores.get(storeId);
        if (opened != null) {
            for (byte[] hash : unreferenced) {
                try {
                    opened.delete(new BlockHash(hash));
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a block of the deleted store " + storeId + " stays in "
                            + opened.describe(), e);
                }
            }
        }
        forgetStore(storeId);
    }

    public BlockCache cache() {
        return cache;
    }

    /** Where the upload runs a chunk's block puts. */
    public ParallelPuts uploadPuts() {
        return uploadPuts;
    }

    public ReadAhead readAhead() {
        return readAhead;
    }

    /** Which stored block each piece of a file is, for readers; see {@link BlockMappings} for who invalidates. */
    public BlockMappings mappings() {
        return mappings;
    }

    public RecentModifications modifications() {
        return modifications;
    }

    public UploadProgress uploadProgress() {
        return uploadProgress;
    }

    /** Noted by the adapters after every answer; read by the upload's pacing. */
    public LastClientRequest lastClientRequest() {
        return lastClientRequest;
    }

    /** Queue and progress of the upload. */
    public UploadStatus uploadStatus() {
        JournalStats stats = journal.stats();
        UploadProgress progress = uploadProgress;
        return new UploadStatus(index.inodeIds().size(), index.dirtyBlocks().size(), stats.usedBytes(),
                stats.capacityBytes(), progress.blocksPut(), progress.bytesPut(), progress.blocksDeduplicated(),
                progress.bytesPerSecond(), progress.lastUploadMillis());
    }

    /** The verifier NFS hands out with unstable writes: it changes with every start. */
    public long writeVerifier() {
        return journal.writeVerifier();
    }

    public JournalStats journalStats() {
        return journal.stats();
    }

    /**
     * Logs {@code entry} and indexes it: one step, because every appended record must reach the index (see
     * {@link JournalIndex}), even when the caller fails right after. Returns the record's sequence. A full journal
     * is waited on for up to {@link #FULL_JOURNAL_WAIT} first, by up to {@link #FULL_JOURNAL_WAITERS} writes at once.
     *
     * @throws FsException TRY_LATER when the journal stays full, NO_SPACE when its disk is
     */
    public long log(JournalEntry entry) {
        long sequence;
        try {
            sequence = appendWaitingForSpace(entry);
        } catch (JournalFullException e) {
            throw new FsException(FsError.TRY_LATER, "the journal is full; uploads are making room");
        } catch (JournalNoSpaceException e) {
            throw new FsException(FsError.NO_SPACE, "no space left for the journal: " + e.getMessage());
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "journal append failed", e);
            throw new FsException(FsError.IO, "the journal failed: " + e.getMessage());
        }
        index.add(new JournalRecord(sequence, entry.kind(), entry.inodeId(), entry.offset(), entry.payload()));
        return sequence;
    }

    private long appendWaitingForSpace(JournalEntry entry) throws JournalFullException, IOException {
        try {
            return journal.append(entry);
        } catch (JournalFullException full) {
            if (!fullJournalWaiters.tryAcquire()) {
                throw full;
            }
            try {
                return journal.append(entry, FULL_JOURNAL_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw full;
            } finally {
                fullJournalWaiters.release();
            }
        }
    }

    /** Waits until every record up to {@code sequence} is on disk. */
    public void sync(long sequence) {
        try {
            journal.sync(sequence);
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "journal sync failed", e);
            throw new FsException(FsError.IO, "the journal could not be made durable: " + e.getMessage());
        }
    }

    /** Waits until every record appended so far is on disk: COMMIT, FLUSH. */
    public void syncAll() {
        try {
            journal.sync();
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "journal sync failed", e);
            throw new FsException(FsError.IO, "the journal could not be made durable: " + e.getMessage());
        }
    }

    /** A truncation (or extension) of the file to {@code newSize}, durable when this returns. */
    public void truncate(long inodeId, long newSize) {
        sync(log(JournalEntry.truncate(inodeId, newSize)));
    }

    /** The file was deleted: nothing of it needs uploading any more. */
    public void discard(long inodeId) {
        mappings.invalidate(inodeId);
        index.discard(inodeId);
        modifications.discard(inodeId);
    }

    /** How full the journal is, 0 to 1: the uploader stops waiting for blocks to settle when it fills up. */
    public double journalFill() {
        JournalStats stats = journal.stats();
        return stats.capacityBytes() == 0 ? 0 : (double) stats.usedBytes() / stats.capacityBytes();
    }

    /**
     * A read found a stored block damaged or missing: counted in a metric tagged with the block, so that an
     * administrator sees which one without reading the log. Such blocks are rare, so the tag stays bounded.
     */
    public void countDamagedBlock(BlockHash hash, BlockStoreException.Kind kind) {
        damagedBlockReads.incrementAndGet();
        if (metrics != null) {
            metrics.counter(Metadata.builder().withName("cistern.block.damaged.reads")
                    .withDescription("Reads that found a stored block corrupt (hash mismatch) or missing").build(),
                    new Tag("block", hash.hex()), new Tag("kind", kind.name().toLowerCase(java.util.Locale.ROOT)))
                    .inc();
        }
    }

    /** The metric's count of damaged reads of one block (0 when there is none), as /metrics would show it. */
    public long damagedBlockReadsMetric(BlockHash hash, BlockStoreException.Kind kind) {
        if (metrics == null) {
            return 0;
        }
        org.eclipse.microprofile.metrics.Counter counter = metrics.getCounter(new org.eclipse.microprofile.metrics.MetricID(
                "cistern.block.damaged.reads", new Tag("block", hash.hex()),
                new Tag("kind", kind.name().toLowerCase(java.util.Locale.ROOT))));
        return counter == null ? 0 : counter.getCount();
    }

    /** Reads that found a damaged block, since start. */
    public long damagedBlockReads() {
        return damagedBlockReads.get();
    }

    /** After the uploader forgot what it stored: lets the journal delete what no file needs any more. */
    public void releaseUploaded() throws IOException {
        long through = index.releasableThrough();
        if (through > 0) {
            journal.release(through);
            recentWrites.dropThrough(through);
        }
    }
}
