package io.cistern.core.shares;

import io.cistern.core.model.Inode;
import io.cistern.core.model.Share;
import io.cistern.core.model.SharePermission;
import io.cistern.core.stores.StoreException;
import io.cistern.core.stores.StoreService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * Shares as the admin API manages them: created with their top directory, their options changed, and deleted only
 * while empty (a share's files are never thrown away by a request). Every write goes through the entity, so that the
 * NFS export rules and the SMB share list caches see it ({@code ShareChangeListener}).
 */
@Stateless
public class ShareService {
    private static final Logger LOG = Logger.getLogger(ShareService.class.getName());

    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    @EJB
    private StoreService stores;

    public List<ShareView> list() {
        return em.createQuery("select s from Share s order by s.name", Share.class).getResultList().stream()
                .map(this::view).toList();
    }

    public ShareView get(String name) {
        return view(ShareLookup.byName(em, name));
    }

    /** A new share named {@code name} with its top directory and {@code settings} (null fields: defaults). */
    public ShareView create(String name, ShareSettings settings) {
        ShareRules.checkName(name);
        if (!em.createQuery("select s.id from Share s where lower(s.name) = lower(:name)", Long.class)
                .setParameter("name", name).getResultList().isEmpty()) {
            throw new ShareException(ShareException.Kind.CONFLICT, "conflict", "name", "a share named '" + name
                    + "' exists already (names are compared ignoring case, as SMB clients do)");
        }
        Share share = new Share(name, Instant.now());
        apply(share, settings);
        em.persist(share);
        try {
            em.flush();
        } catch (PersistenceException e) {
            throw new ShareException(ShareException.Kind.CONFLICT, "conflict", "name", "the name '" + name
                    + "' was taken at the same moment");
        }
        ShareRoots.create(em, share);
        LOG.info("created share '" + name + "'");
        return view(share);
    }

    /** Changes the options given in {@code settings}; the name stays. */
    public ShareView update(String name, ShareSettings settings) {
        return update(name, null, settings);
    }

    /**
     * Renames the share to {@code newName} when it is given and differs, and changes the options given in
     * {@code settings}. The new name follows a new share's rules and must not be another share's, ignoring case (a
     * change of case only is allowed). Everything else stays with the share, since all of it refers to the share's
     * id: files, permission rows, statistics, NFS file handles; the NFS export path and the SMB share name follow
     * the name, and the share-change listener clears the SMB share list caches.
     */
    public ShareView update(String name, String newName, ShareSettings settings) {
        Share share = ShareLookup.byName(em, name);
        if (newName != null && !newName.equals(share.getName())) {
            rename(share, newName);
        }
        apply(share, settings);
        LOG.info("changed share '" + share.getName() + "'");
        return view(share);
    }

    private void rename(Share share, String newName) {
        ShareRules.checkName(newName);
        if (!em.createQuery("select s.id from Share s where lower(s.name) = lower(:name) and s.id <> :id", Long.class)
                .setParameter("name", newName).setParameter("id", share.getId()).getResultList().isEmpty()) {
            throw new ShareException(ShareException.Kind.CONFLICT, "conflict", "name", "a share named '" + newName
                    + "' exists already (names are compared ignoring case, as SMB clients do)");
        }
        String oldName = share.getName();
        share.rename(newName);
        try {
            em.flush();
        } catch (PersistenceException e) {
            throw new ShareException(ShareException.Kind.CONFLICT, "conflict", "name", "the name '" + newName
                    + "' was taken at the same moment");
        }
        LOG.info("renamed share '" + oldName + "' to '" + newName + "'");
    }

    /** Deletes an empty share: its permission rows, its top directory and itself. */
    public void delete(String name) {
        Share share = ShareLookup.byName(em, name);
        if (inodes(share) > 1) {
            throw new ShareException(ShareException.Kind.CONFLICT, "not_empty", null, "share '" + share.getName()
                    + "' still holds files or directories: remove them first (a share with files is never deleted)");
        }
        for (SharePermission row : PermissionRows.of(em, share.getId())) {
            em.remove(row);
        }
        if (share.getRootInodeId() != null) {
            Inode root = em.find(Inode.class, share.getRootInodeId());
            if (root != null) {
                em.remove(root);
            }
        }
        em.remove(share);
        LOG.info("deleted share '" + share.getName() + "'");
    }

    private void apply(Share share, ShareSettings settings) {
        if (settings == null) {
            return;
        }
        if (settings.readOnly() != null) {
            share.setReadOnly(settings.readOnly());
        }
        if (settings.rootSquash() != null) {
            share.setRootSquash(settings.rootSquash());
        }
        if (settings.allSquash() != null) {
            share.setAllSquash(settings.allSquash());
        }
        if (settings.anonUid() != null) {
            ShareRules.checkAnonId("anonUid", settings.anonUid());
            share.setAnonUid(settings.anonUid());
        }
        if (settings.anonGid() != null) {
            ShareRules.checkAnonId("anonGid", settings.anonGid());
            share.setAnonGid(settings.anonGid());
        }
        if (settings.allowedNetworks() != null) {
            applyNetworks(share, settings.allowedNetworks());
        }
        if (settings.smbEncryptionRequired() != null) {
            share.setSmbEncryptionRequired(settings.smbEncryptionRequired());
        }
        if (settings.smbGuestAllowed() != null) {
            share.setSmbGuestAllowed(settings.smbGuestAllowed());
        }
        if (settings.smbSigningRequired() != null) {
            share.setSmbSigningRequired(settings.smbSigningRequired());
        }
        if (settings.store() != null) {
            applyStore(share, settings.store());
        }
    }

    /**
     * Keeps the share's blocks in the store named {@code storeName} from now on: only while the share holds no file,
     * since a file's blocks must all be in its share's store, where every reader looks for them. The store's row
     * stays locked until the change commits, so that the store cannot be deleted meanwhile.
     */
    private void applyStore(Share share, String storeName) {
        long storeId;
        try {
            storeId = stores.idForShare(storeName);
        } catch (StoreException e) {
            throw new ShareException(ShareException.Kind.INVALID, "invalid_store", "store", e.getMessage());
        }
        if (storeId == share.getStoreId()) {
            return;
        }
        if (share.getId() != null) {
            // against an upload in flight, which reads the share's store under a share lock (BlockUploader): one that
            // committed already made its file visible to the count below, one still running sees the new store. By
            // SQL, not em.lock, which would refresh the entity and drop the options changed before this in the request
            em.createNativeQuery("select id from share where id = ?1 for update").setParameter(1, share.getId())
                    .getResultList();
        }
        if (share.getId() != null && inodes(share) > 1) {
            throw new ShareException(ShareException.Kind.CONFLICT, "not_empty", "store", "share '" + share.getName()
                    + "' holds files or directories: its store can change only while it is empty (its blocks are"
                    + " in its store)");
        }
        share.setStoreId(storeId);
    }

    private long inodes(Share share) {
        return em.createQuery("select count(i) from Inode i where i.shareId = :share", Long.class)
                .setParameter("share", share.getId()).getSingleResult();
    }

    private static void applyNetworks(Share share, List<String> networks) {
        for (String network : networks) {
            if (network == null || network.isBlank() || network.contains(",")) {
                throw ShareException.invalid("allowedNetworks", "each entry is one CIDR block or address");
            }
        }
        try {
            share.setAllowedNetworks(String.join(",", networks.stream().map(String::strip).toList()));
        } catch (IllegalArgumentException e) {
            throw ShareException.invalid("allowedNetworks", "not a CIDR block or IP address literal: "
                    + e.getMessage());
        }
    }

    private ShareView view(Share share) {
        var options = share.exportOptions();
        return new ShareView(share.getName(), share.getExportPath(), share.isReadOnly(), share.isRootSquash(),
                share.isAllSquash(), share.getAnonUid(), share.getAnonGid(), options.allowedNetworks(),
                share.isSmbEncryptionRequired(), share.isSmbGuestAllowed(), share.isSmbSigningRequired(),
                PermissionRows.viewsOf(em, share.getId()), stores.nameOf(share.getStoreId()));
    }
}
