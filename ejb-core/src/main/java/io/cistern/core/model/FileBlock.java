package io.cistern.core.model;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * Block {@code blockIndex} (4 MiB by offset) of a file is the {@link Block} {@code hash}, of which the file
 * uses {@code length} bytes. Holes have no row. The index on hash serves the reverse questions (who uses this
 * block, unique bytes of a share). The key is (inode_id, block_index), in that order, since every other question
 * names a file: EclipseLink makes it in name order, and io.cistern.core.schema.FileBlockKeyMigration turns it round.
 *
 * <p>Written with SQL only (io.cistern.core.payload.BlockIndex), together with the refcounts, so never cached.
 */
@Entity
@Table(name = "file_block", indexes = @Index(name = "file_block_hash", columnList = "hash"))
@IdClass(FileBlockKey.class)
@Cacheable(false)
public class FileBlock {
    @Id
    @Column(name = "inode_id", nullable = false)
    private long inodeId;

    @Id
    @Column(name = "block_index", nullable = false)
    private long blockIndex;

    @Column(name = "hash", nullable = false, length = 32)
    private byte[] hash;

    @Column(name = "length", nullable = false)
    private int length;

    protected FileBlock() {
    }

    public long getInodeId() { return inodeId; }
    public long getBlockIndex() { return blockIndex; }
    public byte[] getHash() { return hash.clone(); }
    public int getLength() { return length; }
}
