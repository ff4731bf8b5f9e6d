package io.cistern.core.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The one row that identifies this installation, created at first start. Its secret keys the MACs of
 * NFS file handles, so handles stay valid across restarts and cannot be forged.
 */
@Entity
@Table(name = "installation")
public class Installation {
    /** There is exactly one installation row. */
    public static final long SINGLETON_ID = 1L;

    @Id
    private Long id;

    @Column(name = "installation_id", nullable = false, updatable = false)
    private UUID installationId;

    @Column(name = "smb_server_guid", nullable = false, updatable = false)
    private UUID smbServerGuid;

    @Column(name = "handle_secret", nullable = false, updatable = false, length = 32)
    private byte[] handleSecret;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Installation() {
    }

    public Installation(UUID installationId, UUID smbServerGuid, byte[] handleSecret, Instant createdAt) {
        this.id = SINGLETON_ID;
        this.installationId = installationId;
        this.smbServerGuid = smbServerGuid;
        this.handleSecret = handleSecret.clone();
        this.createdAt = createdAt;
    }

    public UUID getInstallationId() {
        return installationId;
    }

    public UUID getSmbServerGuid() {
        return smbServerGuid;
    }

    public byte[] getHandleSecret() {
        return handleSecret.clone();
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
