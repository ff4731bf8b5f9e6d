package io.cistern.batch.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cistern.batch.BatchExecutions;
import io.cistern.core.blocks.BlockHash;
import io.cistern.core.blocks.BlockStore;
import io.cistern.core.content.PayloadService;
import io.cistern.core.fs.Caller;
import io.cistern.core.fs.CreateMode;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.ReadResult;
import io.cistern.core.fs.Stability;
import io.cistern.core.it.CoreArchive;
import io.cistern.core.it.S3ProxyProcess;
import io.cistern.core.metadata.MetadataService;
import io.cistern.core.model.Share;
import io.cistern.core.payload.BlockIndex;
import io.cistern.core.payload.BlockUploader;
import io.cistern.core.payload.FileBlockRef;
import io.cistern.core.payload.PayloadEngine;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.ejb.EJB;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The upload job inside a real Payara Micro, on the embedded PostgreSQL and a real S3Proxy (Cistern on the S3 block
 * store: see the pom's environment): writes go to the journal, the UploadScheduler starts the job on its own, and
 * the blocks end up in S3Proxy. Also shows that an in-container test can stop and start S3Proxy, for the outage
 * scenarios to come.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UploadJobIT {
    private static final Caller ROOT = new Caller(0, 0, Set.of());
    private static final int MIB = 1 << 20;
    private static final Duration UPLOAD_LIMIT = Duration.ofSeconds(60);
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(UploadJobIT.class.getName());

    @Deployment
    static WebArchive deployment() {
        return CoreArchive.create("upload-it.war")
                .addPackage("io.cistern.batch")
                .addPackage("io.cistern.batch.upload")
                // in a WAR, jbatch looks for job XML under WEB-INF/classes/META-INF/batch-jobs
                .addAsResource("META-INF/batch-jobs/upload.xml")
                .addClasses(S3ProxyProcess.class, OutageWriter.class);
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

    /** A few MiB written through the payload service reach S3 without anybody asking: the scheduler runs the job. */
    @Test
    @Order(1)
    void writtenDataIsUploadedToS3ByTheUploadJob() throws InterruptedException {
        FileHandle root = metadata.root(Share.DEFAULT_NAME);
        FileHandle file = metadata.create(ROOT, root, ("upload-" + System.nanoTime()).getBytes(StandardCharsets.UTF_8),
                0644, CreateMode.GUARDED, 0).node().handle();
        byte[] data = new byte[2 * BlockStore.MAX_BLOCK + 3 * MIB + 12_345];   // two full blocks and a partial one
        new Random(20251121).nextBytes(data);
        for (int offset = 0; offset < data.length; offset += MIB) {
            int length = Math.min(MIB, data.length - offset);
            payload.write(ROOT, file, offset, ByteBuffer.wrap(data, offset, length), Stability.UNSTABLE);
        }
        payload.commit(ROOT, file);

        long written = System.nanoTime();
        long deadline = written + UPLOAD_LIMIT.toNanos();
        while (uploader.hasUnuploadedWrites()) {
            if (System.nanoTime() - deadline > 0) {
                fail("the journal still holds unuploaded writes after " + UPLOAD_LIMIT + "; upload executions: "
                        + describe(uploadExecutions()));
            }
            Thread.sleep(200);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - written);
        LOG.info(() -> data.length + " bytes uploaded " + took.toMillis() + " ms after the commit; upload executions: "
                + describe(uploadExecutions()));

        List<FileBlockRef> blocks = blockIndex.blocksOf(file.inodeId(), 0, 100);
        assertEquals(3, blocks.size(), blocks::toString);
        S3ProxyProcess s3proxy = s3proxy();
        for (FileBlockRef block : blocks) {
            int start = Math.toIntExact(block.index() * BlockStore.MAX_BLOCK);
            byte[] expected = Arrays.copyOfRange(data, start, Math.min(data.length, start + BlockStore.MAX_BLOCK));
            assertEquals(expected.length, block.length());
            assertEquals(BlockHash.of(expected), block.hash());
            assertArrayEquals(expected, engine.store().get(block.hash()), "block " + block.index() + " from S3");
            // and really in S3Proxy's bucket (the filesystem provider keeps each object as a file)
            Path object = s3proxy.dataDirectory().resolve(S3ProxyForTests.BUCKET).resolve(block.hash().shardedPath());
            assertTrue(Files.isRegularFile(object), object + " exists");
        }

        ByteArrayOutputStream read = new ByteArrayOutputStream(data.length);
        for (long offset = 0; ; ) {
            ReadResult result = payload.read(ROOT, file, offset, MIB);
            read.writeBytes(result.data());
            offset += result.data().length;
            if (result.eof()) {
                break;
            }
        }
        assertArrayEquals(data, read.toByteArray());

        JobOperator operator = BatchRuntime.getJobOperator();
        assertTrue(operator.getJobNames().contains("upload"), () -> "job names: " + operator.getJobNames());
        List<JobExecution> executions = uploadExecutions();
        assertTrue(executions.stream().anyMatch(e -> e.getBatchStatus() == BatchStatus.COMPLETED
                || e.getBatchStatus() == BatchStatus.STARTED), () -> "upload executions: " + describe(executions));
    }

    /** The outage scenarios need this: S3Proxy stopped and started from inside the container, its data kept. */
    @Test
    @Order(2)
    void s3ProxyCanBeStoppedAndStartedFromInsideTheContainer() {
        S3ProxyProcess s3proxy = s3proxy();
        byte[] data = new byte[100_000];
        new Random(7).nextBytes(data);
        BlockHash hash = BlockHash.of(data);
        engine.store().put(hash, ByteBuffer.wrap(data));
        assertTrue(s3proxy.isListening());

        s3proxy.stop();
        try {
            assertFalse(s3proxy.isListening());
            assertTrue(s3proxy.process().isEmpty());
        } finally {
            s3proxy.start();
        }

        assertTrue(s3proxy.isListening());
        assertTrue(s3proxy.process().isPresent());
        assertArrayEquals(data, engine.store().get(hash), "the data survives the restart");
    }

    /**
     * The outage: S3Proxy stopped for 30 s while a writer keeps writing. Writes go on into the journal
     * (64 MiB here) until it is full, then are throttled with TRY_LATER, never failed; once S3Proxy is back, the
     * failed upload execution is restarted from its checkpoint, every block reaches S3, and every file reads back.
     */
    @Test
    @Order(3)
    void anS3OutageThrottlesWritersAndLosesNothing() throws Exception {
        FileHandle root = metadata.root(Share.DEFAULT_NAME);
        S3ProxyProcess s3proxy = s3proxy();
        OutageWriter writer = new OutageWriter(metadata, payload, root);
        s3proxy.stop();
        long outageEnds = System.nanoTime() + OUTAGE.toNanos();
        try {
            writer.writeUntil(outageEnds);
        } finally {
            s3proxy.start();
        }
        LOG.info(() -> "during the outage: " + writer.acceptedBytes() + " bytes accepted, " + writer.throttled()
                + " writes told to try later");
        assertTrue(writer.acceptedBytes() >= 32L * MIB, "writes went on into the journal: " + writer.acceptedBytes());
        assertTrue(writer.throttled() > 0, "a full journal throttles writers");
        assertTrue(engine.journalStats().usedBytes() <= engine.journalStats().capacityBytes(), "bounded");
        writer.finish();   // the piece that was refused last, now that uploads drain the journal

        awaitUploaded(Duration.ofSeconds(180));
        for (var file : writer.files().entrySet()) {
            for (FileBlockRef block : blockIndex.blocksOf(file.getKey().inodeId(), 0, 100)) {
                assertTrue(engine.store().exists(block.hash()), "in S3: " + block);
                engine.cache().invalidate(block.hash());   // so that the reads below come from S3
            }
            assertArrayEquals(file.getValue(), readAll(file.getKey()), "file " + file.getKey().inodeId());
        }
        List<JobExecution> executions = uploadExecutions();
        assertTrue(executions.stream().anyMatch(e -> e.getBatchStatus() == BatchStatus.FAILED),
                () -> "an upload execution failed during the outage: " + describe(executions));
        JobOperator operator = BatchRuntime.getJobOperator();
        assertTrue(operator.getJobInstances("upload", 0, operator.getJobInstanceCount("upload")).stream()
                        .anyMatch(instance -> operator.getJobExecutions(instance).size() > 1),
                () -> "a failed execution was restarted from its checkpoint: " + describe(executions));
    }

    /**
     * A writer much faster than the upload into S3Proxy (1 MiB writes into the page cache, against PUTs of 4 MiB
     * blocks) fills the 64 MiB journal at once and then goes on at the upload's pace: each write that meets the full
     * journal waits there until the upload frees a segment, rather than being told to try later (which nfs-cp takes
     * as a failure). Three times the journal goes through, and everything reads back.
     */
    @Test
    @Order(4)
    void aWriterFasterThanTheUploadIsHeldUntilSpaceFreesNotRefused() throws InterruptedException {
        FileHandle root = metadata.root(Share.DEFAULT_NAME);
        Random random = new Random(20261124);
        Map<FileHandle, byte[]> files = new LinkedHashMap<>();
        long slowest = 0;
        for (int i = 0; i < 4; i++) {
            FileHandle file = metadata.create(ROOT, root, ("held-" + i + "-" + System.nanoTime())
                    .getBytes(StandardCharsets.UTF_8), 0644, CreateMode.GUARDED, 0).node().handle();
            byte[] data = new byte[48 * MIB];
            random.nextBytes(data);
            for (int offset = 0; offset < data.length; offset += MIB) {
                long start = System.nanoTime();
                payload.write(ROOT, file, offset, ByteBuffer.wrap(data, offset, MIB), Stability.UNSTABLE);
                slowest = Math.max(slowest, System.nanoTime() - start);
            }
            payload.commit(ROOT, file);
            files.put(file, data);
        }
        long slowestMillis = slowest / 1_000_000;
        LOG.info(() -> "192 MiB through a 64 MiB journal; the longest a write waited: " + slowestMillis + " ms");

        awaitUploaded(UPLOAD_LIMIT);
        for (var file : files.entrySet()) {
            assertArrayEquals(file.getValue(), readAll(file.getKey()), "file " + file.getKey().inodeId());
        }
    }

    /**
     * While clients are at work a block rests 10 s before it is uploaded: no execution is started for it meanwhile (one
     * that would find nothing, idle out and end, again and again, filling the job history), and once they pause it is
     * uploaded.
     */
    @Test
    @Order(5)
    void noExecutionStartsForWritesStillResting() throws InterruptedException {
        awaitUploaded(UPLOAD_LIMIT);
        awaitNoExecutionRunning(Duration.ofSeconds(30));
        AtomicBoolean clientsAtWork = new AtomicBoolean(true);
        Thread client = new Thread(() -> {
            while (clientsAtWork.get()) {
                engine.lastClientRequest().noteAnswered();
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
        }, "a client at work");
        client.start();
        int executionsBefore;
        FileHandle file;
        byte[] data = new byte[MIB + 4321];
        new Random(20261124L).nextBytes(data);
        try {
            executionsBefore = uploadExecutions().size();
            FileHandle root = metadata.root(Share.DEFAULT_NAME);
            file = metadata.create(ROOT, root, ("resting-" + System.nanoTime()).getBytes(StandardCharsets.UTF_8), 0644,
                    CreateMode.GUARDED, 0).node().handle();
            payload.write(ROOT, file, 0, ByteBuffer.wrap(data), Stability.UNSTABLE);
            payload.commit(ROOT, file);
            Thread.sleep(3_000);   // six of the scheduler's ticks
            assertTrue(uploader.hasUnuploadedWrites(), "the write rests while clients are at work");
            List<JobExecution> executions = uploadExecutions();
            assertEquals(executionsBefore, executions.size(), () -> "executions started for resting writes: "
                    + describe(executions));
        } finally {
            clientsAtWork.set(false);
            client.join();
        }
        awaitUploaded(UPLOAD_LIMIT);
        assertTrue(uploadExecutions().size() > executionsBefore, "an execution uploaded it once the clients paused");
        assertArrayEquals(data, readAll(file));
    }

    private void awaitNoExecutionRunning(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (uploadExecutions().stream().anyMatch(e -> BatchExecutions.isRunning(e.getBatchStatus()))) {
            if (System.nanoTime() - deadline > 0) {
                fail("an upload execution still runs after " + limit + ": " + describe(uploadExecutions()));
            }
            Thread.sleep(250);
        }
    }

    private void awaitUploaded(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (uploader.hasUnuploadedWrites()) {
            if (System.nanoTime() - deadline > 0) {
                fail("unuploaded writes remain after " + limit + ": " + uploader.status() + "; executions: "
                        + describe(uploadExecutions()));
            }
            Thread.sleep(250);
        }
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

    private static S3ProxyProcess s3proxy() {
        return S3ProxyProcess.attach(Path.of(System.getenv("CISTERN_IT_S3PROXY_DIR")));
    }

    private static List<JobExecution> uploadExecutions() {
        JobOperator operator = BatchRuntime.getJobOperator();
        if (!operator.getJobNames().contains("upload")) {
            return List.of();
        }
        int instances = operator.getJobInstanceCount("upload");
        return operator.getJobInstances("upload", 0, instances).stream()
                .flatMap(instance -> operator.getJobExecutions(instance).stream())
                .toList();
    }

    private static String describe(List<JobExecution> executions) {
        return executions.stream().map(e -> e.getExecutionId() + ":" + e.getBatchStatus() + "/" + e.getExitStatus())
                .toList().toString();
    }
}
