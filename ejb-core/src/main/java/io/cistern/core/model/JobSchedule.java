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
 * A maintenance job's schedule as an administrator set it: a setting kept in the database, so that it survives
 * restarts and is changed through the API. A job without a row runs on its default schedule.
 */
@Entity
@Table(name = "job_schedule")
@Cacheable(false)
public class JobSchedule {
    @Id
    @Column(name = "job", length = 32)
    private String job;

    /** Cron-like ({@code io.cistern.core.schedule.CronSchedule}), or {@code off}. */
    @Column(name = "expression", nullable = false, length = 200)
    private String expression;

    /* OffsetDateTime, not Instant: this EclipseLink stores an Instant as serialized bytes, which SQL cannot read */
    @Column(name = "changed_at", nullable = false, columnDefinition = "TIMESTAMP WITH TIME ZONE")
    private OffsetDateTime changedAt;

    @Column(name = "changed_by", nullable = false, length = 64)
    private String changedBy;

    protected JobSchedule() {
    }

    public JobSchedule(String job) {
        this.job = job;
    }

    public String getJob() { return job; }
    public String getExpression() { return expression; }
    public Instant getChangedAt() { return changedAt.toInstant(); }
    public String getChangedBy() { return changedBy; }

    public void set(String newExpression, String by, Instant at) {
        this.expression = newExpression;
        this.changedBy = by;
        this.changedAt = at.atOffset(ZoneOffset.UTC);
    }
}
