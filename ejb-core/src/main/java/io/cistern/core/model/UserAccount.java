package io.cistern.core.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * A person or service that logs in to the console or a share. The password is kept only as a PBKDF2 hash, and for
 * NTLM (SMB) as its NT hash sealed under the key outside the database ({@link io.cistern.core.service.CredentialVault}).
 */
@Entity
@Table(name = "user_account")
@SequenceGenerator(name = "user_account_seq", sequenceName = "user_account_seq", allocationSize = 10)
public class UserAccount {
    /** The administrator created at first start. */
    public static final String ADMIN = "admin";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "user_account_seq")
    private Long id;

    @Column(nullable = false, unique = true, length = 64)
    private String username;

    @Column(nullable = false, unique = true)
    private int uid;

    /** The primary group: new files get it unless their directory is setgid. */
    @Column(name = "gid")
    private int gid;

    /** Supplementary groups. */
    @ManyToMany
    @JoinTable(name = "group_membership",
            joinColumns = @JoinColumn(name = "user_id"), inverseJoinColumns = @JoinColumn(name = "group_id"))
    private Set<UserGroup> groups = new HashSet<>();

    @Column(name = "password_hash", nullable = false, length = 512)
    private String passwordHash;

    /**
     * The NT hash of the password, sealed (AES-256-GCM, bound to the username); null for accounts whose password was
     * set before NT hashes were kept, which cannot log on over SMB until it is set again.
     */
    @Column(name = "nt_hash_sealed")
    private byte[] ntHashSealed;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    /**
     * The admin API role. Nullable in the schema only because create-or-extend-tables adds the column to existing
     * installations without a value; the Installer fills it in at start (admin for 'admin', viewer for the rest).
     */
    @Enumerated(EnumType.STRING)
    @Column(name = "admin_role", length = 16)
    private AdminRole role;

    protected UserAccount() {
    }

    public UserAccount(String username, int uid, int gid, String passwordHash, Instant createdAt) {
        this.username = username;
        this.uid = uid;
        this.gid = gid;
        this.passwordHash = passwordHash;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public int getUid() {
        return uid;
    }

    public int getGid() {
        return gid;
    }

    public Set<UserGroup> getGroups() {
        return groups;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public void setGid(int gid) {
        this.gid = gid;
    }

    /** The account's role; viewer while the Installer has not yet filled in a row from before roles existed. */
    public AdminRole getRole() {
        return role == null ? AdminRole.VIEWER : role;
    }

    public void setRole(AdminRole role) {
        this.role = role;
    }

    public byte[] getNtHashSealed() {
        return ntHashSealed == null ? null : ntHashSealed.clone();
    }

    public void setNtHashSealed(byte[] ntHashSealed) {
        this.ntHashSealed = ntHashSealed == null ? null : ntHashSealed.clone();
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    @Override
    public String toString() {
        return "UserAccount[" + username + ", uid " + uid + "]";   // never the hash
    }
}
