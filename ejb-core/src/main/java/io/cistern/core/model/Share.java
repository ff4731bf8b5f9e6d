package io.cistern.core.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A tree of files exported over NFS (as /name) and SMB (as \\server\name). */
@Entity
@Table(name = "share")
@SequenceGenerator(name = "share_seq", sequenceName = "share_seq", allocationSize = 10)
public class Share {
    /** The share created at first start. */
    public static final String DEFAULT_NAME = "data";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "share_seq")
    private Long id;

    @Column(nullable = false, unique = true, length = 80)
    private String name;

    @Column(name = "read_only", nullable = false)
    private boolean readOnly;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Share() {
    }

    public Share(String name, Instant createdAt) {
        this.name = name;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    /** The NFS export path of this share. */
    public String getExportPath() {
        return "/" + name;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
