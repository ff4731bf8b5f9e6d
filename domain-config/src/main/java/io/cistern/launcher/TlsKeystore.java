package io.cistern.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The HTTPS keystore, opened by the launcher before anything starts: a missing or unreadable file, a wrong password
 * or a keystore without exactly one private key is a one-line refusal to start, never a server that quietly serves
 * plain HTTP or no admin endpoint at all. The password never appears in a message.
 */
final class TlsKeystore {
    /**
     * What the launcher needs of an opened keystore: the alias of its key (Payara's cert-nickname) and an SSL context
     * that trusts exactly its certificate, for the readiness probe.
     */
    record Opened(String alias, SSLContext trustingItsCertificate) {
    }

    private TlsKeystore() {
    }

    static Opened open(Path keystore, Secret password) {
        String where = Setting.TLS_KEYSTORE.label() + " " + keystore;
        if (!Files.isRegularFile(keystore)) {
            throw new LauncherException(where + ": no such file");
        }
        if (!Files.isReadable(keystore)) {
            throw new LauncherException(where + ": cannot be read by this user");
        }
        char[] chars = password.reveal().toCharArray();
        KeyStore store = load(keystore, chars, where);
        String alias = onlyKeyAlias(store, where);
        try {
            Key key = store.getKey(alias, chars);
            Certificate[] chain = store.getCertificateChain(alias);
            if (key == null || chain == null || chain.length == 0) {
                throw new LauncherException(where + ": the key '" + alias + "' has no certificate");
            }
            return new Opened(alias, trusting(chain[0]));
        } catch (UnrecoverableKeyException e) {
            throw new LauncherException(where + ": the key '" + alias + "' does not open with "
                    + Setting.TLS_KEYSTORE_PASSWORD.envName() + " (the key and the keystore need the same password)");
        } catch (GeneralSecurityException e) {
            throw new LauncherException(where + ": " + e.getMessage());
        }
    }

    private static KeyStore load(Path keystore, char[] password, String where) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (IOException e) {
            // PKCS12 reports a wrong password as an IOException caused by UnrecoverableKeyException
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new LauncherException(where + ": " + Setting.TLS_KEYSTORE_PASSWORD.envName()
                        + " does not open it");
            }
            throw new LauncherException(where + ": not a PKCS#12 keystore this launcher can read ("
                    + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            throw new LauncherException(where + ": " + e.getMessage());
        }
    }

    private static String onlyKeyAlias(KeyStore store, String where) {
        List<String> keys = new ArrayList<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keys.add(alias);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new LauncherException(where + ": " + e.getMessage());
        }
        if (keys.size() != 1) {
            throw new LauncherException(where + ": needs exactly one private key entry, found " + keys.size());
        }
        return keys.get(0);
    }

    private static SSLContext trusting(Certificate certificate) throws GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            trusted.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        trusted.setCertificateEntry("cistern", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
