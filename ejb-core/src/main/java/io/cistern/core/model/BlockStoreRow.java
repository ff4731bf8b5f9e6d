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
 * administrator: a filesystem store by its directory, an S3 store by its endpoint, bucket, prefix, region, addressing
 * and credentials, the latter sealed under the credential key ({@code CredentialVault}), never in plain text.
 */
@Entity
@Table(name = "block_store")
@SequenceGenerator(name = "block_store_seq", sequenceName = "block_store_seq", allocationSize = 10)
public class BlockStoreRow {
    /** The id of the store the environment configures, which every share used before stores were several. */
    public static final long DEFAULT_ID = 0;
    public static final String DEFAULT_NAME = "default";
    public static final String FILESYSTEM = "filesystem";
    public static final String S3 = "s3";
    /** The names the credentials are sealed for (associated data), one per column. */
    public static final String ACCESS_KEY = "access_key";
    public static final String SECRET_KEY = "secret_key";
    /** The kind of the default store's row: what it is comes from the environment. */
    public static final String ENVIRONMENT = "environment";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "block_store_seq")
    private Long id;

    @Column(nullable = false, unique = true, length = 80)
    private String name;

    /** {@value #FILESYSTEM}, {@value #S3}, or {@value #ENVIRONMENT} for the default store. */
    @Column(nullable = false, length = 16)
    private String kind;

    /** A filesystem store's directory, absolute. */
    @Column(length = 4000)
    private String directory;

    /** An S3 store's endpoint; null for AWS itself. */
    @Column(length = 2000)
    private String endpoint;

    @Column(length = 63)
    private String bucket;

    @Column(length = 1024)
    private String prefix;

    @Column(length = 64)
    private String region;

    @Column(name = "path_style")
    private Boolean pathStyle;

    /** The access key id, sealed; null with the secret for the AWS SDK's default credentials chain. */
    @Column(name = "access_key_sealed")
    private byte[] accessKeySealed;

    /** The secret key, sealed; never shown, logged or audited. */
    @Column(name = "secret_key_sealed")
    private byte[] secretKeySealed;

    /** The access key id masked as the API shows it (never enough to use): kept so that a view need not open it. */
    @Column(name = "access_key_masked", length = 16)
    private String accessKeyMasked;

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

    public String getEndpoint() { return endpoint; }
    public String getBucket() { return bucket; }
    public String getPrefix() { return prefix; }
    public String getRegion() { return region; }
    public Boolean getPathStyle() { return pathStyle; }
    public String getAccessKeyMasked() { return accessKeyMasked; }

    public byte[] getAccessKeySealed() {
        return accessKeySealed == null ? null : accessKeySealed.clone();
    }

    public byte[] getSecretKeySealed() {
        return secretKeySealed == null ? null : secretKeySealed.clone();
    }

    /** Where an S3 store's blocks are and how to reach them. */
    public void setS3Location(String endpoint, String bucket, String prefix, String region, boolean pathStyle) {
        this.endpoint = endpoint;
        this.bucket = bucket;
        this.prefix = prefix;
        this.region = region;
        this.pathStyle = pathStyle;
    }

    /** Sealed credentials (both null: the default chain) and the key id's mask. */
    public void setS3Credentials(byte[] accessKeySealed, byte[] secretKeySealed, String accessKeyMasked) {
        this.accessKeySealed = accessKeySealed == null ? null : accessKeySealed.clone();
        this.secretKeySealed = secretKeySealed == null ? null : secretKeySealed.clone();
        this.accessKeyMasked = accessKeyMasked;
    }
}
