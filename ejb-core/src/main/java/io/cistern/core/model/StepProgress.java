package io.cistern.core.model;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * How far one step of one batch job execution had got at its last checkpoint: the items (and, where items have a
 * size, the bytes) its committed chunks read. Written in each chunk's transaction, so it is exactly what the
 * checkpoint covers, also for an execution that a crash cut short; the batch runtime itself records a step's counts
 * only when the step ends.
 */
@Entity
@Table(name = "step_progress")
@IdClass(StepProgress.Key.class)
@Cacheable(false)
public class StepProgress {
    /** The primary key: an execution and one of its steps. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private long executionId;
        private String stepName;

        public Key() {
        }

        public Key(long executionId, String stepName) {
            this.executionId = executionId;
            this.stepName = stepName;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.executionId == executionId && Objects.equals(key.stepName, stepName);
        }

        @Override
        public int hashCode() {
            return Objects.hash(executionId, stepName);
        }
    }

    @Id
    @Column(name = "execution_id")
    private long executionId;

    @Id
    @Column(name = "step_name", length = 128)
    private String stepName;

    @Column(name = "items", nullable = false)
    private long items;

    @Column(name = "bytes", nullable = false)
    private long bytes;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected StepProgress() {
    }

    public StepProgress(long executionId, String stepName) {
        this.executionId = executionId;
        this.stepName = stepName;
    }

    /** The step's counts as of the checkpoint being committed. */
    public void update(long items, long bytes, Instant at) {
        this.items = items;
        this.bytes = bytes;
        this.updatedAt = at;
    }

    public long getExecutionId() { return executionId; }
    public String getStepName() { return stepName; }
    public long getItems() { return items; }
    public long getBytes() { return bytes; }
    public Instant getUpdatedAt() { return updatedAt; }
}
