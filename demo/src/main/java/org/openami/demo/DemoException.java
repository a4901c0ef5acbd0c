package org.openami.demo;

/**
 * A demo run could not be set up or carried through: a part did not start, the concentrator
 * stopped on its own, the project is not built. The message says which part and why, in one
 * line a person can act on.
 */
public final class DemoException extends Exception {

    private static final long serialVersionUID = 1L;

    public DemoException(String message) {
        super(message);
    }

    public DemoException(String message, Throwable cause) {
        super(message, cause);
    }
}
