package org.openami.cloud.broker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/** Checks, before a broker starts, that the TLS files it needs are there and usable. */
final class TlsFileCheck {

    private TlsFileCheck() {
    }

    /**
     * @param file the file, may be null
     * @param name the {@link TlsFiles} component, for the message
     * @return the absolute path
     * @throws BrokerException if the file is not set or not a readable regular file
     */
    static Path readable(Path file, String name) throws BrokerException {
        if (file == null) {
            throw new BrokerException("TLS file tls." + name + " is not set");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new BrokerException("TLS file tls." + name + " (" + file + ") does not exist or is not readable");
        }
        return file.toAbsolutePath();
    }

    /**
     * @param file a PKCS#12 store
     * @param password its password, may be null
     * @param name the {@link TlsFiles} component, for the message
     * @param needKey whether the store must hold a private key entry
     * @throws BrokerException if the store cannot be opened with the password or lacks what is needed
     */
    static void pkcs12(Path file, char[] password, String name, boolean needKey) throws BrokerException {
        if (password == null) {
            throw new BrokerException("TLS password for tls." + name + " is not set");
        }
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new BrokerException("TLS file tls." + name + " (" + file
                    + ") cannot be opened as PKCS#12 with the given password: " + e.getMessage(), e);
        }
        try {
            boolean found = false;
            for (String alias : java.util.Collections.list(store.aliases())) {
                found |= needKey ? store.isKeyEntry(alias) : store.isCertificateEntry(alias);
            }
            if (!found) {
                throw new BrokerException("TLS file tls." + name + " (" + file + ") holds no "
                        + (needKey ? "private key entry" : "trusted certificate"));
            }
        } catch (java.security.KeyStoreException e) {
            throw new BrokerException("TLS file tls." + name + " (" + file + ") cannot be read: " + e.getMessage(), e);
        }
    }
}
