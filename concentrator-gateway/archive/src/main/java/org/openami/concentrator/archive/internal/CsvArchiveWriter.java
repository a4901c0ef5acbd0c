package org.openami.concentrator.archive.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.openami.concentrator.archive.MeterArchive;
import org.openami.concentrator.archive.MeterRecord;
import org.openami.concentrator.archive.internal.Column.Naming;

/**
 * Writes the CSV archive format: UTF-8 without BOM, LF line ends, every column, one meter a
 * row in point order, values quoted only when they must be. Stateless.
 */
public final class CsvArchiveWriter {

    private CsvArchiveWriter() {
    }

    /** Writes {@code archive} to {@code out} and flushes; does not close {@code out}. */
    public static void write(MeterArchive archive, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        w.write(String.join(",", Column.all().stream().map(c -> c.name(Naming.CSV)).toList()));
        w.write('\n');
        for (MeterRecord r : archive) {
            w.write(Integer.toString(r.point()));
            cell(w, r.address());
            cell(w, r.protocol().label());
            cell(w, r.channel());
            cell(w, r.line().toString());
            cell(w, Integer.toString(r.ctRatio()));
            cell(w, Integer.toString(r.ptRatio()));
            cell(w, r.area());
            cell(w, r.account());
            cell(w, r.tariff());
            cell(w, Boolean.toString(r.keepPower()));
            cell(w, r.registerMap());
            w.write('\n');
        }
        w.flush();
    }

    private static void cell(Writer w, String v) throws IOException {
        w.write(',');
        boolean quote = false;
        for (int i = 0; i < v.length() && !quote; i++) {
            char c = v.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n' || c == '#';
        }
        if (quote) {
            w.write('"');
            w.write(v.replace("\"", "\"\""));
            w.write('"');
        } else {
            w.write(v);
        }
    }
}
