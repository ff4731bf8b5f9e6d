package io.cistern.core.stores;

import io.cistern.core.config.CisternSettings;
import io.cistern.core.config.ConfiguredStore;
import io.cistern.core.model.BlockStoreRow;
import io.cistern.core.payload.PayloadEngine;
import io.cistern.core.tx.TransactionEnd;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Block stores as the admin API manages them. The {@code default} store is the environment's, shown and never
 * changed here; other stores are filesystem directories an administrator defines. A store in use by a share, or
 * still counting a referenced block, is never deleted; a store's directory changes only while it holds no block.
 * S3 stores besides the default one are not built: asking for one is a clear error.
 */
@Stateless
public class StoreService {
    private static final Logger LOG = Logger.getLogger(StoreService.class.getName());
    private static final int MAX_NAME_LENGTH = 80;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    @EJB
    private PayloadEngine engine;

    /** Every store, the default one first, each with the shares that use it. */
    public List<StoreView> list() {
        Map<Long, List<String>> shares = sharesByStore();
        List<StoreView> views = new ArrayList<>();
        for (BlockStoreRow row : em.createQuery("select s from BlockStoreRow s order by s.id", BlockStoreRow.class)
                .getResultList()) {
            views.add(view(row, shares.getOrDefault(row.getId(), List.of())));
        }
        return views;
    }

    public StoreView get(String name) {
        BlockStoreRow row = byName(name);
        return view(row, sharesByStore().getOrDefault(row.getId(), List.of()));
    }

    /** A new filesystem store; its directory is made if missing and must be writable. */
    public StoreView create(String name, String kind, String directory) {
        checkName(name);
        if (!BlockStoreRow.FILESYSTEM.equals(kind)) {
            throw kindRefused(kind);
        }
        if (find(name).isPresent()) {
            throw StoreException.conflict("conflict", "name", "a store named '" + name + "' exists already"
                    + " (names are compared ignoring case)");
        }
        Path checked = StoreDirectories.absolute(directory);
        checkApart(checked, null);   // before making it: never a directory inside another store's
        StoreDirectories.makeWritable(checked);
        BlockStoreRow row = new BlockStoreRow(name, kind, checked.toString(), Instant.now());
        em.persist(row);
        try {
            em.flush();
        } catch (PersistenceException e) {
            throw StoreException.conflict("conflict", "name", "the name '" + name + "' was taken at the same moment");
        }
        LOG.info("created filesystem store '" + name + "' in " + checked);
        return view(row, List.of());
    }

    /**
     * Renames the store when {@code newName} is given and differs, and moves it to {@code directory} when that is
     * given and differs, which is allowed only while the store holds no block (its blocks would be left behind).
     */
    public StoreView update(String name, String newName, String directory) {
        BlockStoreRow row = lockedByName(name);
        refuseDefault(row, "changed");
        if (newName != null && !newName.equals(row.getName())) {
            checkName(newName);
            Optional<BlockStoreRow> other = find(newName);
            if (other.isPresent() && other.get().getId() != row.getId()) {
                throw StoreException.conflict("conflict", "name", "a store named '" + newName + "' exists already"
                        + " (names are compared ignoring case)");
            }
            row.rename(newName);
        }
        if (directory != null) {
            Path checked = StoreDirectories.absolute(directory);
            if (!checked.toString().equals(row.getDirectory())) {
                if (blockRows(row.getId(), false) > 0) {
                    throw StoreException.conflict("not_empty", "directory", "store '" + row.getName()
                            + "' holds blocks: its directory cannot change (they would be left behind)");
                }
                checkApart(checked, row.getId());
                StoreDirectories.makeWritable(checked);
                row.setDirectory(checked.toString());
                long id = row.getId();
                TransactionEnd.afterCommit(() -> engine.forgetStore(id));
            }
        }
        LOG.info("changed store '" + row.getName() + "'");
        return view(row, sharesByStore().getOrDefault(row.getId(), List.of()));
    }

    /**
     * Deletes a store no share uses and in which no block is referenced. Blocks nobody references any more (left
     * for garbage collection) are deleted with it; its directory stays.
     */
    public void delete(String name) {
        BlockStoreRow row = lockedByName(name);
        refuseDefault(row, "deleted");
        List<String> users = sharesByStore().getOrDefault(row.getId(), List.of());
        if (!users.isEmpty()) {
            throw StoreException.conflict("in_use", null, "store '" + row.getName() + "' is used by the shares "
                    + users + ": move them to another store (while empty) or delete them first");
        }
        if (blockRows(row.getId(), true) > 0) {
            throw StoreException.conflict("not_empty", null, "store '" + row.getName() + "' still holds blocks"
                    + " that files reference");
        }
        long id = row.getId();
        List<?> garbage = em.createNativeQuery("delete from block where store_id = ?1 returning hash")
                .setParameter(1, id).getResultList();
        em.remove(row);
        TransactionEnd.afterCommit(() -> engine.dropStore(id, garbage.stream().map(hash -> (byte[]) hash).toList()));
        LOG.info("deleted store '" + row.getName() + "'");
    }

