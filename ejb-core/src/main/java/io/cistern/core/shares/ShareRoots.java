package io.cistern.core.shares;

import io.cistern.core.fs.FileType;
import io.cistern.core.model.Inode;
import io.cistern.core.model.Share;
import jakarta.persistence.EntityManager;
import java.security.SecureRandom;

/**
 * A share's top directory: owned by root, and like /tmp writable by all with the sticky bit, so that users can start
 * working and only remove what they own. Made for the default share at first start and for every share the API makes.
 */
public final class ShareRoots {
    /** rwxrwxrwt */
    public static final int SHARE_ROOT_MODE = 01777;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ShareRoots() {
    }

    /** Creates {@code share}'s top directory (the share must have its id) and records it in the share. */
    public static void create(EntityManager em, Share share) {
        long now = System.currentTimeMillis() * 1_000_000L;
        Inode root = new Inode(share.getId(), 0, FileType.DIRECTORY.code(), SHARE_ROOT_MODE, 0, 0,
                RANDOM.nextInt() & Integer.MAX_VALUE, now);
        root.setNlink(2);
        em.persist(root);
        root.setParentId(root.getId());
        share.setRootInodeId(root.getId());
    }
}
