package io.cistern.core.it;

import io.cistern.core.fs.FileType;
import io.cistern.core.metadata.MetadataCaches;
import io.cistern.core.model.Share;
import io.cistern.core.service.Installer;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only access to what MetadataService does not expose: extra shares (read-only ones, a second one for
 * cross-share checks) and a look at the rows themselves, to prove that link counts and parents agree with the
 * directory entries. Deployed with the in-container tests only.
 */
@Stateless
public class FileSystemProbe {
    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    @EJB
    private Installer installer;

    @EJB
    private MetadataCaches caches;

    /** A new read-write share with its top directory, made the way a first start makes the default one. */
    public void createShare(String name) {
        em.persist(new Share(name, Instant.now()));
        installer.ensureInstalled();
    }

    /**
     * Turns a share read-only (or back) through the entity, as an administrator's change goes: the service must
     * see it at once, without anything evicted here.
     */
    public void setReadOnly(String name, boolean readOnly) {
        share(name).setReadOnly(readOnly);
    }

    /** Sets the share's allowed NFS client networks (comma-separated CIDR blocks); the service sees it at once. */
    public void setAllowedNetworks(String name, String networks) {
        share(name).setAllowedNetworks(networks);
    }

    private Share share(String name) {
        List<Share> found = em.createQuery("select s from Share s where s.name = :name", Share.class)
                .setParameter("name", name).getResultList();
        if (found.size() != 1) {
            throw new IllegalArgumentException("no share named " + name);
        }
        return found.get(0);
    }

    /**
     * Removes a share the tests made, with all its inodes and entries, so that other test classes on the same
     * database still see only the default share. The rows go by SQL, which the inode listener does not see, so
     * their cached attributes are dropped here.
     */
    public void dropShare(String name) {
        List<Long> ids = em.createQuery("select s.id from Share s where s.name = :name", Long.class)
                .setParameter("name", name).getResultList();
        for (long shareId : ids) {
            for (Object inodeId : em.createNativeQuery("select id from inode where share_id = ?1")
                    .setParameter(1, shareId).getResultList()) {
                caches.attributes().invalidate(((Number) inodeId).longValue());
                io.cistern.core.payload.FileBlocks.unmapAll(em, ((Number) inodeId).longValue());
            }
            em.createNativeQuery("delete from dirent where parent_id in (select id from inode where share_id = ?1)")
                    .setParameter(1, shareId).executeUpdate();
            em.createNativeQuery("delete from inode where share_id = ?1").setParameter(1, shareId).executeUpdate();
            // through the entity, so that the file system forgets the share's export rules with it
            em.remove(em.find(Share.class, shareId));
        }
        em.getEntityManagerFactory().getCache().evictAll();
    }

    /** Inodes of a share that no directory entry names, other than its top directory: leaked by some operation. */
    public long orphanInodes(long shareId) {
        return ((Number) em.createNativeQuery("select count(*) from inode i where i.share_id = ?1"
                        + " and i.id <> (select s.root_inode_id from share s where s.id = ?1)"
                        + " and not exists (select 1 from dirent e where e.child_id = i.id)")
                .setParameter(1, shareId).getSingleResult()).longValue();
    }

    /**
     * Everything wrong in the tree below (and including) {@code directoryId}, read from the rows in one snapshot:
     * entries naming missing inodes, non-directories whose nlink is not the number of entries naming them,
     * directories with more than one entry, whose parent is not the directory holding their entry, or whose
     * nlink is not 2 + their subdirectories. Empty when the tree is consistent.
     */
    @SuppressWarnings("unchecked")
    public List<String> treeProblems(long directoryId) {
        String tree = "with recursive tree(id) as (select cast(?1 as bigint) union"
                + " select e.child_id from dirent e join tree t on e.parent_id = t.id"
                + " join inode c on c.id = e.child_id and c.type = " + FileType.DIRECTORY.code() + ") ";
        List<String> problems = new ArrayList<>();
        for (Object row : em.createNativeQuery(tree + "select e.parent_id, e.child_id from dirent e join tree t"
                        + " on e.parent_id = t.id where not exists (select 1 from inode i where i.id = e.child_id)")
                .setParameter(1, directoryId).getResultList()) {
            Object[] r = (Object[]) row;
            problems.add("entry in " + r[0] + " names missing inode " + r[1]);
        }
        for (Object row : em.createNativeQuery(tree + "select i.id, i.type, i.nlink,"
                        + " (select count(*) from dirent e where e.child_id = i.id)"
                        + " from inode i where i.type <> " + FileType.DIRECTORY.code()
                        + " and i.id in (select e.child_id from dirent e join tree t on e.parent_id = t.id)")
                .setParameter(1, directoryId).getResultList()) {
            Object[] r = (Object[]) row;
            if (((Number) r[2]).longValue() != ((Number) r[3]).longValue()) {
                problems.add("inode " + r[0] + " (type " + r[1] + ") has nlink " + r[2] + " but " + r[3] + " names");
            }
        }
        for (Object row : em.createNativeQuery(tree + "select i.id, i.nlink, i.parent_id,"
                        + " (select count(*) from dirent e join inode c on c.id = e.child_id"
                        + "  where e.parent_id = i.id and c.type = " + FileType.DIRECTORY.code() + "),"
                        + " (select count(*) from dirent e where e.child_id = i.id),"
                        + " (select min(e.parent_id) from dirent e where e.child_id = i.id)"
                        + " from inode i join tree t on t.id = i.id")
                .setParameter(1, directoryId).getResultList()) {
            Object[] r = (Object[]) row;
            long id = ((Number) r[0]).longValue();
            long nlink = ((Number) r[1]).longValue();
            long subdirectories = ((Number) r[3]).longValue();
            long names = ((Number) r[4]).longValue();
            if (nlink != 2 + subdirectories) {
                problems.add("directory " + id + " has nlink " + nlink + " but " + subdirectories + " subdirectories");
            }
            if (id != directoryId && names != 1) {
                problems.add("directory " + id + " has " + names + " names");
            }
            if (id != directoryId && r[5] != null && ((Number) r[2]).longValue() != ((Number) r[5]).longValue()) {
                problems.add("directory " + id + " says its parent is " + r[2] + " but its entry is in " + r[5]);
            }
        }
        return problems;
    }

    /**
     * Whether the chain of parents from a directory reaches its share's top directory (which is its own parent),
     * read in one statement and so from one snapshot: false means a loop cut off from the tree.
     */
    public boolean reachesTop(long directoryId) {
        return ((Number) em.createNativeQuery("with recursive up(id, parent_id, depth) as ("
                        + " select id, parent_id, 0 from inode where id = ?1"
                        + " union all select i.id, i.parent_id, u.depth + 1 from inode i join up u on i.id = u.parent_id"
                        + " where u.id <> u.parent_id and u.depth < 10000)"
                        + " select count(*) from up where id = parent_id")
                .setParameter(1, directoryId).getSingleResult()).longValue() == 1;
    }
}
