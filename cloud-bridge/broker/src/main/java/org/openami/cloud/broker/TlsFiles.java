package org.openami.cloud.broker;

import java.nio.file.Path;

/**
 * The TLS material of a broker's listener. HiveMQ reads the PKCS#12 key store (server key and
 * certificate chain; the key store password also protects the key) and the PKCS#12 trust store
 * (the CA certificates client certificates must chain to). Mosquitto reads the PEM files: the
 * server key, the server certificate (optionally followed by intermediates) and the CA
 * certificates. A broker checks only the files it uses; the others may be {@code null}.
 *
 * <p>The password arrays are held by reference, not copied; {@link #toString()} never shows them.
 *
 * @param keyStore PKCS#12 key store with the server key entry (HiveMQ)
 * @param keyStorePassword password of the key store and of its key entry (HiveMQ)
 * @param trustStore PKCS#12 trust store with the client CA certificates (HiveMQ)
 * @param trustStorePassword password of the trust store (HiveMQ)
 * @param serverKeyPem PEM private key of the server (Mosquitto)
 * @param serverCertPem PEM certificate (chain) of the server (Mosquitto)
 * @param caPem PEM CA certificates that client certificates must chain to (Mosquitto)
 */
public record TlsFiles(Path keyStore, char[] keyStorePassword, Path trustStore, char[] trustStorePassword,
                       Path serverKeyPem, Path serverCertPem, Path caPem) {

    /** @return the paths, with the passwords masked */
    @Override
    public String toString() {
        return "TlsFiles[keyStore=" + keyStore + ", keyStorePassword=" + mask(keyStorePassword)
                + ", trustStore=" + trustStore + ", trustStorePassword=" + mask(trustStorePassword)
                + ", serverKeyPem=" + serverKeyPem + ", serverCertPem=" + serverCertPem + ", caPem=" + caPem + "]";
    }

    private static String mask(char[] password) {
        return password == null ? "null" : "****";
    }
}
