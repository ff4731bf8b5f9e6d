package io.cistern.core.stores;

import io.cistern.core.config.CisternSettings;
import io.cistern.core.config.ConfiguredStore;
import io.cistern.core.model.BlockStoreRow;
import io.cistern.core.service.CredentialVault;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;

/**
 * The S3 side of {@link StoreService}: a definition's location kept apart from every other S3 store's, its bucket
 * checked with its credentials before anything is stored, and the credentials sealed under the credential key with
 * the row's id, so that neither the database nor a copied row gives them away.
 */
final class S3StoreRows {
    private final EntityManager em;
    private final CredentialVault vault;

    S3StoreRows(EntityManager em, CredentialVault vault) {
        this.em = em;
        this.vault = vault;
    }

    /** A new S3 store's row, its bucket checked and its credentials sealed; persisted. */
    BlockStoreRow create(String name, StoreChange change, java.time.Instant now) {
        S3Definition definition = S3Definition.of(change.endpoint(), change.bucket(), change.prefix(),
                change.region(), change.pathStyle(), change.accessKey(), change.secretKey());
        checkApart(definition, null);
        definition.checkReachable();
        BlockStoreRow row = new BlockStoreRow(name, BlockStoreRow.S3, null, now);
        store(row, definition);
        em.persist(row);
        em.flush();   // the id, which the sealed credentials are bound to
        seal(row, definition);
        return row;
    }

    /**
     * Applies {@code change} to an S3 store's row: true when its definition changed (its client must then be built
     * again). The bucket and prefix change only while {@code holdsBlocks} is false.
     */
    boolean update(BlockStoreRow row, StoreChange change, boolean holdsBlocks) {
        if (change.directory() != null) {
            throw StoreException.invalid("directory", "an S3 store has no directory");
        }
        if (!change.hasS3Fields()) {
            return false;
        }
        S3Definition current;
        try {
            current = definitionOf(row);
        } catch (IllegalStateException e) {
            throw new StoreException(StoreException.Kind.CONFLICT, "credential_key_unusable", "secretKey",
                    e.getMessage());
        }
        String accessKey = current.accessKey();
        String secretKey = current.secretKey();
        if (change.accessKey() != null) {
            if (change.secretKey() == null && !change.accessKey().isEmpty()) {
                throw StoreException.invalid("secretKey", "a new access key id needs its secret key");
            }
            accessKey = change.accessKey();
            secretKey = change.secretKey();
        } else if (change.secretKey() != null) {
            secretKey = change.secretKey();   // a rotated secret of the same key id
        }
        S3Definition next = S3Definition.of(
                change.endpoint() == null ? uriText(current) : change.endpoint(),
                change.bucket() == null ? current.bucket() : change.bucket(),
                change.prefix() == null ? current.prefix() : change.prefix(),
                change.region() == null ? current.region() : change.region(),
                change.pathStyle() == null ? current.pathStyle() : change.pathStyle(), accessKey, secretKey);
        boolean moved = !next.bucket().equals(current.bucket()) || !next.prefix().equals(current.prefix())
                || !next.sameBucketAs(uriText(current), current.bucket());
        if (moved && holdsBlocks) {
            throw StoreException.conflict("not_empty", change.bucket() != null ? "bucket"
                    : change.prefix() != null ? "prefix" : "endpoint", "store '" + row.getName() + "' holds blocks:"
                    + " its endpoint, bucket and prefix cannot change (they would be left behind)");
        }
        boolean credentialsGiven = change.accessKey() != null || change.secretKey() != null;
        if (next.equals(current) && !credentialsGiven) {
            return false;   // given credentials are checked and sealed anew even when they are the same
        }
        checkApart(next, row.getId());
        next.checkReachable();
        store(row, next);
        seal(row, next);
        return true;
    }

    /** The row's definition with its credentials opened. */
    S3Definition definitionOf(BlockStoreRow row) {
        byte[] access = row.getAccessKeySealed();
        byte[] secret = row.getSecretKeySealed();
        String accessKey = access == null ? null : vault.openStoreSecret(row.getId(), BlockStoreRow.ACCESS_KEY, access);
        String secretKey = secret == null ? null : vault.openStoreSecret(row.getId(), BlockStoreRow.SECRET_KEY, secret);
        return new S3Definition(row.getEndpoint() == null ? null : java.net.URI.create(row.getEndpoint()),
                row.getBucket(), row.getPrefix() == null ? "" : row.getPrefix(), row.getRegion(),
                Boolean.TRUE.equals(row.getPathStyle()), accessKey, secretKey);
    }

    /**
     * Refuses a location whose keys another S3 store's could hold: the same endpoint and bucket, with one prefix
     * beginning with the other (garbage collection and the multipart cleanup of one would act on the other's keys).
     */
    private void checkApart(S3Definition definition, Long self) {
        List<String[]> others = new ArrayList<>();
        if (ConfiguredStore.S3.equals(CisternSettings.blockStoreKind())) {
            others.add(new String[] {CisternSettings.s3("endpoint").orElse(null),
                    CisternSettings.s3("bucket").orElse(""), CisternSettings.s3("prefix").orElse(""), "default"});
        }
        for (BlockStoreRow row : em.createQuery("select s from BlockStoreRow s where s.kind = :kind",
                BlockStoreRow.class).setParameter("kind", BlockStoreRow.S3).getResultList()) {
            if (self == null || row.getId() != self) {
                others.add(new String[] {row.getEndpoint(), row.getBucket(),
                        row.getPrefix() == null ? "" : row.getPrefix(), row.getName()});
            }
        }
        for (String[] other : others) {
            if (definition.sameBucketAs(other[0], other[1])
                    && (definition.prefix().startsWith(other[2]) || other[2].startsWith(definition.prefix()))) {
                throw StoreException.conflict("location_in_use", "prefix", "store '" + other[3] + "' keeps its"
                        + " blocks in the same bucket under the prefix '" + other[2] + "': each store needs a prefix"
                        + " of its own, neither beginning with the other");
            }
        }
    }

    private static void store(BlockStoreRow row, S3Definition definition) {
        row.setS3Location(definition.endpoint() == null ? null : definition.endpoint().toString(),
                definition.bucket(), definition.prefix(), definition.region(), definition.pathStyle());
    }

    private void seal(BlockStoreRow row, S3Definition definition) {
        if (definition.accessKey() == null) {
            row.setS3Credentials(null, null, null);
            return;
        }
        try {
            row.setS3Credentials(vault.sealStoreSecret(row.getId(), BlockStoreRow.ACCESS_KEY, definition.accessKey()),
                    vault.sealStoreSecret(row.getId(), BlockStoreRow.SECRET_KEY, definition.secretKey()),
                    ConfiguredStore.mask(definition.accessKey()));
        } catch (IllegalStateException e) {
            throw new StoreException(StoreException.Kind.CONFLICT, "credential_key_unusable", "secretKey",
                    e.getMessage());
        }
    }

    private static String uriText(S3Definition definition) {
        return definition.endpoint() == null ? null : definition.endpoint().toString();
    }
}
