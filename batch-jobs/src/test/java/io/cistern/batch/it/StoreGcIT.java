package io.cistern.batch.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.batch.audit.AuditJobs;
import io.cistern.batch.gc.GcJobs;
import io.cistern.batch.gc.GcProgress;
import io.cistern.core.audit.AuditFinding;
import io.cistern.core.audit.BlockAudit;
import io.cistern.core.blocks.BlockHash;
import io.cistern.core.content.PayloadService;
import io.cistern.core.fs.Caller;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.ReadResult;
import io.cistern.core.it.BlockProbe;
import io.cistern.core.it.CoreArchive;
import io.cistern.core.metadata.MetadataService;
import io.cistern.core.model.BlockStoreRow;
import io.cistern.core.payload.PayloadEngine;
import io.cistern.core.shares.ShareService;
import io.cistern.core.shares.ShareSettings;
import io.cistern.core.stores.StoreService;
import io.cistern.core.stores.StoreView;
import jakarta.batch.runtime.BatchStatus;
import jakarta.ejb.EJB;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Blocks of a share on a second (filesystem) store, inside a real Payara Micro whose default store is the one the
 * execution configures (S3 through S3Proxy): the same bytes written to a share on each store are two blocks, one in
 * each store; the audit, which walks every store, finds nothing wrong with that block (the second share's mapping is
 * the second store's business, not a reference the default store's row lacks), and a byte flipped in the second
 * store's copy is a CORRUPT finding in that store, the copy gone and a wrong count there MISSING and REFCOUNT_MISMATCH
 * findings in that store; removing the second share's
 * file and collecting deletes its block from the second store's directory and leaves the default store's copy, still
 * referenced, untouched; an object in the second store that no row knows is collected as an orphan.
 */
@ExtendWith(ArquillianExtension.class)
class StoreGcIT {
    private static final Caller ROOT = new Caller(0, 0, Set.of());
    private static final String GRACE = "cistern.gc.grace.seconds";
    private static final Duration UPLOAD_LIMIT = Duration.ofSeconds(120);
    private static final Duration GC_LIMIT = Duration.ofSeconds(120);
    private static final int MIB = 1 << 20;

    @Deployment
    static WebArchive deployment() {
        return CoreArchive.create("store-gc-it.war")
                .addPackage("io.cistern.core.audit")
                .addPackage("io.cistern.core.gc")
                .addPackage("io.cistern.batch")
                .addPackage("io.cistern.batch.upload")
                .addPackage("io.cistern.batch.gc")
                .addPackage("io.cistern.batch.audit")
                .addAsResource("META-INF/batch-jobs/upload.xml")
                .addAsResource("META-INF/batch-jobs/gc.xml")
                .addAsResource("META-INF/batch-jobs/audit.xml")
                .addClasses(BlockProbe.class, BatchWaits.class, ShareFiles.class);
    }

    @EJB
    private StoreService stores;
    @EJB
    private ShareService shares;
    @EJB
    private ShareFiles files;
    @EJB
    private MetadataService metadata;
    @EJB
    private PayloadService payload;
    @EJB
    private PayloadEngine engine;
    @EJB
    private GcJobs gcJobs;
    @EJB
    private BlockProbe probe;
    @EJB
    private AuditJobs auditJobs;
    @EJB
    private BlockAudit audit;

