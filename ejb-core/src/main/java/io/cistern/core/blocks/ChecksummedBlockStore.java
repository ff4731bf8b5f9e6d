package io.cistern.core.blocks;

/**
 * A store that writes a checksum with each block and can say, when it reads the block back, whether the bytes still
 * match it. {@link VerifyingBlockStore} trusts a block whose checksum holds and computes its SHA-256 only when it does
 * not (a block written before checksums were kept, or a damaged one).
 * <p>
 * Why a second, weaker check is enough here: the checksum is written by this server, from the very bytes whose
 * SHA-256 the uploader just computed, into a file only it writes. What threatens such a file at rest is the medium
 * and the file system (flipped bits, torn or misdirected writes, truncation), and CRC32C catches every burst of up to
 * 32 bits and all but one in 2^32 random damages, at about 30 times the speed of SHA-256. A store other parties can
 * write (an S3 bucket) does not implement this: its blocks are checked against their address every time. The audit
 * job re-checks every block against its SHA-256 whatever the store.
 */
public interface ChecksummedBlockStore extends BlockStore {

    /** The block as stored, and what its checksum says about it. {@code NOT_FOUND} when it is absent. */
    ChecksummedRead getChecksummed(BlockHash hash);

    /** What a read found. */
    enum Checksum {
        /** The bytes match the checksum written with them. */
        HOLDS,
        /** A checksum was written with the block and the bytes (or the checksum itself) no longer match it. */
        BROKEN,
        /** The block was stored without a checksum. */
        ABSENT
    }

    /** A block's bytes as read (never including the checksum), and whether its checksum holds. */
    record ChecksummedRead(byte[] block, Checksum checksum) {
    }
}
