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
 * The space figures of one share as the statistics job last computed them from {@code file_block}, {@code block} and
 * {@code inode}: what the API and the metrics show, so that reading them costs one small query, not a scan. Nothing
 * else writes these rows; the job rewrites them from scratch each run. Never cached, so that a row changed behind
 * JPA's back (a test planting drift) is what the next read sees.
 */
@Entity
@Table(name = "share_statistics")
@Cacheable(false)
public class ShareStatistics {
    @Id
    @Column(name = "share_id")
    private Long shareId;

    /** The share's name when computed, so that a row outliving its share still says whose it was. */
    @Column(name = "share_name", nullable = false, length = 80)
    private String shareName;

    @Column(name = "logical_bytes", nullable = false)
    private long logicalBytes;

    @Column(name = "unique_bytes", nullable = false)
    private long uniqueBytes;

    @Column(name = "files", nullable = false)
    private long files;

    @Column(name = "blocks", nullable = false)
    private long blocks;

    /* OffsetDateTime, not Instant: this EclipseLink stores an Instant as serialized bytes, which SQL cannot read */
    @Column(name = "computed_at", nullable = false, columnDefinition = "TIMESTAMP WITH TIME ZONE")
    private OffsetDateTime computedAt;

    protected ShareStatistics() {
    }

    public ShareStatistics(long shareId) {
        this.shareId = shareId;
    }

    public long getShareId() { return shareId; }
    public String getShareName() { return shareName; }
    public long getLogicalBytes() { return logicalBytes; }
    public long getUniqueBytes() { return uniqueBytes; }
    public long getFiles() { return files; }
    public long getBlocks() { return blocks; }
    public Instant getComputedAt() { return computedAt.toInstant(); }

    /** Replaces every figure at once: a row is always one computation, never a mix of two. */
    public void set(String name, long logical, long unique, long fileCount, long blockCount, Instant at) {
        this.shareName = name;
        this.logicalBytes = logical;
        this.uniqueBytes = unique;
        this.files = fileCount;
        this.blocks = blockCount;
        this.computedAt = at.atOffset(ZoneOffset.UTC);
    }
}
