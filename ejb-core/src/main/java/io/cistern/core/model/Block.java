package io.cistern.core.model;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One stored block, by its store and content address: the dedup index. Blocks are deduplicated within a store
 * ({@link BlockStoreRow}), so the same bytes in two stores are two rows. {@code refcount} counts the
 * {@link FileBlock} rows naming it (a file's blocks are in its share's store). A block whose count reaches 0 keeps its row, with {@code last_referenced} telling the garbage
 * collector since when nobody needed it.
 *
 * <p>The rows are read and written with SQL only (io.cistern.core.payload.BlockIndex): counts change by
 * upserts that the entity cache would not see, so this mapping exists for the schema and is never cached.
 */
@Entity
@Table(name = "block")
@Cacheable(false)
@IdClass(BlockKey.class)
public class Block {
    /**
     * The store holding the block ({@code block_store.id}). The default is for databases made before stores were
     * several: adding the column fills their rows with the default store's id ({@code DedupIndexMigration} then
     * moves the primary key onto store and hash).
     */
    @Id
    @Column(name = "store_id", nullable = false, columnDefinition = "BIGINT DEFAULT 0 NOT NULL")
    private long storeId;

    /** The SHA-256 of the block's bytes (32 bytes). */
    @Id
    @Column(name = "hash", nullable = false, length = 32)
    private byte[] hash;

    @Column(name = "size", nullable = false)
    private int size;

    @Column(name = "refcount", nullable = false)
    private long refcount;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 16)
    private BlockState state;

    /** timestamptz, because the SQL that writes it uses now(). */
    @Column(name = "last_referenced", nullable = false, columnDefinition = "TIMESTAMP WITH TIME ZONE")
    private Instant lastReferenced;

    protected Block() {
    }

    public long getStoreId() { return storeId; }
    public byte[] getHash() { return hash.clone(); }
    public int getSize() { return size; }
    public long getRefcount() { return refcount; }
    public BlockState getState() { return state; }
    public Instant getLastReferenced() { return lastReferenced; }
}
