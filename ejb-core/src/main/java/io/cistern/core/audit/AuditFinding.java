package io.cistern.core.audit;

import io.cistern.core.blocks.BlockHash;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One thing an audit execution found wrong with one block. The rows are the audit's report: an administrator reads
 * them by execution, each saying whether the audit repaired it. {@code recordedRefcount} and {@code countedReferences} are set for
 * {@link FindingKind#REFCOUNT_MISMATCH} only ({@code recordedRefcount} null there when the block has no row at all).
 */
@Entity
@Table(name = "audit_finding", indexes = @Index(name = "audit_finding_execution", columnList = "execution_id"))
@SequenceGenerator(name = "audit_finding_seq", sequenceName = "audit_finding_seq", allocationSize = 50)
@Cacheable(false)
public class AuditFinding {
    /** Longest detail kept: a reason and a few affected paths, not a listing. */
    public static final int DETAIL_LENGTH = 2000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_finding_seq")
    private Long id;

    /** The batch job execution that found it. */
    @Column(name = "execution_id", nullable = false)
    private long executionId;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 24)
    private FindingKind kind;

    @Column(name = "hash", nullable = false, length = 32)
    private byte[] hash;

    /** The store the block is in ({@code block_store.id}); null in rows written before every store was audited. */
    @Column(name = "store_id")
    private Long storeId;

    @Column(name = "recorded_refcount")
    private Long recordedRefcount;

    @Column(name = "counted_references")
    private Long countedReferences;

    @Column(name = "detail", length = DETAIL_LENGTH)
    private String detail;

    @Column(name = "found_at", nullable = false)
    private Instant foundAt;

    /** Whether an audit run with repair fixed it (the detail then says how). */
    @Column(name = "repaired", nullable = false)
    private boolean repaired;

    protected AuditFinding() {
    }

    public AuditFinding(long executionId, FindingKind kind, BlockHash hash, Long recordedRefcount,
                        Long countedReferences, String detail, Instant foundAt) {
        this(executionId, kind, 0, hash, recordedRefcount, countedReferences, detail, foundAt);
    }

    public AuditFinding(long executionId, FindingKind kind, long storeId, BlockHash hash, Long recordedRefcount,
                        Long countedReferences, String detail, Instant foundAt) {
        this.storeId = storeId;
        this.executionId = executionId;
        this.kind = kind;
        this.hash = hash.bytes();
        this.recordedRefcount = recordedRefcount;
        this.countedReferences = countedReferences;
        this.detail = clipped(detail);
        this.foundAt = foundAt;
    }

    /** What a repair did about it (or why it did nothing), added to the detail; {@code repaired} when it is fixed. */
    public void repairOutcome(boolean repaired, String outcome) {
        this.repaired = repaired;
        this.detail = clipped(detail == null ? outcome : outcome + ". " + detail);
    }

    private static String clipped(String detail) {
        return detail == null || detail.length() <= DETAIL_LENGTH ? detail : detail.substring(0, DETAIL_LENGTH - 1) + "…";
    }

    public Long getId() { return id; }
    public long getExecutionId() { return executionId; }
    public FindingKind getKind() { return kind; }
    public BlockHash getHash() { return new BlockHash(hash); }
    /** The block's store; the default one (0) for rows written before every store was audited. */
    public long getStoreId() { return storeId == null ? 0 : storeId; }
    public Long getRecordedRefcount() { return recordedRefcount; }
    public Long getCountedReferences() { return countedReferences; }
    public String getDetail() { return detail; }
    public Instant getFoundAt() { return foundAt; }
    public boolean isRepaired() { return repaired; }

    @Override
    public String toString() {
        return kind + " " + new BlockHash(hash).hex()
                + (getStoreId() == 0 ? "" : " in store " + getStoreId())
                + (kind == FindingKind.REFCOUNT_MISMATCH ? " (recorded " + recordedRefcount + ", counted "
                        + countedReferences + ")" : "")
                + (detail == null ? "" : ": " + detail);
    }
}
