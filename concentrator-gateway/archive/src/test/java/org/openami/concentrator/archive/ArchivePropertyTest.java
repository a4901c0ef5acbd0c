package org.openami.concentrator.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple5;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.openami.concentrator.archive.internal.Printable;
import org.openami.concentrator.archive.internal.RecordRules;
import org.openami.concentrator.channel.LineSettings;

/**
 * Properties: any valid archive survives a round trip through both formats; no input, however
 * broken, gives anything but an archive or an {@link ArchiveException} whose lines are in the file.
 */
@StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
class ArchivePropertyTest {

    // ---- round trip ----

    @Property(tries = 300)
    void csvRoundTrip(@ForAll("archives") MeterArchive archive) throws Exception {
        String csv = write(ArchiveFormat.CSV, archive);

        assertThat(read(ArchiveFormat.CSV, csv)).isEqualTo(archive);

        // the generator must not degenerate into trivial archives
        Statistics.label("10+ meters").collect(archive.size() >= 10);
        Statistics.label("10+ meters").coverage(c -> c.check(true).percentage(p -> p > 15));
        Statistics.label("quoted values").collect(csv.contains("\"\""));
        Statistics.label("quoted values").coverage(c -> c.check(true).percentage(p -> p > 30));
        Statistics.label("both protocols").collect(archive.records().stream().map(MeterRecord::protocol).distinct().count() == 2);
        Statistics.label("both protocols").coverage(c -> c.check(true).percentage(p -> p > 30));
    }

    @Property(tries = 300)
    void jsonRoundTrip(@ForAll("archives") MeterArchive archive) throws Exception {
        assertThat(read(ArchiveFormat.JSON, write(ArchiveFormat.JSON, archive))).isEqualTo(archive);
    }

    @Property(tries = 100)
    void withoutThenWithGivesTheSameArchive(@ForAll("archives") MeterArchive archive) throws Exception {
        for (MeterRecord r : archive) {
            assertThat(archive.without(r.point()).with(r)).isEqualTo(archive);
            assertThat(archive.without(r.point()).byAddress(r.channel(), r.address())).isEmpty();
        }
    }

    // ---- garbage ----

