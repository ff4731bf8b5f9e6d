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

/**
 * One file-system object of a share. Times are nanoseconds since the epoch (PostgreSQL timestamps stop at
 * microseconds, NFS and SMB clients see nanoseconds). {@code change} grows with every modification and
 * is what NFS and SMB clients use to notice one. Directories know their parent (they have exactly one),
 * which the rename loop check walks; other types may have many links and keep 0 there.
 */
// not in EclipseLink's shared cache: OneTripMutations changes these rows by SQL, and the AttributeCache is the cache
@Cacheable(false)
@Entity
@Table(name = "inode", indexes = @Index(name = "inode_share", columnList = "share_id"))
@SequenceGenerator(name = "inode_seq", sequenceName = "inode_seq", allocationSize = 1000)
public class Inode {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "inode_seq")
    private long id;

    @Column(name = "share_id", nullable = false)
    private long shareId;

    @Column(name = "parent_id", nullable = false)
    private long parentId;

    @Column(nullable = false)
    private int type;

    @Column(nullable = false)
    private int mode;

    @Column(nullable = false)
    private int uid;

    @Column(nullable = false)
    private int gid;

    @Column(nullable = false)
    private int nlink;

    @Column(nullable = false)
    private long size;

    @Column(name = "atime_ns", nullable = false)
    private long atimeNanos;

    @Column(name = "mtime_ns", nullable = false)
    private long mtimeNanos;

    @Column(name = "ctime_ns", nullable = false)
    private long ctimeNanos;

    @Column(name = "btime_ns", nullable = false)
    private long birthTimeNanos;

    @Column(nullable = false)
    private int generation;

    @Column(nullable = false)
    private long rdev;

    @Column(name = "symlink_target")
    private byte[] symlinkTarget;

    @Column(nullable = false)
    private long change;

    /** The verifier of an NFS EXCLUSIVE create, so that a retransmitted create succeeds instead of failing. */
    @Column(name = "create_verifier")
    private Long createVerifier;

    protected Inode() {
    }

    public Inode(long shareId, long parentId, int type, int mode, int uid, int gid, int generation, long nowNanos) {
        this.shareId = shareId;
        this.parentId = parentId;
        this.type = type;
        this.mode = mode;
        this.uid = uid;
        this.gid = gid;
        this.generation = generation;
        this.atimeNanos = nowNanos;
        this.mtimeNanos = nowNanos;
        this.ctimeNanos = nowNanos;
        this.birthTimeNanos = nowNanos;
        this.change = 1;
    }

    /** Marks a change of the inode's own attributes (ctime) and counts it. */
    public void changed(long nowNanos) {
        ctimeNanos = nowNanos;
        change++;
    }

    /** Marks a change of the inode's contents or entries (mtime and ctime) and counts it. */
    public void modified(long nowNanos) {
        mtimeNanos = nowNanos;
        changed(nowNanos);
    }

    public long getId() { return id; }
    public long getShareId() { return shareId; }
    public long getParentId() { return parentId; }
    public void setParentId(long parentId) { this.parentId = parentId; }
    public int getType() { return type; }
    public int getMode() { return mode; }
    public void setMode(int mode) { this.mode = mode; }
    public int getUid() { return uid; }
    public void setUid(int uid) { this.uid = uid; }
    public int getGid() { return gid; }
    public void setGid(int gid) { this.gid = gid; }
    public int getNlink() { return nlink; }
    public void setNlink(int nlink) { this.nlink = nlink; }
    public long getSize() { return size; }
    public void setSize(long size) { this.size = size; }
    public long getAtimeNanos() { return atimeNanos; }
    public void setAtimeNanos(long atimeNanos) { this.atimeNanos = atimeNanos; }
    public long getMtimeNanos() { return mtimeNanos; }
    public void setMtimeNanos(long mtimeNanos) { this.mtimeNanos = mtimeNanos; }
    public long getCtimeNanos() { return ctimeNanos; }
    public void setCtimeNanos(long ctimeNanos) { this.ctimeNanos = ctimeNanos; }
    public long getBirthTimeNanos() { return birthTimeNanos; }
    public void setBirthTimeNanos(long birthTimeNanos) { this.birthTimeNanos = birthTimeNanos; }
    public int getGeneration() { return generation; }
    public long getRdev() { return rdev; }
    public void setRdev(long rdev) { this.rdev = rdev; }
    public byte[] getSymlinkTarget() { return symlinkTarget == null ? null : symlinkTarget.clone(); }
    public void setSymlinkTarget(byte[] symlinkTarget) { this.symlinkTarget = symlinkTarget.clone(); }
    public long getChange() { return change; }
    public Long getCreateVerifier() { return createVerifier; }
    public void setCreateVerifier(Long createVerifier) { this.createVerifier = createVerifier; }
}