    @Test
    void theSameBytesOnTwoStoresAreTwoBlocksAndACollectionDeletesEachFromItsOwnStore() throws Exception {
        Path directory = Path.of(System.getenv("CISTERN_DATA_DIR")).toAbsolutePath().normalize()
                .resolveSibling("store-gc-it-" + System.nanoTime());
        StoreView second = stores.create(io.cistern.core.stores.StoreChange.filesystem("gc-second", directory.toString()));
        shares.create("gc-on-default", new ShareSettings(null, null, null, null, null, null));
        shares.create("gc-on-second", new ShareSettings(null, null, null, null, null, null, null, null, null,
                second.name()));
        byte[] content = new byte[700_000];
        new Random(4711).nextBytes(content);
        BlockHash hash = BlockHash.of(content);
        Path onSecond = directory.resolve(hash.hex().substring(0, 2)).resolve(hash.hex().substring(2, 4))
                .resolve(hash.hex());

        files.write("gc-on-default", "same.bin", content);
        files.write("gc-on-second", "same.bin", content);
        assertTrue(files.awaitUploaded(UPLOAD_LIMIT), "uploaded");

        assertTrue(engine.store().exists(hash), "in the default store");
        assertTrue(Files.isRegularFile(onSecond), "and in the second store's directory: " + onSecond);
        List<Long> holding = probe.storesHolding(hash);
        assertEquals(2, holding.size(), "one row per store: " + holding);
        assertEquals(BlockStoreRow.DEFAULT_ID, holding.get(0));
        assertEquals(1, probe.refcount(hash), "the default store's row counts the default share's file only");
        long audited = auditJobs.start();
        assertEquals(BatchStatus.COMPLETED, BatchWaits.awaitEnd(audited, GC_LIMIT), "audit execution " + audited);
        List<AuditFinding> aboutIt = audit.findings(audited).stream().filter(f -> f.getHash().equals(hash)).toList();
        assertEquals(List.of(), aboutIt.stream().map(f -> f.getKind() + " " + f.getDetail()).toList(),
                "the other store's mapping is no wrong count in the default store, nor the default store's in it");

        // the second store is audited too: a byte flipped in its block file is found there, and only there
        long secondId = stores.idForShare(second.name());
        flipByte(onSecond);
        long damaged = auditJobs.start();
        assertEquals(BatchStatus.COMPLETED, BatchWaits.awaitEnd(damaged, GC_LIMIT), "audit execution " + damaged);
        List<AuditFinding> found = audit.findings(damaged).stream().filter(f -> f.getHash().equals(hash)).toList();
        assertEquals(List.of("CORRUPT in " + secondId), found.stream().map(f -> f.getKind() + " in " + f.getStoreId())
                .toList(), found.toString());
        assertTrue(found.get(0).getDetail().contains("in store '" + second.name() + "'"), found.toString());
        flipByte(onSecond);
        // and its references and counts: the block gone from its directory, its row counting 5 for the one mapping
        Path aside = onSecond.resolveSibling("aside");
        Files.move(onSecond, aside);
        probe.setRefcount(secondId, hash, 5);
        long wrong = auditJobs.start();
        assertEquals(BatchStatus.COMPLETED, BatchWaits.awaitEnd(wrong, GC_LIMIT), "audit execution " + wrong);
        assertEquals(List.of("MISSING in " + secondId, "REFCOUNT_MISMATCH in " + secondId + " 5/1"),
                audit.findings(wrong).stream().filter(f -> f.getHash().equals(hash))
                        .map(f -> f.getKind() + " in " + f.getStoreId() + (f.getRecordedRefcount() == null ? ""
                                : " " + f.getRecordedRefcount() + "/" + f.getCountedReferences())).toList());
        assertEquals(1, probe.refcount(hash), "the default store's row is not touched");
        probe.setRefcount(secondId, hash, 1);
        Files.move(aside, onSecond);

        // an object no row of the second store knows (an upload that died before its row, say), and no row anywhere
        byte[] orphanContent = new byte[5_000];
        new Random(815).nextBytes(orphanContent);
        BlockHash orphan = BlockHash.of(orphanContent);
        engine.store(secondId).put(orphan, java.nio.ByteBuffer.wrap(orphanContent));
        Path orphanFile = directory.resolve(orphan.hex().substring(0, 2)).resolve(orphan.hex().substring(2, 4))
                .resolve(orphan.hex());
        assertTrue(Files.isRegularFile(orphanFile), orphanFile.toString());

        metadata.remove(ROOT, metadata.root("gc-on-second"), bytes("same.bin"));
        Thread.sleep(1_100);
        GcProgress collected = runGc(1);

        assertFalse(Files.exists(orphanFile), "the second store's orphan is collected too: " + collected);
        assertTrue(collected.orphansDeleted() >= 1, collected::toString);
        assertEquals(List.of(), probe.storesHolding(orphan), "and its claiming row went with it");

        assertFalse(Files.exists(onSecond), "unreferenced in the second store: deleted from its directory");
        assertEquals(List.of(BlockStoreRow.DEFAULT_ID), probe.storesHolding(hash), "with its row alone");
        assertTrue(collected.blocksDeleted() >= 1, collected::toString);
        assertTrue(engine.store().exists(hash), "referenced in the default store: kept");
        assertArrayEquals(content, readAll(metadata.lookup(ROOT, metadata.root("gc-on-default"), bytes("same.bin"))
                .handle()), "the default share's file reads back intact");

        metadata.remove(ROOT, metadata.root("gc-on-default"), bytes("same.bin"));
        shares.delete("gc-on-second");
        shares.delete("gc-on-default");
        stores.delete(second.name());
        assertTrue(stores.list().stream().noneMatch(store -> store.name().equals(second.name())));
    }

    private static void flipByte(Path file) throws java.io.IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[10] ^= 0x5a;
        Files.write(file, bytes);
    }

    private GcProgress runGc(long graceSeconds) throws InterruptedException {
        System.setProperty(GRACE, Long.toString(graceSeconds));
        long execution;
        try {
            execution = gcJobs.start();
        } finally {
            System.clearProperty(GRACE);
        }
        assertEquals(BatchStatus.COMPLETED, BatchWaits.awaitEnd(execution, GC_LIMIT), "gc execution " + execution);
        return gcJobs.progress(execution);
    }

    private byte[] readAll(FileHandle file) {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        for (long offset = 0; ; ) {
            ReadResult result = payload.read(ROOT, file, offset, MIB);
            read.writeBytes(result.data());
            offset += result.data().length;
            if (result.eof()) {
                return read.toByteArray();
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