    @Property(tries = 500)
    void garbageCsvLinesAfterAHeaderGiveOnlyArchiveExceptions(@ForAll("garbageLines") @Size(max = 12) List<String> lines) {
        String text = CsvFormatTest.HEADER + "\n" + String.join("\n", lines);
        readsOrRefuses(ArchiveFormat.CSV, text.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 300)
    void garbageBytesGiveOnlyArchiveExceptions(@ForAll byte[] bytes) {
        readsOrRefuses(ArchiveFormat.CSV, bytes);
        readsOrRefuses(ArchiveFormat.JSON, bytes);
    }

    @Property(tries = 500)
    void garbageJsonTextGivesOnlyArchiveExceptions(@ForAll("garbageJson") String text) {
        readsOrRefuses(ArchiveFormat.JSON, text.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 300)
    void damagedFilesGiveOnlyArchiveExceptions(@ForAll("archives") MeterArchive archive,
                                               @ForAll("damage") List<int[]> damage) throws IOException {
        for (ArchiveFormat format : ArchiveFormat.values()) {
            byte[] bytes = write(format, archive).getBytes(StandardCharsets.UTF_8);
            for (int[] d : damage) {
                if (bytes.length > 0) {
                    bytes[d[0] % bytes.length] = (byte) d[1];
                }
            }
            readsOrRefuses(format, bytes);
        }
    }

    /** Reading gives an archive or an ArchiveException whose problems lie inside the input. */
    private static void readsOrRefuses(ArchiveFormat format, byte[] bytes) {
        boolean refused = readOrRefuse(format, bytes);
        Statistics.label("refused " + format).collect(refused);
        Statistics.label("refused " + format).coverage(c -> c.check(true).percentage(p -> p > 50));
    }

    private static boolean readOrRefuse(ArchiveFormat format, byte[] bytes) {
        int lines = 1;
        for (byte b : bytes) {
            lines += b == '\n' || b == '\r' ? 1 : 0;
        }
        try {
            format.read(new ByteArrayInputStream(bytes), Set.of("rs485-1", "rs485-2"), "garbage");
            return false;
        } catch (ArchiveException e) {
            assertThat(e.problems()).isNotEmpty();
            for (ArchiveProblem p : e.problems()) {
                assertThat(p.line()).isBetween(0, lines);
                assertThat(Printable.firstUnsafe(p.value())).isEqualTo(-1);
                assertThat(Printable.firstUnsafe(p.field())).isEqualTo(-1);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            throw new AssertionError(format + " threw " + e + " for " + new String(bytes, StandardCharsets.UTF_8), e);
        }
    }

    // ---- generators ----

    @Provide
    Arbitrary<MeterArchive> archives() {
        Arbitrary<Tuple5<String, String, String, String, String>> texts = Combinators.combine(
                text(), text(), text(),
                Arbitraries.strings().numeric().ofLength(12).filter(s -> !s.equals("999999999999")),
                Arbitraries.of("sdm630", "dds238.v2", "x_1-a", "9")).as(Tuple::of);
        Arbitrary<MeterRecord> records = Combinators.combine(
                Arbitraries.integers().between(1, MeterRecord.MAX_POINT),
                Arbitraries.of(MeterProtocol.class),
                Arbitraries.of("rs485-1", "rs485-2", "plc", "a, \"quoted\" channel", "台区-总表", "#1"),
                lineSettings(),
                Arbitraries.integers().between(1, RecordRules.MAX_RATIO),
                Arbitraries.integers().between(1, 100),
                Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(1, 247)).as(Tuple::of),
                texts
        ).as((point, protocol, channel, line, ct, pt, keepUnit, t) -> protocol == MeterProtocol.DLT645_2007
                ? new MeterRecord(point, t.get4(), protocol, channel, line, ct, pt, t.get1(), t.get2(), t.get3(),
                        keepUnit.get1(), "")
                : new MeterRecord(point, Integer.toString(keepUnit.get2()), protocol, channel, line, ct, pt,
                        t.get1(), t.get2(), t.get3(), keepUnit.get1(), t.get5()));
        return records.list().ofMaxSize(40)
                .uniqueElements(MeterRecord::point)
                .uniqueElements(r -> r.channel() + "\n" + r.address())
                .map(list -> {
                    try {
                        return MeterArchive.of(list);
                    } catch (ArchiveException e) {
                        throw new AssertionError("generated an invalid archive: " + e.getMessage(), e);
                    }
                });
    }

    private static Arbitrary<LineSettings> lineSettings() {
        return Combinators.combine(
                Arbitraries.of(300, 1200, 2400, 4800, 9600, 19200, 115200),
                Arbitraries.of(7, 8),
                Arbitraries.of(LineSettings.Parity.class),
                Arbitraries.of(1, 2)).as(LineSettings::new);
    }

    /** Free text that follows the archive rules, rich in what CSV and JSON must escape. */
    private static Arbitrary<String> text() {
        Arbitrary<String> tricky = Arbitraries.strings().withChars("ab 台区东门,\"'#\\/;:{}[]0-9é😀".toCharArray())
                .ofMaxLength(70);
        Arbitrary<String> any = Arbitraries.strings().ofMaxLength(70);
        return Arbitraries.oneOf(tricky, any, Arbitraries.just("")).map(ArchivePropertyTest::legal);
    }

    /** {@code s} made legal: unsafe characters dropped, stripped, no formula start, at most 64 characters. */
    private static String legal(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().filter(cp -> !Printable.isUnsafe(cp)).limit(RecordRules.MAX_TEXT).forEach(sb::appendCodePoint);
        String t = sb.toString().strip();
        while (!t.isEmpty() && RecordRules.formulaProblem(t) != null) {
            t = t.substring(1).strip();
        }
        return t;
    }

    @Provide
    Arbitrary<List<String>> garbageLines() {
        Arbitrary<String> csvish = Arbitraries.strings()
                .withChars(",,,,\"\"#\r\n\t \u0000\u202E\uFEFFaé台0123456789-AEN".toCharArray()).ofMaxLength(120);
        Arbitrary<String> rowish = Arbitraries.of(
                "1,000000000001,dlt645-2007,rs485-1,2400-8E1,1,1,A,,,false,",
                "2,1,modbus-rtu,rs485-2,9600-8N1,1,1,,,,false,sdm630",
                "\"", "#", "", ",,,,,,,,,,,").map(s -> s);
        return Arbitraries.oneOf(csvish, rowish, Arbitraries.strings().ofMaxLength(200)).list();
    }

    @Provide
    Arbitrary<String> garbageJson() {
        Arbitrary<String> tokens = Arbitraries.of("{", "}", "[", "]", ",", ":", "\"meters\"", "\"point\"", "\"address\"",
                "\"keepPower\"", "\"ct\"", "1", "-1", "1.5e999", "99999999999999999999", "true", "null", "\"x\"",
                "\"000000000001\"", "\"dlt645-2007\"", "\"\\u0000\"", "\"\\ud800\"", "\n", " ", "/*", "'");
        Arbitrary<String> structured = tokens.list().ofMaxSize(60).map(l -> String.join("", l));
        return Arbitraries.oneOf(structured, structured.map(s -> "{\"meters\":[" + s), Arbitraries.strings().ofMaxLength(200));
    }

    @Provide
    Arbitrary<List<int[]>> damage() {
        return Combinators.combine(Arbitraries.integers().between(0, Integer.MAX_VALUE),
                Arbitraries.integers().between(0, 255)).as((at, b) -> new int[] {at, b}).list().ofMinSize(1).ofMaxSize(4);
    }

    // ---- helpers ----

    private static String write(ArchiveFormat format, MeterArchive archive) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        format.write(archive, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static MeterArchive read(ArchiveFormat format, String text) throws IOException, ArchiveException {
        return format.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Set.of(), "round-trip");
    }
}
