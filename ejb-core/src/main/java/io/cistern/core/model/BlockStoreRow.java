package io.cistern.core.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A block store that shares may keep their blocks in. The store with id {@value #DEFAULT_ID}, named
 * {@value #DEFAULT_NAME}, is the one the environment configures (CISTERN_STORE, CISTERN_S3_*): its row only gives it
 * an id and a name, its definition is read from the settings at each start. Other rows are defined here, by an
 * administrator.
 */
@Entity
@Table(name = "block_store")
@SequenceGenerator(name = "block_store_seq", sequenceName = "block_store_seq", allocationSize = 10)
public class BlockStoreRow {
    /** The id of the store the environment configures, which every share used before stores were several. */
    public static final long DEFAULT_ID = 0;
    public static final String DEFAULT_NAME = "default";
    public static final String FILESYSTEM = "filesystem";
    /** The kind of the default store's row: what it is comes from the environment. */
    public static final String ENVIRONMENT = "environment";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "block_store_seq")
    private Long id;

    @Column(nullable = false, unique = true, length = 80)
    private String name;

    /** {@value #FILESYSTEM}, or {@value #ENVIRONMENT} for the default store. */
    @Column(nullable = false, length = 16)
    private String kind;

    /** A filesystem store's directory, absolute. */
    @Column(length = 4000)
    private String directory;

    @Column(name = "created_at")
    private Instant createdAt;

    protected BlockStoreRow() {
    }

    public BlockStoreRow(String name, String kind, String directory, Instant createdAt) {
        this.name = name;
        this.kind = kind;
        this.directory = directory;
        this.createdAt = createdAt;
    }

    public long getId() { return id; }
    public String getName() { return name; }
    public String getKind() { return kind; }
    public String getDirectory() { return directory; }
    public Instant getCreatedAt() { return createdAt; }

    public boolean isDefault() {
        return id != null && id == DEFAULT_ID;
    }

    public void rename(String newName) {
        this.name = newName;
    }

    public void setDirectory(String directory) {
        this.directory = directory;
    }
}
