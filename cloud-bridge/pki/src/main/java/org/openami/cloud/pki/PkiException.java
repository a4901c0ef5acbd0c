package org.openami.cloud.pki;

/**
 * A certificate, key, request or file the PKI refuses or cannot use. The message names the
 * file or field concerned and what is wrong with it, in one line, and never contains key
 * material. When the problem is an I/O failure the {@linkplain #getCause() cause} is the
 * {@link java.io.IOException}.
 */
public final class PkiException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the file or field */
    public PkiException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming the file or field
     * @param cause   the underlying failure
     */
    public PkiException(String message, Throwable cause) {
        super(message, cause);
    }
}
