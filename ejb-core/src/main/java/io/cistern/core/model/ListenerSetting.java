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
 * Whether an administrator wants a protocol's listener (NFS or SMB) open: a setting kept in the database, so that a
 * listener switched off stays off across restarts. A protocol without a row is enabled.
 */
@Entity
@Table(name = "listener_setting")
@Cacheable(false)
public class ListenerSetting {
    @Id
    @Column(name = "protocol", length = 8)
    private String protocol;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    /* OffsetDateTime, not Instant: this EclipseLink stores an Instant as serialized bytes, which SQL cannot read */
    @Column(name = "changed_at", nullable = false, columnDefinition = "TIMESTAMP WITH TIME ZONE")
    private OffsetDateTime changedAt;

    @Column(name = "changed_by", nullable = false, length = 64)
    private String changedBy;

    protected ListenerSetting() {
    }

    public ListenerSetting(String protocol) {
        this.protocol = protocol;
    }

    public String getProtocol() { return protocol; }
    public boolean isEnabled() { return enabled; }
    public Instant getChangedAt() { return changedAt.toInstant(); }
    public String getChangedBy() { return changedBy; }

    public void set(boolean newEnabled, String by, Instant at) {
        this.enabled = newEnabled;
        this.changedBy = by;
        this.changedAt = at.atOffset(ZoneOffset.UTC);
    }
}
