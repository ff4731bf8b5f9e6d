package io.cistern.core.service;

import io.cistern.core.config.CisternSettings;
import io.cistern.core.service.CredentialSealer.BrokenSealException;
import io.cistern.smb.spi.NtHash;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps NT hashes (password equivalents, which NTLM needs) and S3 stores' credentials sealed in the database under the
 * key in the data directory's {@value CredentialKeyFile#FILE_NAME}. The key is read once, at the first need, and then kept in memory;
 * it is created by the first seal, but never while sealed values exist, because a new key would silently make
 * every one of them unopenable. A missing or damaged key file is logged as an error and makes logons fail (empty
 * answers); it never stops the server. Nothing here logs a hash, a key or sealed bytes.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// memory and a local file: the default (REQUIRED) would begin and commit a transaction for a call from outside one
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class CredentialVault {
    private static final Logger LOG = Logger.getLogger(CredentialVault.class.getName());
    /** Names what is sealed, so that a value sealed for another purpose under the same key never opens as an NT hash. */
    private static final byte[] NT_HASH_PURPOSE = "cistern nt-hash\0".getBytes(StandardCharsets.US_ASCII);
    private static final int NT_HASH_BYTES = 16;
    /** Names what is sealed for a block store's S3 credentials, so that one never opens as an NT hash, nor one as it. */
    private static final byte[] STORE_SECRET_PURPOSE = "cistern store-secret\0".getBytes(StandardCharsets.US_ASCII);

    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    private final Path keyFile;
    private final BooleanSupplier sealedNtHashesExist;
    private final SecureRandom random = new SecureRandom();
    private volatile CredentialSealer sealer;
    /** The last key problem logged, so that every logon does not repeat it at SEVERE; guarded by this. */
    private String loggedProblem;

    public CredentialVault() {
        this.keyFile = CisternSettings.dataDirectory().resolve(CredentialKeyFile.FILE_NAME);
        this.sealedNtHashesExist = this::anySealedNtHashStored;
    }

    /** For tests: another key file, and another answer to "are there sealed NT hashes already?". */
    CredentialVault(Path keyFile, BooleanSupplier sealedNtHashesExist) {
        this.keyFile = keyFile;
        this.sealedNtHashesExist = sealedNtHashesExist;
    }

    /**
     * The NT hash of {@code password}, sealed for the account {@code username} (its stored spelling); empty, and
     * logged, when it cannot be kept: the SMB adapter is not deployed, or the key is unusable. The caller still owns
     * and wipes {@code password}.
     */
    public Optional<byte[]> sealNtHash(String username, char[] password) {
        Optional<byte[]> ntHash = ntHashOf(password);
        if (ntHash.isEmpty()) {
            return Optional.empty();
        }
        try {
            CredentialSealer current = sealer(true);
            if (current == null) {
                LOG.severe("no NT hash kept for '" + username + "': the credential key is unusable (see the error "
                        + "above); SMB logons of this user fail until its password is set again");
                return Optional.empty();
            }
            return Optional.of(current.seal(ntHash.get(), associatedData(username)));
        } finally {
            Arrays.fill(ntHash.get(), (byte) 0);
        }
    }

    /** The NT hash sealed for {@code username}; empty, and logged, when it does not open. */
    public Optional<byte[]> openNtHash(String username, byte[] sealed) {
        CredentialSealer current = sealer(false);
        if (current == null) {
            LOG.warning("logon of '" + username + "' refused: the credential key is unusable (see the error above)");
            return Optional.empty();
        }
        try {
            byte[] ntHash = current.open(sealed, associatedData(username));
            if (ntHash.length != NT_HASH_BYTES) {
                Arrays.fill(ntHash, (byte) 0);
                throw new BrokenSealException("holds " + ntHash.length + " bytes, not an NT hash");
            }
            return Optional.of(ntHash);
        } catch (BrokenSealException e) {
            LOG.severe("logon of '" + username + "' refused: its sealed NT hash " + e.getMessage() + "; setting the "
                    + "password again seals a new one");
            return Optional.empty();
        }
    }

    /**
     * {@code secret} (an S3 store's access key id or secret key) sealed for block store {@code storeId} and the
     * credential's name {@code which}: copied to another store's row, or to the other column, it does not open.
     *
     * @throws IllegalStateException when the key is unusable (logged): the store cannot be defined then
     */
    public byte[] sealStoreSecret(long storeId, String which, String secret) {
        CredentialSealer current = sealer(true);
        if (current == null) {
            throw new IllegalStateException("the credential key is unusable (see the server log): S3 credentials"
                    + " cannot be sealed");
        }
        byte[] plain = secret.getBytes(StandardCharsets.UTF_8);
        try {
            return current.seal(plain, storeAssociatedData(storeId, which));
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * The credential sealed by {@link #sealStoreSecret} for the same store and name.
     *
     * @throws IllegalStateException when the key is unusable or the sealed value does not open; never with the value
     */
    public String openStoreSecret(long storeId, String which, byte[] sealed) {
        CredentialSealer current = sealer(false);
        if (current == null) {
            throw new IllegalStateException("the credential key is unusable (see the server log): the S3 credentials"
                    + " of block store " + storeId + " cannot be opened");
        }
        try {
            byte[] plain = current.open(sealed, storeAssociatedData(storeId, which));
            try {
                return new String(plain, StandardCharsets.UTF_8);
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
        } catch (BrokenSealException e) {
            throw new IllegalStateException("the sealed " + which + " of block store " + storeId + " " + e.getMessage()
                    + "; set the store's credentials again");
        }
    }

    /** Reads the key now when sealed NT hashes exist, so that a missing or damaged key file is reported at start. */
    public void checkKey() {
        if (sealedNtHashesExist.getAsBoolean()) {
            sealer(false);
        }
    }

    private synchronized CredentialSealer sealer(boolean forSealing) {
        if (sealer != null) {
            return sealer;
        }
        byte[] key = null;
        try {
            key = Files.exists(keyFile) || !forSealing ? CredentialKeyFile.read(keyFile) : createKey();
            sealer = new CredentialSealer(key, random);
            loggedProblem = null;
            return sealer;
        } catch (NoSuchFileException e) {
            problem("the credential key file " + keyFile + " is missing, yet NT hashes sealed with it are stored. "
                    + "Restore it from the backup taken with the database (SMB logons fail until then)", null);
        } catch (IOException e) {
            problem("the credential key file " + keyFile + " cannot be used. Restore it from the backup taken with "
                    + "the database (SMB logons fail until then)", e);
        } finally {
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
        return null;
    }

    /** A new key, unless sealed NT hashes exist already: they were sealed with the key now missing. */
    private byte[] createKey() throws IOException {
        if (sealedNtHashesExist.getAsBoolean()) {
            throw new NoSuchFileException(keyFile.toString());
        }
        byte[] key = CredentialKeyFile.create(keyFile, random);
        LOG.info("created the credential key " + keyFile + ": back it up with the database, or the stored NT hashes "
                + "(SMB logons) are lost");
        return key;
    }

    private void problem(String message, IOException cause) {
        if (!message.equals(loggedProblem)) {
            loggedProblem = message;
            LOG.log(Level.SEVERE, message, cause);
        }
    }

    /** Whether anything sealed with the key is stored: NT hashes, or a block store's credentials. */
    private boolean anySealedNtHashStored() {
        return !em.createQuery("select u.id from UserAccount u where u.ntHashSealed is not null", Long.class)
                .setMaxResults(1).getResultList().isEmpty()
                || !em.createQuery("select s.id from BlockStoreRow s where s.secretKeySealed is not null"
                        + " or s.accessKeySealed is not null", Long.class).setMaxResults(1).getResultList().isEmpty();
    }

    private static byte[] storeAssociatedData(long storeId, String which) {
        byte[] bound = (storeId + "\0" + which).getBytes(StandardCharsets.UTF_8);
        byte[] data = Arrays.copyOf(STORE_SECRET_PURPOSE, STORE_SECRET_PURPOSE.length + bound.length);
        System.arraycopy(bound, 0, data, STORE_SECRET_PURPOSE.length, bound.length);
        return data;
    }

    private static byte[] associatedData(String username) {
        byte[] name = username.getBytes(StandardCharsets.UTF_8);
        byte[] data = Arrays.copyOf(NT_HASH_PURPOSE, NT_HASH_PURPOSE.length + name.length);
        System.arraycopy(name, 0, data, NT_HASH_PURPOSE.length, name.length);
        return data;
    }

    /**
     * MD4 comes with the SMB adapter ({@link NtHash}, on Bouncy Castle inside rar-smb.rar), whose classes a deployed
     * standalone adapter makes visible to every application. Where ejb-core runs without rar-smb (in-container tests
     * of other modules) there is nothing to log on to, so that is logged and no hash kept, rather than failing the
     * first start.
     */
    private static Optional<byte[]> ntHashOf(char[] password) {
        try {
            return Optional.of(NtHash.of(password));
        } catch (LinkageError e) {
            LOG.warning("no NT hash kept: the SMB adapter's classes are not available here (" + e + ")");
            return Optional.empty();
        }
    }
}
