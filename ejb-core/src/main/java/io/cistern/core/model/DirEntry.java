package io.cistern.core.model;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * A name in a directory. Names are bytes, as NFS sends them; {@code foldedName} is their case-folded form
 * for SMB's case-insensitive lookups. The id doubles as the entry's READDIR cookie: it comes from a
 * sequence, so it is stable while the entry exists and entries are listed in cookie order.
 */
// not in EclipseLink's shared cache: OneTripMutations changes these rows by SQL, and the AttributeCache is the cache
@Cacheable(false)
@Entity
@Table(name = "dirent",
        uniqueConstraints = @UniqueConstraint(name = "dirent_parent_name", columnNames = {"parent_id", "name"}),
        indexes = {@Index(name = "dirent_parent_folded", columnList = "parent_id, folded_name"),
                   @Index(name = "dirent_child", columnList = "child_id"),
                   // a READDIR page is "entries of this directory after this cookie, in cookie order": without
                   // it PostgreSQL walks the cookie index through every directory's entries, filtering
                   @Index(name = "dirent_parent_cookie", columnList = "parent_id, cookie")})
@SequenceGenerator(name = "dirent_seq", sequenceName = "dirent_seq", allocationSize = 1000)
public class DirEntry {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "dirent_seq")
    private long cookie;

    @Column(name = "parent_id", nullable = false)
    private long parentId;

    @Column(nullable = false, length = 255)
    private byte[] name;

    @Column(name = "folded_name", nullable = false, length = 1024)
    private byte[] foldedName;

    @Column(name = "child_id", nullable = false)
    private long childId;

    protected DirEntry() {
    }

    public DirEntry(long parentId, byte[] name, byte[] foldedName, long childId) {
        this.parentId = parentId;
        this.name = name.clone();
        this.foldedName = foldedName.clone();
        this.childId = childId;
    }

    /** A rename keeps the entry, and so its cookie: a client listing the directory meanwhile sees no hole. */
    public void moveTo(long newParentId, byte[] newName, byte[] newFoldedName) {
        this.parentId = newParentId;
        this.name = newName.clone();
        this.foldedName = newFoldedName.clone();
    }

    public long getCookie() { return cookie; }
    public long getParentId() { return parentId; }
    public byte[] getName() { return name.clone(); }
    public long getChildId() { return childId; }
    public void setChildId(long childId) { this.childId = childId; }
}
