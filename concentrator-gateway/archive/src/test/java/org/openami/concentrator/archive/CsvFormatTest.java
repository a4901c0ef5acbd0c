package org.openami.concentrator.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openami.concentrator.channel.LineSettings;

class CsvFormatTest {

    static final String HEADER = "point,address,protocol,channel,serial,ct,pt,area,account,tariff,keep_power,register_map";

    static MeterArchive read(String text, Set<String> channels) throws IOException, ArchiveException {
        return ArchiveFormat.CSV.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), channels, "test.csv");
    }

    static ArchiveException refused(String text) {
        ArchiveException e = catchThrowableOfType(ArchiveException.class, () -> read(text, Set.of()));
        assertThat(e).as("input must be refused").isNotNull();
        return e;
    }

    static String write(MeterArchive a) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ArchiveFormat.CSV.write(a, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theSampleArchiveHoldsFourDlt645MetersAndAnSdm630() throws Exception {
        Path sample = Path.of(getClass().getResource("/sample-archive.csv").toURI());

        MeterArchive a = ArchiveFiles.load(sample, Set.of("rs485-1", "rs485-2"));

        assertThat(a.onChannel("rs485-1")).extracting(MeterRecord::protocol).hasSize(4)
                .containsOnly(MeterProtocol.DLT645_2007);
        MeterRecord sdm = a.byAddress("rs485-2", "1").orElseThrow();
        assertThat(sdm.protocol()).isEqualTo(MeterProtocol.MODBUS_RTU);
        assertThat(sdm.line()).isEqualTo(new LineSettings(9600, 8, LineSettings.Parity.NONE, 1));
        assertThat(sdm.registerMap()).isEqualTo("sdm630");
        assertThat(sdm.ctRatio()).isEqualTo(40);
        assertThat(a.byPoint(3).orElseThrow().keepPower()).isTrue();
        assertThat(a.byPoint(4).orElseThrow().line().baud()).isEqualTo(9600);
        assertThat(a.records()).extracting(MeterRecord::area).containsOnly("台区01 东门");
    }

    @Test
    void optionalColumnsTakeTheirDefaults() throws Exception {
        MeterArchive a = read("""
                point,address,protocol,channel,register_map
                1,000000000001,dlt645-2007,rs485-1,
                2,7,modbus-rtu,rs485-2,sdm630
                """, Set.of());

        MeterRecord dlt = a.byPoint(1).orElseThrow();
        MeterRecord modbus = a.byPoint(2).orElseThrow();
        assertThat(dlt.line()).isEqualTo(LineSettings.DLT645_DEFAULT);
        assertThat(modbus.line()).isEqualTo(LineSettings.MODBUS_DEFAULT);
        assertThat(List.of(dlt.ctRatio(), dlt.ptRatio(), modbus.ctRatio(), modbus.ptRatio())).containsOnly(1);
        assertThat(List.of(dlt.area(), dlt.account(), dlt.tariff(), dlt.registerMap())).containsOnly("");
        assertThat(dlt.keepPower()).isFalse();
    }

    @Test
    void readsBomCrlfQuotesCommentsBlankLinesAndAnyColumnOrder() throws Exception {
        String text = "\uFEFF# exported 2024-05-01\r\n"
                + "\r\n"
                + " Channel , POINT,address,protocol,area,account,keep_power\r\n"
                + "   \r\n"
                + "rs485-1,1,000000000001,DLT645-2007,\"台区, \"\"东\"\" 门\",\" A-1 \",TRUE\r\n"
                + "# a comment between rows\r\n"
                + "rs485-1 , 2 ,000000000002,dlt645-2007,台区\u3000二,,false";

        MeterArchive a = read(text, Set.of("rs485-1"));

        assertThat(a.byPoint(1).orElseThrow().area()).isEqualTo("台区, \"东\" 门");
        assertThat(a.byPoint(1).orElseThrow().account()).isEqualTo("A-1");
        assertThat(a.byPoint(1).orElseThrow().keepPower()).isTrue();
        assertThat(a.byPoint(2).orElseThrow().channel()).isEqualTo("rs485-1");
        assertThat(a.byPoint(2).orElseThrow().area()).isEqualTo("台区\u3000二");
    }

    @Test
    void problemsNameThePhysicalLineAfterCommentsAndMultiLineValues() {
        String text = "# comment\n"
                + HEADER + "\n"
                + "\n"
                + "1,000000000001,dlt645-2007,rs485-1,,,,\"first\r\nsecond\rthird\",,,,\n"
                + "# another\n"
                + "2,000000000002,dlt645-2007,rs485-1,,x,,,,,,\n";

        ArchiveException e = refused(text);

        assertThat(e.problems()).extracting(ArchiveProblem::line, ArchiveProblem::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(4, "area"),
                org.assertj.core.groups.Tuple.tuple(8, "ct"));
    }

    @Test
    void equalValuesAreSharedBetweenRecords() throws Exception {
        MeterArchive a = read(HEADER + "\n"
                + "1,000000000001,dlt645-2007,rs485-1,2400-8E1,1,1,台区01,A-1,T1,false,\n"
                + "2,000000000002,dlt645-2007,rs485-1,2400-8e1,1,1,台区01,A-2,T1,false,\n", Set.of());

        MeterRecord one = a.byPoint(1).orElseThrow();
        MeterRecord two = a.byPoint(2).orElseThrow();
        assertThat(two.channel()).isSameAs(one.channel());
        assertThat(two.area()).isSameAs(one.area());
        assertThat(two.tariff()).isSameAs(one.tariff());
        assertThat(two.line()).isSameAs(one.line());
    }

    @Test
    void writesEveryColumnAndQuotesOnlyWhatMustBeQuoted() throws Exception {
        MeterArchive a = MeterArchive.of(List.of(
                new MeterRecord(1, "000000000001", MeterProtocol.DLT645_2007, "rs485-1", LineSettings.DLT645_DEFAULT,
                        1, 1, "台区, \"东\"", "A#1", "T1", true, ""),
                Meters.modbus(2, 5, "rs485-2")));

        String text = write(a);

        assertThat(text).isEqualTo(HEADER + "\n"
                + "1,000000000001,dlt645-2007,rs485-1,2400-8E1,1,1,\"台区, \"\"东\"\"\",\"A#1\",T1,true,\n"
                + "2,5,modbus-rtu,rs485-2,9600-8N1,40,1,台区01,C-2,C1,false,sdm630\n");
        assertThat(read(text, Set.of("rs485-1", "rs485-2"))).isEqualTo(a);
    }

    @Test
    void aHeaderWithoutRowsIsAnEmptyArchiveAndWritesBackTheSame() throws Exception {
        MeterArchive a = read(HEADER + "\n# nothing yet\n", Set.of("rs485-1"));

        assertThat(a).isEqualTo(MeterArchive.empty());
        assertThat(write(a)).isEqualTo(HEADER + "\n");
    }

    @Test
    void anEmptyChannelSetAcceptsAnyChannel() throws Exception {
        String text = HEADER + "\n1,000000000001,dlt645-2007,plc-1,,,,,,,,\n";

        assertThat(read(text, Set.of()).byPoint(1).orElseThrow().channel()).isEqualTo("plc-1");
        assertThatThrownBy(() -> read(text, Set.of("rs485-1"))).isInstanceOf(ArchiveException.class)
                .hasMessageContaining("line 2, channel = 'plc-1': unknown channel; the configured channels are rs485-1");
    }

    @Test
    void refusesTheMeterAfterTheMost() {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (int p = 1; p <= MeterRecord.MAX_POINT; p++) {
            text.append(p).append(',').append(Meters.address(p)).append(",dlt645-2007,rs485-1,,,,,,,,\n");
        }
        text.append("7,").append(Meters.address(5000)).append(",dlt645-2007,rs485-1,,,,,,,,\n");

        ArchiveException e = refused(text.toString());

        int line = MeterRecord.MAX_POINT + 2;
        assertThat(e.problems()).extracting(ArchiveProblem::toString).containsExactly(
                "line " + line + ": this is meter 2041; an archive holds at most 2040 meters",
                "line " + line + ", point = '7': point 7 is given twice (first on line 8)");
    }

    @Test
    void keepsTheFirstHundredProblemsAndCountsTheRest() {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (int p = 1; p <= 150; p++) {
            text.append(p).append(",x,dlt645-2007,rs485-1,,,,,,,,\n");
        }

        ArchiveException e = refused(text.toString());

        assertThat(e.problems()).hasSize(ArchiveException.MAX_PROBLEMS);
        assertThat(e.totalProblems()).isEqualTo(150);
        assertThat(e.problems().get(99).line()).isEqualTo(101);
        assertThat(e.getMessage()).startsWith("test.csv: 150 problems\n  line 2, address = 'x': ")
                .endsWith("\n  …and 50 more");
    }

    @Test
    void refusesAnOversizedInputWithoutReadingItAll() {
        CountingGarbage in = new CountingGarbage(ArchiveFormat.MAX_INPUT_BYTES * 4, "#".repeat(63) + "\n");

        ArchiveException e = catchThrowableOfType(ArchiveException.class,
                () -> ArchiveFormat.CSV.read(in, Set.of(), "huge.csv"));

        assertThat(e.problems()).extracting(ArchiveProblem::message)
                .containsExactly("the file is larger than 16777216 bytes; refused");
        assertThat(in.delivered).isLessThanOrEqualTo(ArchiveFormat.MAX_INPUT_BYTES + 1);
    }

    @Test
    void aFailingStreamIsAnIoErrorNotABadArchive() {
        InputStream failing = new InputStream() {
            private int n;

            @Override
            public int read() throws IOException {
                if (n++ < 100) {
                    return '#';
                }
                throw new IOException("disk gone");
            }
        };

        assertThatThrownBy(() -> ArchiveFormat.CSV.read(failing, Set.of(), "x.csv"))
                .isExactlyInstanceOf(IOException.class).hasMessage("disk gone");
    }

    /** {@code pattern} repeated for {@code size} bytes, generated, never held in memory; counts what it gave. */
    static final class CountingGarbage extends InputStream {
        private final long size;
        private final byte[] pattern;
        long delivered;

        CountingGarbage(long size, String pattern) {
            this.size = size;
            this.pattern = pattern.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int read() {
            if (delivered == size) {
                return -1;
            }
            return pattern[(int) (delivered++ % pattern.length)];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = (int) Math.min(len, size - delivered);
            if (n <= 0) {
                return -1;
            }
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) read();
            }
            return n;
        }
    }
}
