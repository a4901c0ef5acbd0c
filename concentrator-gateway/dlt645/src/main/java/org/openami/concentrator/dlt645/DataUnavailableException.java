package org.openami.concentrator.dlt645;

/**
 * The meter answered, but does not hold the data asked for: a freeze older than it keeps, a
 * load-profile point it never recorded, a day it has not frozen yet. Not worth retrying soon.
 */
public class DataUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public DataUnavailableException(String message) {
        super(message);
    }
}
