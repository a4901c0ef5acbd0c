package org.openami.concentrator.archive.internal;

import java.util.EnumMap;

/**
 * The values of one meter as read from a file, before validation. Not thread-safe.
 *
 * @param line          the physical line the row (CSV) or object (JSON) starts on
 * @param cells         the values given, by column; a column not in the file has no entry
 * @param reportMissing whether a required column without a value is a problem of this row (JSON);
 *                      false when the missing column was already reported once (CSV header)
 */
public record Row(int line, EnumMap<Column, Cell> cells, boolean reportMissing) {

    private static final EnumMap<Column, Cell> NONE = new EnumMap<>(Column.class);

    public Row {
        cells = cells == null ? NONE : cells;
    }

    /** The value of {@code c}, or null if the file does not give it. */
    public Cell cell(Column c) {
        return cells.get(c);
    }
}
