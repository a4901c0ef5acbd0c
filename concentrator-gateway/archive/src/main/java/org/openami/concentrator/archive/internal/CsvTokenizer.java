package org.openami.concentrator.archive.internal;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into rows of cells (RFC 4180 quoting) while counting physical lines: skips
 * a leading BOM, blank lines and lines whose first non-blank character is {@code #}; accepts
 * CRLF, LF and CR line ends; strips white space around values. Memory is bounded: at most
 * {@link #MAX_CELLS} cells of at most {@link #MAX_CELL_CHARS} characters are kept per row.
 * Malformed quoting is reported in the cell ({@link RawCell#error}), not thrown.
 * Not thread-safe.
 */
final class CsvTokenizer {

    static final int MAX_CELLS = 64;
    static final int MAX_CELL_CHARS = 1024;

    /** A cell: where it starts, its text and, if it could not be read cleanly, why not. */
    record RawCell(int line, String text, String error) {
    }

    /**
     * A row: where it starts, its first {@link #MAX_CELLS} cells, how many it has, and whether
     * its last cell is a quote that is never closed (so the count means little).
     */
    record RawRow(int line, List<RawCell> cells, int cellCount, boolean unclosed) {
    }

    private static final int EOF = -1;

    private final Reader in;
    private final char[] buffer = new char[8192];
    private int pos;
    private int limit;
    private int line = 1;
    private boolean started;
    private boolean unclosed;

    CsvTokenizer(Reader in) {
        this.in = in;
    }

    /** The physical line being read (where the next problem would be). */
    int line() {
        return line;
    }

    /** The next row, or null at the end of the text. */
    RawRow next() throws IOException {
        if (!started) {
            started = true;
            if (peek() == '\uFEFF') {
                read();
            }
        }
        while (true) {
            skipBlanks();
            int c = peek();
            if (c == EOF) {
                return null;
            }
            if (c == '\r' || c == '\n') {
                endLine();
                continue;
            }
            if (c == '#') {
                while (c != EOF && c != '\r' && c != '\n') {
                    read();
                    c = peek();
                }
                endLine();
                continue;
            }
            return row();
        }
    }

    private RawRow row() throws IOException {
        int rowLine = line;
        List<RawCell> cells = new ArrayList<>();
        int count = 0;
        while (true) {
            unclosed = false;
            RawCell cell = cell();
            if (count++ < MAX_CELLS) {
                cells.add(cell);
            }
            int c = peek();
            if (c == ',') {
                read();
                continue;
            }
            endLine();
            return new RawRow(rowLine, cells, count, unclosed);
        }
    }

    /** Reads one cell up to (not including) the next comma, line end or end of text. */
    private RawCell cell() throws IOException {
        skipBlanks();
        int cellLine = line;
        StringBuilder sb = new StringBuilder();
        String error = null;
        int c = peek();
        if (c == '"') {
            read();
            while (true) {
                c = read();
                if (c == EOF) {
                    unclosed = true;
                    return new RawCell(cellLine, sb.toString().strip(),
                            "the quote opened on line " + cellLine + " is never closed");
                }
                if (c == '"') {
                    if (peek() != '"') {
                        break;
                    }
                    read();
                } else if (c == '\r' || c == '\n') {
                    if (c == '\r' && peek() == '\n') {
                        read();
                    }
                    line++;
                    c = '\n';
                }
                error = append(sb, c, error);
            }
            skipBlanks();
            c = peek();
            if (c != ',' && c != '\r' && c != '\n' && c != EOF) {
                error = "text after the closing quote; inside a quoted value write a quote as \"\"";
                skipToCellEnd();
            }
        } else {
            while (c != ',' && c != '\r' && c != '\n' && c != EOF) {
                read();
                if (c == '"' && error == null) {
                    error = "a quote inside an unquoted value; quote the whole value and write the quote as \"\"";
                }
                error = append(sb, c, error);
                c = peek();
            }
        }
        return new RawCell(cellLine, sb.toString().strip(), error);
    }

    private static String append(StringBuilder sb, int c, String error) {
        if (sb.length() < MAX_CELL_CHARS) {
            sb.append((char) c);
            return error;
        }
        return error != null ? error : "is longer than " + MAX_CELL_CHARS + " characters";
    }

    private void skipToCellEnd() throws IOException {
        int c = peek();
        while (c != ',' && c != '\r' && c != '\n' && c != EOF) {
            read();
            c = peek();
        }
    }

    private void skipBlanks() throws IOException {
        int c = peek();
        while (c == ' ' || c == '\t') {
            read();
            c = peek();
        }
    }

    /** Consumes a line end (CRLF, LF or CR) if one is next. */
    private void endLine() throws IOException {
        int c = peek();
        if (c == '\r' || c == '\n') {
            read();
            if (c == '\r' && peek() == '\n') {
                read();
            }
            line++;
        }
    }

    private int peek() throws IOException {
        if (pos == limit && !fill()) {
            return EOF;
        }
        return buffer[pos];
    }

    private int read() throws IOException {
        if (pos == limit && !fill()) {
            return EOF;
        }
        return buffer[pos++];
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }
}
