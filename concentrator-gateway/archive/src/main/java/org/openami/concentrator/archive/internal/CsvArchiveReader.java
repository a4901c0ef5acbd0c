package org.openami.concentrator.archive.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Set;
import org.openami.concentrator.archive.ArchiveException;
import org.openami.concentrator.archive.MeterArchive;
import org.openami.concentrator.archive.internal.Column.Naming;
import org.openami.concentrator.archive.internal.CsvTokenizer.RawCell;
import org.openami.concentrator.archive.internal.CsvTokenizer.RawRow;

/**
 * Reads the CSV archive format (see the module README): a header row naming the columns,
 * then one meter a row. Stateless; each call reads one stream and does not close it.
 */
public final class CsvArchiveReader {

    private CsvArchiveReader() {
    }

    /**
     * @param maxBytes the input is refused after this many bytes
     * @throws ArchiveException listing every problem of the file
     * @throws IOException      if reading {@code in} fails
     */
    public static MeterArchive read(InputStream in, Set<String> channels, String source, long maxBytes)
            throws IOException, ArchiveException {
        BoundedInput bounded = new BoundedInput(in, maxBytes);
        CsvTokenizer tokenizer = new CsvTokenizer(new Utf8Reader(bounded));
        ArchiveBuilder builder = new ArchiveBuilder(channels, Naming.CSV);
        Problems problems = builder.problems();
        try {
            RawRow header = tokenizer.next();
            if (header == null) {
                problems.add(0, "", "", "the file is empty; it needs a header row: " + Column.list(Naming.CSV));
            } else {
                Column[] columns = header(header, problems);
                if (columns != null) {
                    for (RawRow row = tokenizer.next(); row != null; row = tokenizer.next()) {
                        row(row, columns, builder);
                    }
                }
            }
        } catch (BoundedInput.TooLarge e) {
            problems.add(0, "", "", "the file is larger than " + maxBytes + " bytes; refused");
        } catch (CharacterCodingException e) {
            problems.add(tokenizer.line(), "", "", "the file is not UTF-8 text: invalid bytes on this line");
        } catch (IOException e) {
            if (bounded.sourceFailed()) {
                throw e;
            }
            problems.add(tokenizer.line(), "", "", "cannot read the file: " + Printable.escape(String.valueOf(e.getMessage()), 200));
        }
        return builder.build(source);
    }

    /** The column of each header cell (null for unknown or repeated ones), or null if it is no header. */
    private static Column[] header(RawRow header, Problems problems) {
        Column[] columns = new Column[header.cells().size()];
        int known = 0;
        for (RawCell cell : header.cells()) {
            if (Column.byName(cell.text(), Naming.CSV) != null) {
                known++;
            }
        }
        if (known == 0) {
            problems.add(header.line(), "", header.cells().get(0).text(),
                    "the first row must be the header naming the columns: " + Column.list(Naming.CSV));
            return null;
        }
        if (header.cellCount() > header.cells().size()) {
            problems.add(header.line(), "", "", "the header has " + header.cellCount() + " columns; there are only "
                    + Column.values().length);
        }
        boolean[] seen = new boolean[Column.values().length];
        for (int i = 0; i < columns.length; i++) {
            RawCell cell = header.cells().get(i);
            String name = cell.text().toLowerCase(Locale.ROOT);
            Column c = Column.byName(name, Naming.CSV);
            if (cell.error() != null) {
                problems.add(cell.line(), "", cell.text(), cell.error());
            } else if (name.isEmpty()) {
                problems.add(cell.line(), "", "", "column " + (i + 1) + " of the header has no name");
            } else if (c == null) {
                problems.add(cell.line(), cell.text(), "", "unknown column; the columns are " + Column.list(Naming.CSV));
            } else if (seen[c.ordinal()]) {
                problems.add(cell.line(), cell.text(), "", "the column is given twice");
            } else {
                seen[c.ordinal()] = true;
                columns[i] = c;
            }
        }
        for (Column c : Column.all()) {
            if (c.required() && !seen[c.ordinal()]) {
                problems.add(header.line(), c.csvName(), "", "the required column is missing");
            }
        }
        return columns;
    }

    private static void row(RawRow raw, Column[] columns, ArchiveBuilder builder) {
        Problems problems = builder.problems();
        boolean broken = raw.unclosed();
        if (raw.cellCount() != columns.length && !raw.unclosed()) {
            problems.add(raw.line(), "", "", "the row has " + raw.cellCount() + (raw.cellCount() == 1 ? " value" : " values")
                    + "; the header has " + columns.length + " columns");
            broken = true;
        }
        EnumMap<Column, Cell> cells = new EnumMap<>(Column.class);
        for (int i = 0; i < columns.length; i++) {
            if (columns[i] == null) {
                continue;
            }
            if (i >= raw.cells().size()) {
                cells.put(columns[i], Cell.broken(raw.line(), ""));
                continue;
            }
            RawCell cell = raw.cells().get(i);
            if (cell.error() != null) {
                problems.add(cell.line(), columns[i].csvName(), cell.text(), cell.error());
                cells.put(columns[i], Cell.broken(cell.line(), cell.text()));
            } else {
                cells.put(columns[i], Cell.of(cell.line(), cell.text()));
            }
        }
        builder.add(new Row(raw.line(), cells, false), broken);
    }
}