    /**
     * The id of the store named {@code name} for a share, its row locked until the caller's transaction ends so
     * that the store cannot be deleted meanwhile.
     */
    public long idForShare(String name) {
        Optional<BlockStoreRow> row = find(name);
        if (row.isEmpty()) {
            throw StoreException.invalid("store", "no store named '" + name + "'");
        }
        em.lock(row.get(), LockModeType.PESSIMISTIC_WRITE);
        return row.get().getId();
    }

    /** The name of store {@code id}. */
    public String nameOf(long id) {
        BlockStoreRow row = em.find(BlockStoreRow.class, id);
        return row == null ? BlockStoreRow.DEFAULT_NAME : row.getName();
    }

    private StoreView view(BlockStoreRow row, List<String> shares) {
        if (row.isDefault()) {
            ConfiguredStore configured = ConfiguredStore.fromSettings();
            return new StoreView(row.getName(), configured.kind(), true, configured.directory(), configured.endpoint(),
                    configured.bucket(), configured.prefix(), configured.region(), configured.pathStyle(),
                    configured.credentials(), configured.accessKey(), shares);
        }
        return new StoreView(row.getName(), row.getKind(), false, row.getDirectory(), null, null, null, null, null,
                null, null, shares);
    }

    private Map<Long, List<String>> sharesByStore() {
        Map<Long, List<String>> shares = new TreeMap<>();
        for (Object found : em.createNativeQuery("select coalesce(store_id, 0), name from share order by name")
                .getResultList()) {
            Object[] row = (Object[]) found;
            shares.computeIfAbsent(((Number) row[0]).longValue(), id -> new ArrayList<>()).add((String) row[1]);
        }
        return shares;
    }

    private long blockRows(long storeId, boolean referencedOnly) {
        return ((Number) em.createNativeQuery("select count(*) from block where store_id = ?1"
                + (referencedOnly ? " and refcount > 0" : "")).setParameter(1, storeId).getSingleResult()).longValue();
    }

    /** Refuses a directory that is, holds or lies in another store's (the default one's included). */
    private void checkApart(Path directory, Long self) {
        List<Path> others = new ArrayList<>();
        if (CisternSettings.blockStoreKind().equals(ConfiguredStore.FILESYSTEM)) {
            others.add(CisternSettings.dataDirectory().resolve("blocks"));
        }
        for (BlockStoreRow row : em.createQuery("select s from BlockStoreRow s where s.directory is not null",
                BlockStoreRow.class).getResultList()) {
            if (self == null || row.getId() != self) {
                others.add(Path.of(row.getDirectory()));
            }
        }
        Optional<Path> overlap = StoreDirectories.overlapping(directory, others);
        if (overlap.isPresent()) {
            throw StoreException.conflict("directory_in_use", "directory", "the directory " + directory
                    + " overlaps another store's (" + overlap.get() + "): each store needs a directory of its own");
        }
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw StoreException.invalid("name", "a name is required");
        }
        if (name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches()) {
            throw StoreException.invalid("name", "a name has 1 to " + MAX_NAME_LENGTH + " letters, digits, '.', '_'"
                    + " or '-', and begins with a letter or digit");
        }
    }

    private static StoreException kindRefused(String kind) {
        if ("s3".equals(kind)) {
            return new StoreException(StoreException.Kind.INVALID, "s3_not_built", "kind", "S3 stores other than"
                    + " the default one are not built yet: only filesystem stores can be added (the default store"
                    + " can be S3, through CISTERN_STORE=s3 and CISTERN_S3_*)");
        }
        return StoreException.invalid("kind", "kind must be filesystem");
    }

    private static void refuseDefault(BlockStoreRow row, String what) {
        if (row.isDefault()) {
            throw StoreException.conflict("read_only", null, "the default store is the one the environment"
                    + " configures (CISTERN_STORE, CISTERN_S3_*): it cannot be " + what + " here");
        }
    }

    private Optional<BlockStoreRow> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return em.createQuery("select s from BlockStoreRow s where lower(s.name) = lower(:name)", BlockStoreRow.class)
                .setParameter("name", name).getResultList().stream().findFirst();
    }

    private BlockStoreRow byName(String name) {
        return find(name).orElseThrow(() -> new StoreException(StoreException.Kind.NOT_FOUND, "not_found", null,
                "no store named '" + name + "'"));
    }

    private BlockStoreRow lockedByName(String name) {
        BlockStoreRow row = byName(name);
        em.lock(row, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(row);
        return row;
    }
}
