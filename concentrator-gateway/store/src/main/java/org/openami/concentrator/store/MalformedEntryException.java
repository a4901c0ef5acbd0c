package org.openami.concentrator.store;

/** A stored entry cannot be decoded: bad checksum, unknown format version, truncated bytes. */
final class MalformedEntryException extends Exception {

    private static final long serialVersionUID = 1L;

    MalformedEntryException(String message) {
        super(message);
    }
}
