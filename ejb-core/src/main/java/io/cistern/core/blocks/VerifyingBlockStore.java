package io.cistern.core.blocks;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Checks every block read from a store against its address. Disks rot and objects get overwritten; a
 * mismatch must be an error that is logged and counted, never data handed to a client.
 *
 * <p>A ranged read fetches and verifies the whole block and then slices it: a range alone cannot be checked
 * against a hash of the whole. That costs up to 4 MiB of transfer for a small read; correctness first, the
 * read cache above this is what makes repeated ranges cheap.
 */
public final class VerifyingBlockStore implements BlockStore {
    private static final Logger LOG = Logger.getLogger(VerifyingBlockStore.class.getName());

    private final BlockStore delegate;
    private final AtomicLong corruptBlocks = new AtomicLong();

    public VerifyingBlockStore(BlockStore delegate) {
        this.delegate = delegate;
    }

    /** How many reads found a block whose bytes did not match its hash, since this store was made. */
    public long corruptBlocks() {
        return corruptBlocks.get();
    }

    @Override
    public byte[] get(BlockHash hash) {
        MessageDigest digest = BlockHash.newDigest();
        byte[] block = delegate.get(hash, digest);
        if (!MessageDigest.isEqual(hash.bytes(), digest.digest())) {
            corruptBlocks.incrementAndGet();
            LOG.log(Level.WARNING, "corrupt block {0} in {1}: its {2} bytes do not hash to its address",
                    new Object[] {hash, delegate.describe(), Integer.toString(block.length)});
            throw new BlockStoreException(BlockStoreException.Kind.CORRUPT,
                    "block " + hash + " in " + delegate.describe() + " is corrupt: its content does not match its hash");
        }
        return block;
    }

    @Override
    public byte[] get(BlockHash hash, long offset, int length) {
        Blocks.checkRange(offset, length);
        return Blocks.slice(get(hash), offset, length);
    }

    @Override
    public void put(BlockHash hash, ByteBuffer data) {
        delegate.put(hash, data);
    }

    @Override
    public boolean exists(BlockHash hash) {
        return delegate.exists(hash);
    }

    @Override
    public void delete(BlockHash hash) {
        delegate.delete(hash);
    }

    @Override
    public Stream<StoredBlock> list() {
        return delegate.list();
    }

    @Override
    public String describe() {
        return delegate.describe() + " (verified)";
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return describe();
    }
}
