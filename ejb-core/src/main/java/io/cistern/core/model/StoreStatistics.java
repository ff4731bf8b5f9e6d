package io.cistern.core.model;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The figures of one block store as the statistics job last computed them: what the store really holds (its listing:
 * objects and their stored bytes) and what the dedup index says is still referenced. The difference is garbage
 * waiting for collection, or objects the index does not know. Never cached, for the reason {@link ShareStatistics}
 * gives.
 */
@Entity
@Table(name = "store_statistics")
@Cacheable(false)
public class StoreStatistics {
    /**
     * The store's name ({@code block_store.name}; {@code default} for the environment's). Rows written before stores
     * were several are keyed by the default store's kind; the next run removes them with those of deleted stores.
     */
    @Id
    @Column(name = "store", length = 80)
    private String store;

    /** {@code filesystem} or {@code s3}; null in a row written before stores were several. */
    @Column(name = "kind", length = 16)
    private String kind;

    /** What the files of the shares on the store hold; null in a row written before stores were several. */
    @Column(name = "logical_bytes")
    private Long logicalBytes;

    /** The regular files of the shares on the store; null in a row written before stores were several. */
    @Column(name = "files")
    private Long files;

    /** Where it is ({@code BlockStore.describe()}: never credentials). */
    @Column(name = "location", nullable = false, length = 1000)
    private String location;

    @Column(name = "physical_bytes", nullable = false)
    private long physicalBytes;

    @Column(name = "blocks", nullable = false)
    private long blocks;

    @Column(name = "referenced_bytes", nullable = false)
    private long referencedBytes;

    @Column(name = "referenced_blocks", nullable = false)
    private long referencedBlocks;

    /* OffsetDateTime, not Instant: this EclipseLink stores an Instant as serialized bytes, which SQL cannot read */
    @Column(name = "computed_at", nullable = false, columnDefinition = "TIMESTAMP WITH TIME ZONE")
    private OffsetDateTime computedAt;

    protected StoreStatistics() {
    }

    public StoreStatistics(String store) {
        this.store = store;
    }

    public String getStore() { return store; }
    public String getKind() { return kind; }
    public long getLogicalBytes() { return logicalBytes == null ? 0 : logicalBytes; }
    public long getFiles() { return files == null ? 0 : files; }
    public String getLocation() { return location; }
    public long getPhysicalBytes() { return physicalBytes; }
    public long getBlocks() { return blocks; }
    public long getReferencedBytes() { return referencedBytes; }
    public long getReferencedBlocks() { return referencedBlocks; }
    public Instant getComputedAt() { return computedAt.toInstant(); }

    /** Replaces every figure at once. */
    public void set(String storeKind, String where, long physical, long objects, long referenced, long referencedCount,
                    long logical, long fileCount, Instant at) {
        this.kind = storeKind;
        this.logicalBytes = logical;
        this.files = fileCount;
        this.location = where;
        this.physicalBytes = physical;
        this.blocks = objects;
        this.referencedBytes = referenced;
        this.referencedBlocks = referencedCount;
        this.computedAt = at.atOffset(ZoneOffset.UTC);
    }
}
