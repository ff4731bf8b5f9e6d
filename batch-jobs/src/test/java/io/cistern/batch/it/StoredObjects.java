package io.cistern.batch.it;

import io.cistern.core.blocks.BlockHash;
import io.cistern.core.blocks.FilesystemBlockStore;
import io.cistern.core.it.S3ProxyProcess;
import io.cistern.core.payload.PayloadEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a stored block's bytes lie on this machine, on either store, for tests that damage them behind Cistern's
 * back: a block file under the filesystem store's root, or the file S3Proxy's filesystem provider keeps the object in
 * (its data directory, then the bucket, then the key; these tests use no key prefix).
 */
final class StoredObjects {
    private StoredObjects() {
    }

    static boolean onFilesystemStore(PayloadEngine engine) {
        return engine.store().unverified() instanceof FilesystemBlockStore;
    }

    /** The file that holds the block's stored bytes (with the filesystem store's trailer after them there). */
    static Path fileOf(PayloadEngine engine, BlockHash hash) {
        if (engine.store().unverified() instanceof FilesystemBlockStore filesystem) {
            return filesystem.root().resolve(hash.shardedPath());
        }
        Path s3proxy = S3ProxyProcess.attach(Path.of(System.getenv("CISTERN_IT_S3PROXY_DIR"))).dataDirectory();
        return s3proxy.resolve(System.getenv("CISTERN_S3_BUCKET")).resolve(hash.shardedPath());
    }

    /**
     * Flips a bit of byte {@code offset} of the stored object, leaving everything else as it is: on the filesystem
     * store the CRC32C trailer then no longer holds, which is what damage at rest looks like.
     */
    static void flipByte(PayloadEngine engine, BlockHash hash, int offset) throws IOException {
        Path file = fileOf(engine, hash);
        byte[] bytes = Files.readAllBytes(file);
        bytes[offset] ^= 0x01;
        Files.write(file, bytes);
    }
}
