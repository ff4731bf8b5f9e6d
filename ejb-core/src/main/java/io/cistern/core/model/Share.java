package io.cistern.core.model;

import io.cistern.core.fs.ExportOptions;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

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

    /** The share's top directory; set when the share is created. */
    @Column(name = "root_inode_id")
    private Long rootInodeId;

    @Column(name = "root_squash")
    private boolean rootSquash = true;

    @Column(name = "all_squash")
    private boolean allSquash;

    @Column(name = "anon_uid")
    private int anonUid = 65534;

    @Column(name = "anon_gid")
    private int anonGid = 65534;

    /** Comma-separated CIDR blocks of the NFS clients allowed; empty means every client. */
    @Column(name = "allowed_networks", length = 4000)
    private String allowedNetworks = "";

    /** SMB: every request on a tree of this share must come encrypted ([MS-SMB2] Share.EncryptData). */
    @Column(name = "smb_encryption_required")
    private boolean smbEncryptionRequired;

    /** SMB: every request on a tree of this share must come signed (or encrypted); guests cannot connect. */
    @Column(name = "smb_signing_required")
    private boolean smbSigningRequired;

    /** SMB: guest and anonymous sessions may connect to this share. */
    @Column(name = "smb_guest_allowed")
    private boolean smbGuestAllowed;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    /**
     * The block store holding the share's blocks ({@link BlockStoreRow}); null, as in shares made before stores were
     * several, is the default store. Changes only while the share holds no file (ShareService checks).
     */
    @Column(name = "store_id")
    private Long storeId;

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

    /**
     * A new name (checked by the caller): the id, the top directory, the files, the permission rows and NFS file
     * handles (share id, inode, generation) stay; only the NFS export path and the SMB share name change.
     */
    public void rename(String newName) {
        this.name = newName;
    }

    /** The NFS export path of this share. */
    public String getExportPath() {
        return "/" + name;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    /** Comma-separated CIDR blocks or addresses; each is checked, so that a typo fails here and not at mount. */
    public void setAllowedNetworks(String allowedNetworks) {
        String previous = this.allowedNetworks;
        this.allowedNetworks = allowedNetworks == null ? "" : allowedNetworks;
        try {
            exportOptions();
        } catch (IllegalArgumentException e) {
            this.allowedNetworks = previous;
            throw e;
        }
    }

    public boolean isSmbEncryptionRequired() {
        return smbEncryptionRequired;
    }

    public void setSmbEncryptionRequired(boolean smbEncryptionRequired) {
        this.smbEncryptionRequired = smbEncryptionRequired;
    }

    public boolean isSmbSigningRequired() {
        return smbSigningRequired;
    }

    public void setSmbSigningRequired(boolean smbSigningRequired) {
        this.smbSigningRequired = smbSigningRequired;
    }

    public boolean isSmbGuestAllowed() {
        return smbGuestAllowed;
    }

    public void setSmbGuestAllowed(boolean smbGuestAllowed) {
        this.smbGuestAllowed = smbGuestAllowed;
    }

    public boolean isRootSquash() {
        return rootSquash;
    }

    public void setRootSquash(boolean rootSquash) {
        this.rootSquash = rootSquash;
    }

    public boolean isAllSquash() {
        return allSquash;
    }

    public void setAllSquash(boolean allSquash) {
        this.allSquash = allSquash;
    }

    public int getAnonUid() {
        return anonUid;
    }

    public void setAnonUid(int anonUid) {
        this.anonUid = anonUid;
    }

    public int getAnonGid() {
        return anonGid;
    }

    public void setAnonGid(int anonGid) {
        this.anonGid = anonGid;
    }

    public long getStoreId() {
        return storeId == null ? BlockStoreRow.DEFAULT_ID : storeId;
    }

    public void setStoreId(long storeId) {
        this.storeId = storeId;
    }

    public Long getRootInodeId() {
        return rootInodeId;
    }

    public void setRootInodeId(long rootInodeId) {
        this.rootInodeId = rootInodeId;
    }

    /** The export rules of this share, as the file system applies them. */
    public ExportOptions exportOptions() {
        List<String> networks = allowedNetworks == null || allowedNetworks.isBlank()
                ? List.of() : List.of(allowedNetworks.split("\\s*,\\s*"));
        return new ExportOptions(readOnly, rootSquash, allSquash, anonUid, anonGid, networks);
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
