package io.cistern.batch.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cistern.batch.audit.AuditJobs;
import io.cistern.core.audit.AuditFinding;
import io.cistern.core.audit.BlockAudit;
import io.cistern.core.audit.FindingKind;
import io.cistern.core.audit.StoredBlockCheck;
import io.cistern.core.blocks.BlockHash;
import io.cistern.core.blocks.BlockStore;
import io.cistern.core.content.PayloadService;
import io.cistern.core.fs.Caller;
import io.cistern.core.fs.CreateMode;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
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
import io.cistern.core.payload.FileContents;
import io.cistern.core.payload.PayloadEngine;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.ejb.EJB;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit with {@code repair=true}, on both stores (the pom runs this class in both failsafe executions), inside a
 * real Payara Micro. No upload job is deployed here: the tests upload with {@link BlockUploader#drain()} when they
 * choose, so that a write can be held in the journal as the good copy of a damaged block. A damaged block fails the
 * file's reads with an I/O error (what the NFS and SMB adapters answer as NFS3ERR_IO and an SMB I/O status) until the
 * repair puts it back; a block with no good copy stays damaged and is reported unrepaired; refcounts are set to the
 * mappings, also when a wrong count of 0 had garbage collection mark or even delete a block files still use.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditRepairIT {
    private static final Caller ROOT = new Caller(0, 0, Set.of());
    private static final int MIB = 1 << 20;
    private static final int BLOCK = BlockStore.MAX_BLOCK;
    private static final Duration AUDIT_LIMIT = Duration.ofSeconds(120);
    private static final String DIRECTORY = "audit-repair-it";

    @Deployment
    static WebArchive deployment() {
        return CoreArchive.create("audit-repair-it.war")
                .addPackage("io.cistern.core.audit")
                .addPackage("io.cistern.core.gc")
                .addPackage("io.cistern.batch")
                .addPackage("io.cistern.batch.audit")
                .addAsResource("META-INF/batch-jobs/audit.xml")
                .addClasses(BlockProbe.class, StoredObjects.class, S3ProxyProcess.class);
    }

    @EJB
    private MetadataService metadata;
    @EJB
    private PayloadService payload;
    @EJB
    private FileContents contents;
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

    @Test
    @Order(1)
    void aCorruptBlockFailsReadsWithAnIoErrorUntilTheRepairPutsItBackFromTheJournal() throws IOException,
            InterruptedException {
        FileHandle directory = metadata.mkdir(ROOT, metadata.root(Share.DEFAULT_NAME), bytes(DIRECTORY), 0755)
                .node().handle();
        byte[] a = random(2 * BLOCK + 300_000, 4021);
        FileHandle file = write(directory, "a.bin", a);
        uploader.drain();
        BlockHash first = blocksOf("a.bin").get(0).hash();
        StoredObjects.flipByte(engine, first, 1000);
        engine.cache().invalidate(first);

        FsException refused = assertThrows(FsException.class, () -> contents.read(file.inodeId(), 0, MIB, a.length));
        assertEquals(FsError.IO, refused.error(), refused::getMessage);
        assertEquals(FsError.IO, assertThrows(FsException.class, () -> payload.read(ROOT, file, 10, 100)).error());
        // a file being written with the same first block: its unuploaded writes are the good copy
        write(directory, "copy.bin", Arrays.copyOf(a, BLOCK));

        List<AuditFinding> findings = audit.findings(runAudit(true));

        assertEquals(List.of(FindingKind.CORRUPT + " " + first + " repaired"), summaries(findings), findings::toString);
        assertTrue(findings.get(0).getDetail().startsWith("replaced from a good copy in the journal"),
                findings.get(0)::getDetail);
        assertEquals(StoredBlockCheck.INTACT, audit.verify(first), "the store itself holds it intact again");
        engine.cache().invalidate(first);
        assertArrayEquals(a, read(file, a.length));
        uploader.drain();
        assertEquals(2, blockProbe.refcount(first), "copy.bin deduplicated against the repaired block");
    }

    @Test
    @Order(2)
    void aMissingBlockIsPutBackFromTheCache() throws InterruptedException {
        FileHandle file = lookup("a.bin");
        BlockHash second = blocksOf("a.bin").get(1).hash();
        read(file, 2 * BLOCK);   // a reader's verified copy of the second block is in the cache now
        assertTrue(engine.cache().peek(second).isPresent());
        engine.store().delete(second);

        List<AuditFinding> findings = audit.findings(runAudit(true));

        assertEquals(List.of(FindingKind.MISSING + " " + second + " repaired"), summaries(findings), findings::toString);
        assertTrue(findings.get(0).getDetail().startsWith("put back from a good copy in the cache"),
                findings.get(0)::getDetail);
        engine.cache().invalidate(second);
        assertArrayEquals(random(2 * BLOCK + 300_000, 4021), read(file, 2 * BLOCK + 300_000));
    }

    @Test
    @Order(5)
    void withoutAGoodCopyACorruptBlockStaysDamagedAndIsReportedUnrepaired() throws IOException, InterruptedException {
        FileHandle file = lookup("a.bin");
        BlockHash last = blocksOf("a.bin").get(2).hash();
        StoredObjects.flipByte(engine, last, 77);
        engine.cache().invalidate(last);

        List<AuditFinding> findings = audit.findings(runAudit(true));

        assertEquals(List.of(FindingKind.CORRUPT + " " + last + " not repaired"), summaries(findings),
                findings::toString);
        assertTrue(findings.get(0).getDetail().startsWith("not repaired: no good copy in the cache or the journal"),
                findings.get(0)::getDetail);
        assertTrue(findings.get(0).getDetail().contains("/" + Share.DEFAULT_NAME + "/" + DIRECTORY + "/a.bin"),
                "names the file: " + findings.get(0).getDetail());
        assertEquals(FsError.IO, assertThrows(FsException.class,
                () -> contents.read(file.inodeId(), 2L * BLOCK, 1000, 2L * BLOCK + 300_000)).error());
    }

    @Test
    @Order(3)
    void aWrongRefcountIsSetToTheMappingsCountedUnderTheRowLock() throws InterruptedException {
        FileHandle directory = lookup(null);
        byte[] b = random(2 * BLOCK, 4022);
        FileHandle file = write(directory, "b.bin", b);
        uploader.drain();
        BlockHash high = blocksOf("b.bin").get(0).hash();
        BlockHash zero = blocksOf("b.bin").get(1).hash();
        blockProbe.setRefcount(high, 7);
        // a count wrongly 0 lets garbage collection mark the block although b.bin uses it
        blockProbe.setRefcount(zero, 0);
        assertTrue(collector.mark(zero, 0), "marked PENDING");

        List<AuditFinding> findings = audit.findings(runAudit(true));

        assertEquals(Set.of(FindingKind.REFCOUNT_MISMATCH + " " + high + " repaired",
                FindingKind.REFCOUNT_MISMATCH + " " + zero + " repaired"), Set.copyOf(summaries(findings)),
                findings::toString);
        assertEquals(1, blockProbe.refcount(high));
        assertEquals(1, blockProbe.refcount(zero));
        assertTrue(collector.deleteMarked(zero).isEmpty(), "the collection that marked it finds it in use and keeps it");
        assertTrue(engine.store().exists(zero));
        engine.cache().invalidate(zero);
        assertArrayEquals(b, read(file, b.length));
    }

    @Test
    @Order(4)
    void aBlockACollectionDeletedWhileFilesUsedItIsPutBackWithARowOfItsOwn() throws InterruptedException {
        FileHandle file = lookup("b.bin");
        BlockHash lost = blocksOf("b.bin").get(0).hash();
        blockProbe.setRefcount(lost, 0);
        assertTrue(collector.mark(lost, 0));
        assertTrue(collector.deleteMarked(lost).isPresent(), "object and row deleted: the wrong count lost data");
        assertFalse(engine.store().exists(lost));
        assertEquals(-1, blockProbe.refcount(lost));
        assertEquals(FsError.IO, assertThrows(FsException.class, () -> read(file, MIB)).error());
        write(lookup(null), "b-again.bin", Arrays.copyOf(random(2 * BLOCK, 4022), BLOCK));

        List<AuditFinding> findings = audit.findings(runAudit(true));

        assertEquals(List.of(FindingKind.MISSING + " " + lost + " repaired"), summaries(findings), findings::toString);
        assertEquals(1, blockProbe.refcount(lost), "a row again, counting b.bin's mapping");
        assertTrue(engine.store().exists(lost));
        assertArrayEquals(random(2 * BLOCK, 4022), read(file, 2 * BLOCK));
        uploader.drain();
        assertEquals(2, blockProbe.refcount(lost));
    }

    @Test
    @Order(6)
    void withoutRepairNothingIsChangedAndOrphansAreLeftToGarbageCollection() throws InterruptedException {
        BlockHash last = blocksOf("a.bin").get(2).hash();
        BlockHash counted = blocksOf("b.bin").get(1).hash();
        blockProbe.setRefcount(counted, 3);
        byte[] stray = random(40_000, 4023);
        BlockHash orphan = BlockHash.of(stray);
        engine.store().put(orphan, ByteBuffer.wrap(stray));

        List<AuditFinding> findings = audit.findings(runAudit(false));

        assertEquals(Set.of(FindingKind.CORRUPT + " " + last + " not repaired",
                FindingKind.REFCOUNT_MISMATCH + " " + counted + " not repaired",
                FindingKind.ORPHAN + " " + orphan + " not repaired"), Set.copyOf(summaries(findings)),
                findings::toString);
        assertEquals(3, blockProbe.refcount(counted), "without repair=true the count stays as it was");

        List<AuditFinding> repaired = audit.findings(runAudit(true));

        assertEquals(Set.of(FindingKind.CORRUPT + " " + last + " not repaired",
                FindingKind.REFCOUNT_MISMATCH + " " + counted + " repaired",
                FindingKind.ORPHAN + " " + orphan + " not repaired"), Set.copyOf(summaries(repaired)),
                repaired::toString);
        assertTrue(engine.store().exists(orphan), "orphans are garbage collection's, after its grace");
        // leaves nothing damaged, nor the orphan, for the test classes after this one
        metadata.remove(ROOT, lookup(null), bytes("a.bin"));
        assertTrue(collector.mark(last, 0));
        assertTrue(collector.deleteMarked(last).isPresent());
        blockProbe.setRefcount(counted, 1);
        engine.store().delete(orphan);
        assertEquals(List.of(), audit.findings(runAudit(false)));
    }

    private long runAudit(boolean repair) throws InterruptedException {
        Properties parameters = new Properties();
        parameters.setProperty("repair", Boolean.toString(repair));
        long execution = auditJobs.start(parameters);
        long deadline = System.nanoTime() + AUDIT_LIMIT.toNanos();
        while (true) {
            JobExecution state = BatchRuntime.getJobOperator().getJobExecution(execution);
            if (state.getBatchStatus() == BatchStatus.COMPLETED) {
                assertEquals(Boolean.toString(repair), state.getJobParameters().getProperty("repair"));
                return execution;
            }
            if (state.getBatchStatus() == BatchStatus.FAILED || state.getBatchStatus() == BatchStatus.STOPPED
                    || System.nanoTime() - deadline > 0) {
                fail("audit execution " + execution + ": " + state.getBatchStatus() + " " + state.getExitStatus());
            }
            Thread.sleep(100);
        }
    }

    private static List<String> summaries(List<AuditFinding> findings) {
        return findings.stream().map(f -> f.getKind() + " " + f.getHash() + (f.isRepaired() ? " repaired"
                : " not repaired")).toList();
    }

    private FileHandle write(FileHandle directory, String name, byte[] data) {
        FileHandle file = metadata.create(ROOT, directory, bytes(name), 0644, CreateMode.GUARDED, 0).node().handle();
        for (int offset = 0; offset < data.length; offset += MIB) {
            int length = Math.min(MIB, data.length - offset);
            payload.write(ROOT, file, offset, ByteBuffer.wrap(data, offset, length), Stability.UNSTABLE);
        }
        payload.commit(ROOT, file);
        return file;
    }

    private byte[] read(FileHandle file, int length) {
        byte[] bytes = new byte[length];
        for (int offset = 0; offset < length; offset += MIB) {
            ByteBuffer piece = payload.read(ROOT, file, offset, Math.min(MIB, length - offset)).content();
            piece.get(bytes, offset, piece.remaining());
        }
        return bytes;
    }

    /** The test's directory (null) or a file in it. */
    private FileHandle lookup(String name) {
        FileHandle directory = metadata.lookup(ROOT, metadata.root(Share.DEFAULT_NAME), bytes(DIRECTORY)).handle();
        return name == null ? directory : metadata.lookup(ROOT, directory, bytes(name)).handle();
    }

    private List<FileBlockRef> blocksOf(String name) {
        return blockIndex.blocksOf(lookup(name).inodeId(), 0, 100);
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
