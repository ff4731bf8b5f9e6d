package io.cistern.batch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cistern.batch.StepProgressCleanup;
import io.cistern.batch.audit.AuditAlreadyRunningException;
import io.cistern.batch.audit.AuditJobs;
import io.cistern.core.audit.AuditFinding;
import io.cistern.core.audit.BlockAudit;
import io.cistern.core.audit.FindingKind;
import io.cistern.core.blocks.BlockHash;
import io.cistern.core.blocks.BlockStore;
import io.cistern.core.blocks.BlockStoreException;
import io.cistern.core.blocks.StoredBlock;
import io.cistern.core.content.PayloadService;
import io.cistern.core.fs.Caller;
import io.cistern.core.fs.CreateMode;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.Stability;
import io.cistern.core.gc.BlockCollector;
import io.cistern.core.it.BlockProbe;
import io.cistern.core.it.CoreArchive;
import io.cistern.core.it.S3ProxyProcess;
import io.cistern.core.metadata.MetadataService;
import io.cistern.core.model.Share;
import io.cistern.core.payload.BlockIndex;
import io.cistern.core.payload.BlockUploader;
import io.cistern.core.payload.FileBlockRef;
import io.cistern.core.payload.PayloadEngine;
import io.cistern.core.service.StepProgressRecords;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.ejb.EJB;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit job inside a real Payara Micro, on both stores (the pom runs this class in both failsafe executions; the
 * stored objects are damaged behind Cistern's back through {@link StoredObjects}). Two files that share a block are
 * written through the file system services and uploaded by the upload job; the audit then finds nothing, and after
 * the store and the index are damaged in five ways it finds exactly those five things. Then a second start while an
 * audit runs is refused, and a stopped audit resumes from its checkpoint. Repair is {@link AuditRepairIT}'s.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditJobIT {
    private static final Caller ROOT = new Caller(0, 0, Set.of());
    private static final int MIB = 1 << 20;
    private static final int TRAILER = 8;
    private static final Duration UPLOAD_LIMIT = Duration.ofSeconds(60);
    private static final Duration AUDIT_LIMIT = Duration.ofSeconds(120);
    private static final String DIRECTORY = "audit-it";

    @Deployment
    static WebArchive deployment() {
        return CoreArchive.create("audit-it.war")
                .addPackage("io.cistern.core.audit")
                .addPackage("io.cistern.core.gc")
                .addPackage("io.cistern.batch")
                .addPackage("io.cistern.batch.upload")
                .addPackage("io.cistern.batch.audit")
                .addAsResource("META-INF/batch-jobs/upload.xml")
                .addAsResource("META-INF/batch-jobs/audit.xml")
                .addClasses(BlockProbe.class, StoredObjects.class, S3ProxyProcess.class);
    }

    @EJB
    private MetadataService metadata;

    @EJB
    private PayloadService payload;

    @EJB
    private BlockUploader uploader;

    @EJB
    private BlockIndex blockIndex;

    @EJB
    private PayloadEngine engine;

    @EJB
    private BlockAudit audit;

    @EJB
    private AuditJobs auditJobs;

    @EJB
    private BlockProbe blockProbe;

    @EJB
    private BlockCollector collector;

    @EJB
    private StepProgressRecords progressRecords;

    @EJB
    private StepProgressCleanup progressCleanup;

    /**
     * {@code a.bin}: blocks A0, A1 and a partial A2; {@code sub/b.bin}: A0 again (deduplicated) and a partial B1.
     * Written once, by the first test; the later ones find them through their names.
     */
    @Test
    @Order(1)
    void aCleanStoreGivesNoFindings() throws InterruptedException {
        FileHandle directory = metadata.mkdir(ROOT, metadata.root(Share.DEFAULT_NAME), bytes(DIRECTORY), 0755)
                .node().handle();
        FileHandle sub = metadata.mkdir(ROOT, directory, bytes("sub"), 0755).node().handle();
        byte[] a = random(2 * BlockStore.MAX_BLOCK + 300_000, 1);
        byte[] b = Arrays.copyOf(a, BlockStore.MAX_BLOCK + 200_000);
        System.arraycopy(random(200_000, 2), 0, b, BlockStore.MAX_BLOCK, 200_000);
        write(directory, "a.bin", a);
        write(sub, "b.bin", b);
        awaitUploaded();
        assertEquals(3, blocksOf("a.bin").size());
        assertEquals(blocksOf("a.bin").get(0).hash(), blocksOf("sub", "b.bin").get(0).hash(), "deduplicated");

        long execution = runAudit();

        assertEquals(List.of(), audit.findings(execution));
    }

    @Test
    @Order(2)
    void eachKindOfDamageIsFoundOnceForItsBlock() throws IOException, InterruptedException {
        List<FileBlockRef> a = blocksOf("a.bin");
        List<FileBlockRef> b = blocksOf("sub", "b.bin");
        BlockHash shared = a.get(0).hash();
        BlockHash recounted = a.get(1).hash();
        BlockHash deleted = a.get(2).hash();
        BlockHash resealed = b.get(1).hash();
        StoredObjects.flipByte(engine, shared, 1000);
        if (StoredObjects.onFilesystemStore(engine)) {
            flipAndReseal(StoredObjects.fileOf(engine, resealed), 10);
            // the client read path trusts the rewritten CRC32C and serves the damage; the audit must not
            assertFalse(resealed.matches(engine.store().get(resealed)), "served though damaged: its checksum holds");
        } else {
            StoredObjects.flipByte(engine, resealed, 10);
            // an S3 object has no checksum of Cistern's: every read of it is hashed, and this one is refused
            BlockStoreException refused = assertThrows(BlockStoreException.class, () -> engine.store().get(resealed));
            assertEquals(BlockStoreException.Kind.CORRUPT, refused.kind());
        }
        engine.store().delete(deleted);
        assertEquals(1, blockProbe.mappings(recounted));
        blockProbe.setRefcount(recounted, 7);
        byte[] stray = random(50_000, 3);
        BlockHash orphan = BlockHash.of(stray);
        engine.store().put(orphan, ByteBuffer.wrap(stray));

        long execution = runAudit();

        List<AuditFinding> findings = audit.findings(execution);
        assertEquals(Set.of(FindingKind.CORRUPT + " " + shared, FindingKind.CORRUPT + " " + resealed,
                        FindingKind.MISSING + " " + deleted, FindingKind.REFCOUNT_MISMATCH + " " + recounted,
                        FindingKind.ORPHAN + " " + orphan),
                findings.stream().map(f -> f.getKind() + " " + f.getHash()).collect(Collectors.toSet()),
                findings::toString);
        assertEquals(5, findings.size(), () -> "one finding per damage: " + findings);
        AuditFinding mismatch = findings.stream().filter(f -> f.getKind() == FindingKind.REFCOUNT_MISMATCH)
                .findFirst().orElseThrow();
        assertEquals(7L, mismatch.getRecordedRefcount());
        assertEquals(1L, mismatch.getCountedReferences());
        String aPath = "/" + Share.DEFAULT_NAME + "/" + DIRECTORY + "/a.bin";
        String bPath = "/" + Share.DEFAULT_NAME + "/" + DIRECTORY + "/sub/b.bin";
        assertEquals(List.of(aPath, bPath), audit.affectedPaths(shared, 10));
        assertEquals(List.of(bPath), audit.affectedPaths(resealed, 10));
        assertEquals(List.of(), audit.affectedPaths(orphan, 10));
        AuditFinding missing = findings.stream().filter(f -> f.getKind() == FindingKind.MISSING).findFirst().orElseThrow();
        assertTrue(missing.getDetail().contains(aPath), missing::getDetail);
        assertTrue(findings.stream().noneMatch(AuditFinding::isRepaired), "nothing is repaired yet");
    }

    @Test
    @Order(3)
    void aSecondStartWhileOneRunsIsRefusedAndAStoppedAuditResumesFromItsCheckpoint() throws InterruptedException {
        long stored;
        try (Stream<StoredBlock> listing = engine.store().listInOrder(null)) {
            stored = listing.count();
        }
        assertTrue(stored >= 4, "blocks to walk: " + stored);
        Properties oneBlockPerChunk = new Properties();
        oneBlockPerChunk.setProperty("blocksPerChunk", "1");
        System.setProperty("cistern.audit.mb.per.second", "1");   // a 4 MiB block then takes about 3 s
        long first;
        try {
            first = auditJobs.start(oneBlockPerChunk);
            AuditAlreadyRunningException refused = assertThrows(AuditAlreadyRunningException.class,
                    () -> auditJobs.start());
            assertEquals(first, refused.runningExecution());
            awaitWalking(first);
            BatchRuntime.getJobOperator().stop(first);   // honoured when the chunk in hand has committed
            assertEquals(BatchStatus.STOPPED, awaitEnd(first));
        } finally {
            System.clearProperty("cistern.audit.mb.per.second");
        }
        long readBeforeStop = readCount(first);
        assertTrue(readBeforeStop >= 1 && readBeforeStop < stored,
                "stopped within the walk: " + readBeforeStop + " of " + stored);

        long resumed = auditJobs.start();

        assertNotEquals(first, resumed);
        assertEquals(BatchStatus.COMPLETED, awaitEnd(resumed));
        JobOperator operator = BatchRuntime.getJobOperator();
        assertEquals(operator.getJobInstance(first).getInstanceId(), operator.getJobInstance(resumed).getInstanceId(),
                "the stopped audit was restarted, not begun anew");
        assertEquals(stored, readBeforeStop + readCount(resumed), "the restart walked on from the checkpoint");
    }

    @Test
    @Order(4)
    void onceTheFilesUsingTheDamagedBlocksAreRemovedNoFindingNamesAFile() throws InterruptedException {
        List<FileBlockRef> a = blocksOf("a.bin");
        List<FileBlockRef> b = blocksOf("sub", "b.bin");
        FileHandle directory = metadata.lookup(ROOT, metadata.root(Share.DEFAULT_NAME), bytes(DIRECTORY)).handle();
        metadata.remove(ROOT, metadata.lookup(ROOT, directory, bytes("sub")).handle(), bytes("b.bin"));
        metadata.remove(ROOT, directory, bytes("a.bin"));

        List<AuditFinding> findings = audit.findings(runAudit());

        assertTrue(findings.stream().noneMatch(f -> f.getKind() == FindingKind.MISSING), findings::toString);
        assertTrue(findings.stream().filter(f -> f.getKind() != FindingKind.REFCOUNT_MISMATCH)
                .allMatch(f -> f.getDetail().endsWith("used by no named file")), findings::toString);
        // what is left goes now, so that the test classes after this one start from a store without damage
        blockProbe.setRefcount(a.get(1).hash(), 0);
        for (FileBlockRef piece : List.of(a.get(0), a.get(1), a.get(2), b.get(1))) {
            collector.mark(piece.hash(), 0);
            collector.deleteMarked(piece.hash());
        }
        engine.store().delete(BlockHash.of(random(50_000, 3)));
        assertEquals(List.of(), audit.findings(runAudit()));
    }

    /**
     * The step progress of an execution the repository no longer knows (as after {@code asadmin
     * clean-jbatch-repository}) goes; the rows of the audits this class ran stay, as the API still shows them.
     */
    @Test
    @Order(5)
    void theProgressOfExecutionsPurgedFromTheRepositoryIsForgotten() throws InterruptedException {
        long audited = runAudit();
        long purged = 987_654_321L;
        assertThrows(NoSuchJobExecutionException.class, () -> BatchRuntime.getJobOperator().getJobExecution(purged));
        progressRecords.record(purged, "audit-stored-blocks", 5, 5 * MIB);
        List<Long> before = progressRecords.executions();
        assertTrue(before.contains(purged) && before.contains(audited), before::toString);

        assertEquals(1, progressCleanup.forgetPurgedExecutions());

        List<Long> after = progressRecords.executions();
        assertEquals(before.stream().filter(execution -> execution != purged).sorted().toList(),
                after.stream().sorted().toList(), "only the purged execution's rows went");
        assertEquals(3, progressRecords.of(List.of(audited)).size(), "the audit's three steps keep their progress");
        assertEquals(0, progressCleanup.forgetPurgedExecutions(), "nothing more to forget");
    }

    private long runAudit() throws InterruptedException {
        long execution = auditJobs.start();
        BatchStatus end = awaitEnd(execution);
        assertEquals(BatchStatus.COMPLETED, end, () -> "audit execution " + execution + ": "
                + BatchRuntime.getJobOperator().getJobExecution(execution).getExitStatus());
        return execution;
    }

    private static BatchStatus awaitEnd(long execution) throws InterruptedException {
        JobOperator operator = BatchRuntime.getJobOperator();
        long deadline = System.nanoTime() + AUDIT_LIMIT.toNanos();
        while (true) {
            JobExecution state = operator.getJobExecution(execution);
            BatchStatus status = state.getBatchStatus();
            if (status == BatchStatus.COMPLETED || status == BatchStatus.FAILED || status == BatchStatus.STOPPED
                    || status == BatchStatus.ABANDONED) {
                return status;
            }
            if (System.nanoTime() - deadline > 0) {
                fail("audit execution " + execution + " still " + status + " after " + AUDIT_LIMIT);
            }
            Thread.sleep(100);
        }
    }

    /**
     * Waits until the execution's first step is under way and has had a second to take its first block (which the
     * rate limit holds for seconds), so that a stop comes within the walk, not before it.
     */
    private static void awaitWalking(long execution) throws InterruptedException {
        long deadline = System.nanoTime() + AUDIT_LIMIT.toNanos();
        while (BatchRuntime.getJobOperator().getStepExecutions(execution).stream()
                .noneMatch(s -> s.getStepName().equals("audit-stored-blocks"))) {
            if (System.nanoTime() - deadline > 0) {
                fail("audit execution " + execution + " did not start its walk within " + AUDIT_LIMIT);
            }
            Thread.sleep(50);
        }
        Thread.sleep(1_000);
    }

    /** How many stored blocks the execution's first step read. */
    private static long readCount(long execution) {
        StepExecution step = BatchRuntime.getJobOperator().getStepExecutions(execution).stream()
                .filter(s -> s.getStepName().equals("audit-stored-blocks")).findFirst().orElseThrow();
        return Arrays.stream(step.getMetrics()).filter(m -> m.getType() == Metric.MetricType.READ_COUNT)
                .findFirst().orElseThrow().getValue();
    }

    /**
     * Flips a bit in byte {@code offset} of a filesystem block file's content and rewrites the CRC32C in its trailer to
     * match, as damage that happened before the checksum was computed would look.
     */
    private static void flipAndReseal(Path file, int offset) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[offset] ^= 0x01;
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - TRAILER);
        ByteBuffer.wrap(bytes, bytes.length - TRAILER, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue());
        Files.write(file, bytes);
    }

    private void write(FileHandle directory, String name, byte[] data) {
        FileHandle file = metadata.create(ROOT, directory, bytes(name), 0644, CreateMode.GUARDED, 0).node().handle();
        for (int offset = 0; offset < data.length; offset += MIB) {
            int length = Math.min(MIB, data.length - offset);
            payload.write(ROOT, file, offset, ByteBuffer.wrap(data, offset, length), Stability.UNSTABLE);
        }
        payload.commit(ROOT, file);
    }

    private List<FileBlockRef> blocksOf(String... path) {
        FileHandle node = metadata.root(Share.DEFAULT_NAME);
        node = metadata.lookup(ROOT, node, bytes(DIRECTORY)).handle();
        for (String name : path) {
            node = metadata.lookup(ROOT, node, bytes(name)).handle();
        }
        return blockIndex.blocksOf(node.inodeId(), 0, 100);
    }

    private void awaitUploaded() throws InterruptedException {
        long deadline = System.nanoTime() + UPLOAD_LIMIT.toNanos();
        while (uploader.hasUnuploadedWrites()) {
            if (System.nanoTime() - deadline > 0) {
                fail("unuploaded writes remain after " + UPLOAD_LIMIT + ": " + uploader.status());
            }
            Thread.sleep(200);
        }
    }

    private static byte[] random(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
