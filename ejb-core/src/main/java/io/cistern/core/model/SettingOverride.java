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
 * A setting an administrator changed while the server ran: it wins over the environment and the default until it is
 * removed (then the environment's value counts again). Only settings that may change at run time get a row.
 */
@Entity
@Table(name = "setting_override")
@Cacheable(false)
public class SettingOverride {
    @Id
    @Column(name = "name", length = 64)
    private String name;

    @Column(name = "value", nullable = false, length = 200)
    private String value;

    /* OffsetDateTime, not Instant: this EclipseLink stores an Instant as serialized bytes, which SQL cannot read */
    @Column(name = "changed_at", nullable = false, columnDefinition = "TIMESTAMP WITH TIME ZONE")
    private OffsetDateTime changedAt;

    @Column(name = "changed_by", nullable = false, length = 64)
    private String changedBy;

    protected SettingOverride() {
    }

    public SettingOverride(String name) {
        this.name = name;
    }

    public String getName() { return name; }
    public String getValue() { return value; }
    public Instant getChangedAt() { return changedAt.toInstant(); }
    public String getChangedBy() { return changedBy; }

    public void set(String newValue, String by, Instant at) {
        this.value = newValue;
        this.changedBy = by;
        this.changedAt = at.atOffset(ZoneOffset.UTC);
    }
}
