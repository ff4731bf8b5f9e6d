package io.cistern.core.blocks;

import io.cistern.core.blocks.ChecksummedBlockStore.Checksum;
import io.cistern.core.blocks.ChecksummedBlockStore.ChecksummedRead;
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
 * <p>A {@link ChecksummedBlockStore} checks its blocks itself against a checksum written with them; a block whose
 * checksum holds is trusted without computing its SHA-256, which would cap reads at the speed of one core hashing
 * (about 1.6 GB/s here). Any other block, and every block of any other store, is hashed.
 *
 * <p>A ranged read fetches and verifies the whole block and then slices it: a range alone cannot be checked
 * against a hash of the whole. That costs up to 4 MiB of transfer for a small read; correctness first, the
 * read cache above this is what makes repeated ranges cheap.
 */
public final class VerifyingBlockStore implements BlockStore {
    private static final Logger LOG = Logger.getLogger(VerifyingBlockStore.class.getName());

    private final BlockStore delegate;
    private final AtomicLong corruptBlocks = new AtomicLong();
    private final AtomicLong brokenChecksums = new AtomicLong();

    public VerifyingBlockStore(BlockStore delegate) {
        this.delegate = delegate;
    }

    /** How many reads found a block whose bytes did not match its hash, since this store was made. */
    public long corruptBlocks() {
        return corruptBlocks.get();
    }

    /** How many reads found a block's own checksum broken but its bytes matching its hash: damaged checksums. */
    public long brokenChecksums() {
        return brokenChecksums.get();
    }

    @Override
    public byte[] get(BlockHash hash) {
        if (delegate instanceof ChecksummedBlockStore checksummed) {
            return getChecksummed(checksummed, hash);
        }
        MessageDigest digest = BlockHash.newDigest();
        byte[] block = delegate.get(hash, digest);
        return verified(hash, block, digest);
    }

    private byte[] getChecksummed(ChecksummedBlockStore checksummed, BlockHash hash) {
        ChecksummedRead read = checksummed.getChecksummed(hash);
        if (read.checksum() == Checksum.HOLDS) {
            return read.block();
        }
        MessageDigest digest = BlockHash.newDigest();
        digest.update(read.block());
        byte[] block = verified(hash, read.block(), digest);
        if (read.checksum() == Checksum.BROKEN) {
            brokenChecksums.incrementAndGet();
            LOG.log(Level.WARNING, "the checksum stored with block {0} in {1} is damaged; its content is intact",
                    new Object[] {hash, delegate.describe()});
        }
        return block;
    }

    /** The block when {@code digest}, fed with its bytes, matches its address; else it is counted as corrupt. */
    private byte[] verified(BlockHash hash, byte[] block, MessageDigest digest) {
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
    public Stream<StoredBlock> listInOrder(BlockHash after) {
        return delegate.listInOrder(after);
    }

    /**
     * The store underneath, whose reads are not checked: for the audit, which hashes every block itself and must not
     * trust a checksum that holds.
     */
    public BlockStore unverified() {
        return delegate;
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
