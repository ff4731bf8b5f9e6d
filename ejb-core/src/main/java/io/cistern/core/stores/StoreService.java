package io.cistern.core.stores;

import io.cistern.core.config.CisternSettings;
import io.cistern.core.config.ConfiguredStore;
import io.cistern.core.model.BlockStoreRow;
import io.cistern.core.payload.PayloadEngine;
import io.cistern.core.service.CredentialVault;
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
 * changed here; other stores are filesystem directories or S3 buckets an administrator defines (see
 * {@link S3StoreRows}). A store in use by a share, or still counting a referenced block, is never deleted; a store's
 * directory (or bucket and prefix) changes only while it holds no block.
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

    @EJB
    private CredentialVault vault;

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

    /**
     * A new store: a filesystem one (its directory made if missing and writable) or an S3 one (its bucket listed with
     * its credentials before it is stored, the credentials sealed).
     */
    public StoreView create(StoreChange definition) {
        String name = definition.name();
        checkName(name);
        String kind = definition.kind();
        if (!BlockStoreRow.FILESYSTEM.equals(kind) && !BlockStoreRow.S3.equals(kind)) {
            throw StoreException.invalid("kind", "kind must be filesystem or s3");
        }
        if (find(name).isPresent()) {
            throw StoreException.conflict("conflict", "name", "a store named '" + name + "' exists already"
                    + " (names are compared ignoring case)");
        }
        BlockStoreRow row;
        if (BlockStoreRow.S3.equals(kind)) {
            if (definition.directory() != null) {
                throw StoreException.invalid("directory", "an S3 store has no directory");
            }
            row = persisted(name, () -> new S3StoreRows(em, vault).create(name, definition, Instant.now()));
            LOG.info("created S3 store '" + name + "' in s3://" + row.getBucket() + "/" + row.getPrefix());
        } else {
            if (definition.hasS3Fields()) {
                throw StoreException.invalid(definition.firstS3Field(), "a filesystem store has no "
                        + definition.firstS3Field());
            }
            Path checked = StoreDirectories.absolute(definition.directory());
            checkApart(checked, null);   // before making it: never a directory inside another store's
            StoreDirectories.makeWritable(checked);
            row = persisted(name, () -> {
                BlockStoreRow made = new BlockStoreRow(name, kind, checked.toString(), Instant.now());
                em.persist(made);
                em.flush();
                return made;
            });
            LOG.info("created filesystem store '" + name + "' in " + checked);
        }
        return view(row, List.of());
    }

    private BlockStoreRow persisted(String name, java.util.function.Supplier<BlockStoreRow> making) {
        try {
            return making.get();
        } catch (PersistenceException e) {
            throw StoreException.conflict("conflict", "name", "the name '" + name + "' was taken at the same moment");
        }
    }

    /**
     * Renames the store when {@code change.name()} is given and differs, and moves a filesystem store to
     * {@code change.directory()} when that is given and differs, which is allowed only while the store holds no
     * block (its blocks would be left behind); an S3 store's fields change as {@link S3StoreRows#update} says.
     * A changed definition closes the store's client after the commit: the next use opens it anew.
     */
    public StoreView update(String name, StoreChange change) {
        BlockStoreRow row = lockedByName(name);
        refuseDefault(row, "changed");
        if (change.kind() != null && !change.kind().equals(row.getKind())) {
            throw StoreException.invalid("kind", "a store's kind cannot change: delete it and add another");
        }
        String newName = change.name();
        if (newName != null && !newName.equals(row.getName())) {
            checkName(newName);
            Optional<BlockStoreRow> other = find(newName);
            if (other.isPresent() && other.get().getId() != row.getId()) {
                throw StoreException.conflict("conflict", "name", "a store named '" + newName + "' exists already"
                        + " (names are compared ignoring case)");
            }
            row.rename(newName);
        }
        boolean redefined = BlockStoreRow.S3.equals(row.getKind())
                ? new S3StoreRows(em, vault).update(row, change, blockRows(row.getId(), false) > 0)
                : changeDirectory(row, change);
        if (redefined) {
            long id = row.getId();
            TransactionEnd.afterCommit(() -> engine.forgetStore(id));
        }
        LOG.info("changed store '" + row.getName() + "'");
        return view(row, sharesByStore().getOrDefault(row.getId(), List.of()));
    }

    private boolean changeDirectory(BlockStoreRow row, StoreChange change) {
        if (change.hasS3Fields()) {
            throw StoreException.invalid(change.firstS3Field(), "a filesystem store has no "
                    + change.firstS3Field());
        }
        if (change.directory() == null) {
            return false;
        }
        Path checked = StoreDirectories.absolute(change.directory());
        if (checked.toString().equals(row.getDirectory())) {
            return false;
        }
        if (blockRows(row.getId(), false) > 0) {
            throw StoreException.conflict("not_empty", "directory", "store '" + row.getName()
                    + "' holds blocks: its directory cannot change (they would be left behind)");
        }
        checkApart(checked, row.getId());
        StoreDirectories.makeWritable(checked);
        row.setDirectory(checked.toString());
        return true;
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
        if (!garbage.isEmpty()) {
            openWhileDefined(id);
        }
        em.remove(row);
        TransactionEnd.afterCommit(() -> engine.dropStore(id, garbage.stream().map(hash -> (byte[]) hash).toList()));
        LOG.info("deleted store '" + row.getName() + "'");
    }

    /**
     * Opens the store while its row is still there (a store nobody used since the start is not open yet), so that
     * its unreferenced blocks can be deleted from it once its row is gone. One that does not open keeps them.
     */
    private void openWhileDefined(long id) {
        try {
            engine.store(id);
        } catch (RuntimeException e) {
            LOG.warning("store " + id + " does not open (" + e.getMessage() + "): its unreferenced blocks stay in it");
        }
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
        if (BlockStoreRow.S3.equals(row.getKind())) {
            return new StoreView(row.getName(), row.getKind(), false, null, row.getEndpoint(), row.getBucket(),
                    row.getPrefix(), row.getRegion(), row.getPathStyle(),
                    row.getSecretKeySealed() == null ? "default chain" : "static", row.getAccessKeyMasked(), shares);
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
