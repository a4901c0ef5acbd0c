package org.openami.concentrator.archive.internal;

/**
 * One value of one meter as read from a file.
 *
 * @param line   the physical line the value starts on
 * @param text   the value, surrounding white space removed ("" = not given)
 * @param broken the value could not be read (a problem was already reported), so it is unknown
 */
public record Cell(int line, String text, boolean broken) {

    public static Cell of(int line, String text) {
        return new Cell(line, text, false);
    }

    public static Cell broken(int line, String text) {
        return new Cell(line, text, true);
    }
}
