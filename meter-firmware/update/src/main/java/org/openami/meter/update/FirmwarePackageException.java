package org.openami.meter.update;

import java.util.Objects;

/**
 * A firmware package was refused. Carries the {@link Reason} and the {@link #subject()} it
 * concerns: a file in the package ({@code app/meter.jar}, {@code manifest.sig}) or a manifest
 * field ({@code version}, {@code file.2.sha256}). The message is
 * {@code REASON: subject: detail}; untrusted names in it are cut to 200 characters and control
 * characters replaced, so it is safe to log and to print on one line.
 *
 * <p>It describes untrusted input, not a program fault, so it records no stack trace.
 */
public final class FirmwarePackageException extends Exception {

    private static final long serialVersionUID = 1L;
    private static final int MAX_SUBJECT = 200;

    /** Why a package was refused, roughly in the order the checks run. */
    public enum Reason {
        /** The package file is larger than allowed, has too many entries, or its manifest declares more bytes than allowed. */
        TOO_LARGE,
        /** Not a readable zip file: garbage, truncated, duplicate entries, bad compressed data. */
        MALFORMED_PACKAGE,
        /** A zip entry name or manifest path is absolute, contains {@code ..}, {@code .}, empty segments, a backslash, a colon or control characters, or lies outside {@code app/}. */
        UNSAFE_PATH,
        /** {@code manifest.properties}, {@code manifest.sig} or a payload file named in the manifest is absent. */
        MISSING_FILE,
        /** The zip holds an entry (file or directory) the signed manifest does not list. */
        EXTRA_FILE,
        /** The manifest names a key id that is not among the trusted keys. */
        UNKNOWN_KEY,
        /** The signature does not verify against the trusted key named by the manifest. */
        BAD_SIGNATURE,
        /** The (signed) manifest breaks the format: unknown or duplicate keys, bad values, not canonical. */
        MALFORMED_MANIFEST,
        /** The manifest is for another product. */
        WRONG_PRODUCT,
        /** The version is not strictly greater than the active and the highest installed version. */
        VERSION_NOT_NEWER,
        /** A payload file's size or SHA-256 differs from the manifest. */
        HASH_MISMATCH
    }

    private final Reason reason;
    private final String subject;

    /**
     * @param reason  why
     * @param subject the file or manifest field concerned
     * @param detail  human-readable explanation
     */
    public FirmwarePackageException(Reason reason, String subject, String detail) {
        this(reason, subject, detail, null);
    }

    /**
     * @param reason  why
     * @param subject the file or manifest field concerned
     * @param detail  human-readable explanation
     * @param cause   the low-level failure, or null
     */
    public FirmwarePackageException(Reason reason, String subject, String detail, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason") + ": " + safe(subject) + ": " + safe(detail), cause, false, false);
        this.reason = reason;
        this.subject = safe(subject);
    }

    /** Why the package was refused. */
    public Reason reason() {
        return reason;
    }

    /** The file or manifest field concerned (sanitised). */
    public String subject() {
        return subject;
    }

    /** Cuts untrusted text to a printable single line. */
    static String safe(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_SUBJECT + 3));
        for (int i = 0; i < s.length() && i < MAX_SUBJECT; i++) {
            char c = s.charAt(i);
            sb.append(Character.isISOControl(c) ? '?' : c);
        }
        if (s.length() > MAX_SUBJECT) {
            sb.append("...");
        }
        return sb.toString();
    }
}
