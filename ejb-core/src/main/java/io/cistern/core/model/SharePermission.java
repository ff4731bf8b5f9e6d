package io.cistern.core.model;

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
import jakarta.persistence.UniqueConstraint;

/**
 * One user's or one group's level in one share. A share without any row is open to every authenticated account; with
 * rows, an account gets the highest level of its own row and its groups' rows, and none without any.
 */
@Entity
@Table(name = "share_permission",
        uniqueConstraints = @UniqueConstraint(name = "share_permission_principal",
                columnNames = {"share_id", "principal_kind", "principal_id"}),
        indexes = @Index(name = "share_permission_share", columnList = "share_id"))
@SequenceGenerator(name = "share_permission_seq", sequenceName = "share_permission_seq", allocationSize = 10)
public class SharePermission {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "share_permission_seq")
    private Long id;

    @Column(name = "share_id", nullable = false)
    private long shareId;

    @Enumerated(EnumType.STRING)
    @Column(name = "principal_kind", nullable = false, length = 8)
    private PrincipalKind principalKind;

    /** The id of the {@link UserAccount} or {@link UserGroup} row. */
    @Column(name = "principal_id", nullable = false)
    private long principalId;

    @Enumerated(EnumType.STRING)
    @Column(name = "level", nullable = false, length = 16)
    private ShareAccess level;

    protected SharePermission() {
    }

    public SharePermission(long shareId, PrincipalKind principalKind, long principalId, ShareAccess level) {
        this.shareId = shareId;
        this.principalKind = principalKind;
        this.principalId = principalId;
        this.level = level;
    }

    public Long getId() {
        return id;
    }

    public long getShareId() {
        return shareId;
    }

    public PrincipalKind getPrincipalKind() {
        return principalKind;
    }

    public long getPrincipalId() {
        return principalId;
    }

    public ShareAccess getLevel() {
        return level;
    }

    public void setLevel(ShareAccess level) {
        this.level = level;
    }
}
