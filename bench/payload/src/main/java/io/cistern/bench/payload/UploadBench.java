package io.cistern.bench.payload;

import io.cistern.core.blocks.BlockStore;
import io.cistern.core.blocks.FilesystemBlockStore;
import io.cistern.core.blocks.S3BlockStore;
import io.cistern.core.blocks.S3StoreConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Puts of distinct 4 MiB blocks to S3Proxy through {@link S3BlockStore} (as the uploader will), from 1 and
 * from 4 threads, against the same puts into a {@link FilesystemBlockStore} on the same disk: that peer
 * shows what the S3 path costs over writing the blocks locally.
 */
final class UploadBench {
    private static final String BUCKET = "cistern-bench";
    private static final List<Integer> THREAD_COUNTS = List.of(1, 4);

    private final Path filesystemRoot;
    private final S3StoreConfig s3Config;
    private final int blockCount;
    private final int runs;
    private final long bytes;

    UploadBench(Path filesystemRoot, URI s3Endpoint, String identity, String credential, int blockCount, int runs) {
        this.filesystemRoot = filesystemRoot;
        this.s3Config = new S3StoreConfig(s3Endpoint, S3StoreConfig.DEFAULT_REGION, BUCKET, "blocks/", true, identity,
                credential, Duration.ofSeconds(60), 3);
        this.blockCount = blockCount;
        this.runs = runs;
        this.bytes = (long) blockCount * BlockStore.MAX_BLOCK;
    }

    void run(Report report) throws Exception {
        System.out.printf("upload: %d random blocks of 4 MiB to %s, %d runs%n", blockCount, s3Config.endpoint(), runs);
        createBucket();
        List<RandomBlocks.Block> blocks = new ArrayList<>(blockCount);
        for (int i = 0; i < blockCount; i++) {
            blocks.add(RandomBlocks.Block.ofSeed(2_000_000L + i));
        }
        try (BlockStore s3 = new S3BlockStore(s3Config); BlockStore filesystem = new FilesystemBlockStore(filesystemRoot)) {
            // unmeasured: JIT-compiles both clients and S3Proxy, opens the connections, and leaves every
            // shard directory in place, so that no measured run creates more directories than another
            for (BlockStore store : List.of(s3, filesystem)) {
                putAllNanos(store, blocks, THREAD_COUNTS.get(THREAD_COUNTS.size() - 1));
                deleteAll(store, blocks);
            }
            for (int threads : THREAD_COUNTS) {
                Runs s3Runs = new Runs("S3BlockStore -> S3Proxy, " + threadsText(threads));
                Runs filesystemRuns = new Runs("FilesystemBlockStore, " + threadsText(threads));
                measure(s3, s3Runs, filesystem, filesystemRuns, blocks, threads);
                report.add(Report.Figure.of("upload to S3Proxy, " + threadsText(threads), s3Runs,
                        "FilesystemBlockStore put, " + threadsText(threads), filesystemRuns, "S3/fs", null));
            }
        } finally {
            Trees.delete(filesystemRoot);
        }
        report.note("S3Proxy 4.1.0's filesystem store never fsyncs (its nio2 blob store has no force call): an S3 put "
                + "is acknowledged from S3Proxy's page cache, while a FilesystemBlockStore put forces the block and its "
                + "directory. S3Proxy runs on the same " + Runtime.getRuntime().availableProcessors()
                + " cores as the client; the sync between runs writes its data back outside the clock.");
    }

    /** Both stores in turn, settled before each and emptied after each; who goes first alternates. */
    private void measure(BlockStore s3, Runs s3Runs, BlockStore filesystem, Runs filesystemRuns,
            List<RandomBlocks.Block> blocks, int threads) throws Exception {
        for (int run = 0; run < runs; run++) {
            boolean s3First = run % 2 == 0;
            for (int side = 0; side < 2; side++) {
                boolean s3Turn = s3First == (side == 0);
                BlockStore store = s3Turn ? s3 : filesystem;
                Processes.settle();
                long nanos = putAllNanos(store, blocks, threads);
                (s3Turn ? s3Runs : filesystemRuns).add(bytes, nanos);
                deleteAll(store, blocks);
            }
        }
    }

    /** Every block once, {@code threads} putting at a time, each taking the next block not yet taken. */
    private static long putAllNanos(BlockStore store, List<RandomBlocks.Block> blocks, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicInteger next = new AtomicInteger();
            Callable<Void> putter = () -> {
                for (int i = next.getAndIncrement(); i < blocks.size(); i = next.getAndIncrement()) {
                    store.put(blocks.get(i).hash(), blocks.get(i).data());
                }
                return null;
            };
            long start = System.nanoTime();
            List<Future<Void>> putters = pool.invokeAll(Collections.nCopies(threads, putter));
            long elapsed = System.nanoTime() - start;
            for (Future<Void> finished : putters) {
                finished.get(); // a failed put fails the bench rather than counting as a fast one
            }
            return elapsed;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Both stores skip a block they hold already, so the next run would measure nothing without this. */
    private static void deleteAll(BlockStore store, List<RandomBlocks.Block> blocks) {
        blocks.forEach(block -> store.delete(block.hash()));
    }

    /** S3BlockStore expects its bucket to exist; creating it is the operator's job, here ours. */
    private void createBucket() {
        try (S3Client client = S3Client.builder().endpointOverride(s3Config.endpoint()).region(Region.of(s3Config.region()))
                .forcePathStyle(true).httpClientBuilder(Apache5HttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(s3Config.accessKey(), s3Config.secretKey())))
                .build()) {
            client.createBucket(b -> b.bucket(BUCKET));
        }
    }

    private static String threadsText(int threads) {
        return threads == 1 ? "1 thread" : threads + " threads";
    }
}
