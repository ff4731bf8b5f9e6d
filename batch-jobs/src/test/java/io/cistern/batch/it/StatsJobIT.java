package io.cistern.batch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.batch.stats.StatsJobs;
import io.cistern.batch.stats.StatsProgress;
import io.cistern.core.blocks.BlockStore;
import io.cistern.core.blocks.StoredBlock;
import io.cistern.core.it.CoreArchive;
import io.cistern.core.payload.PayloadEngine;
import io.cistern.core.payload.StorageStatistics;
import io.cistern.core.payload.StoreUsage;
import io.cistern.core.stats.LastStatistics;
import io.cistern.core.stats.ShareFigures;
import io.cistern.core.stats.StoreFigures;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.ejb.EJB;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The statistics job inside a real Payara Micro: figures computed from scratch for a share of the test's own (two
 * files with the same content and an empty one) and for the store (added up from its own listing here), and drift
 * planted in the stored rows corrected by the next run and counted.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatsJobIT {
    private static final int MIB = 1 << 20;
    private static final Duration LIMIT = Duration.ofSeconds(120);
    private static final String SHARE = "stats-it-" + UUID.randomUUID().toString().substring(0, 8);
    private static final int CONTENT = BlockStore.MAX_BLOCK + MIB;   // two blocks: 4 MiB and 1 MiB

    @Deployment
    static WebArchive deployment() {
        return CoreArchive.create("stats-it.war")
                .addPackage("io.cistern.core.audit")
                .addPackage("io.cistern.core.gc")
                .addPackage("io.cistern.batch")
                .addPackage("io.cistern.batch.upload")
                .addPackage("io.cistern.batch.stats")
                .addAsResource("META-INF/batch-jobs/upload.xml")
                .addAsResource("META-INF/batch-jobs/stats.xml")
                .addClasses(ShareFiles.class, StatisticsRows.class, BatchWaits.class);
    }

    @EJB
    private StatsJobs statsJobs;
    @EJB
    private LastStatistics last;
    @EJB
    private ShareFiles files;
    @EJB
    private StatisticsRows rows;
    @EJB
    private PayloadEngine engine;
    @EJB
    private StorageStatistics storage;

    @Test
    @Order(1)
    void sharesAndTheStoreAreComputedFromScratch() throws InterruptedException {
        files.createShare(SHARE);
        byte[] content = new byte[CONTENT];
        new Random(81).nextBytes(content);
        files.write(SHARE, "a.bin", content);
        files.write(SHARE, "b.bin", content);
        files.write(SHARE, "empty", new byte[0]);
        assertTrue(files.awaitUploaded(LIMIT), "uploaded");
        Instant before = Instant.now();

        StatsProgress progress = runStats();

        ShareFigures share = share();
        assertEquals(2L * CONTENT, share.logicalBytes());
        assertEquals(CONTENT, share.uniqueBytes(), "the second file's blocks are the first's");
        assertEquals(2, share.blocks());
        assertEquals(3, share.files());
        assertEquals(2.0, share.dedupRatio(), 1e-9);
        assertFalse(share.computedAt().isBefore(before), share::toString);
        assertTrue(progress.sharesComputed() >= 2, "the default share and this one: " + progress);
        assertEquals(1, progress.storesComputed(), progress::toString);

        StoreFigures store = store();
        long[] listed = listedBytesAndObjects();
        assertEquals(listed[0], store.physicalBytes(), "what the store really holds");
        assertEquals(listed[1], store.blocks());
        StoreUsage referenced = storage.storeUsage();
        assertEquals(referenced.physicalBytes(), store.referencedBytes());
        assertEquals(referenced.blockCount(), store.referencedBlocks());
        assertTrue(store.blocks() >= 2 && store.physicalBytes() >= CONTENT, store::toString);
    }

    @Test
    @Order(2)
    void aRunOverUnchangedDataChangesNoRow() throws InterruptedException {
        StatsProgress progress = runStats();

        assertEquals(0, progress.sharesChanged(), progress::toString);
        assertEquals(0, progress.storesChanged(), progress::toString);
        assertEquals(0, progress.sharesForgotten(), progress::toString);
    }

    @Test
    @Order(3)
    void driftPlantedInTheStoredRowsIsCorrectedAndCounted() throws InterruptedException {
        long shareId = share().shareId();
        long physical = store().physicalBytes();
        assertEquals(1, rows.plantShareDrift(shareId, 1, 999));
        assertEquals(1, rows.plantStoreDrift(12_345));
        rows.plantRowOfAGoneShare(-shareId);
        last.reload();
        assertEquals(1, share().logicalBytes(), "the API and the metrics show what is stored");
        assertEquals(physical + 12_345, store().physicalBytes());

        StatsProgress progress = runStats();

        assertEquals(1, progress.sharesChanged(), progress::toString);
        assertEquals(1, progress.storesChanged(), progress::toString);
        assertEquals(1, progress.sharesForgotten(), "the row of a share that does not exist: " + progress);
        assertEquals(2L * CONTENT, rows.storedLogicalBytes(shareId), "the table holds the true figure again");
        assertEquals(-1, rows.storedLogicalBytes(-shareId));
        assertEquals(2L * CONTENT, share().logicalBytes());
        assertEquals(3, share().files());
        assertEquals(physical, store().physicalBytes());
        assertTrue(last.snapshot().shares().stream().noneMatch(s -> s.share().equals("gone")));
    }

    private StatsProgress runStats() throws InterruptedException {
        long execution = statsJobs.start();
        BatchStatus end = BatchWaits.awaitEnd(execution, LIMIT);
        assertEquals(BatchStatus.COMPLETED, end, () -> "stats execution " + execution + ": "
                + BatchRuntime.getJobOperator().getJobExecution(execution).getExitStatus());
        return statsJobs.progress(execution);
    }

    private ShareFigures share() {
        return last.snapshot().shares().stream().filter(s -> s.share().equals(SHARE)).findFirst()
                .orElseThrow(() -> new AssertionError("no figures for " + SHARE + " in " + last.snapshot()));
    }

    private StoreFigures store() {
        assertEquals(1, last.snapshot().stores().size(), () -> last.snapshot().toString());
        return last.snapshot().stores().get(0);
    }

    private long[] listedBytesAndObjects() {
        try (Stream<StoredBlock> listing = engine.store().list()) {
            long[] sums = new long[2];
            listing.forEach(object -> {
                sums[0] += object.size();
                sums[1]++;
            });
            return sums;
        }
    }
}
