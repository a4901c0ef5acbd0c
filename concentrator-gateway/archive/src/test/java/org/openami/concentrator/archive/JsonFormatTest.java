package org.openami.concentrator.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openami.concentrator.channel.LineSettings;

class JsonFormatTest {

    static MeterArchive read(String text, Set<String> channels) throws IOException, ArchiveException {
        return ArchiveFormat.JSON.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), channels, "test.json");
    }

    static ArchiveException refused(String text) {
        ArchiveException e = catchThrowableOfType(ArchiveException.class, () -> read(text, Set.of()));
        assertThat(e).as("input must be refused").isNotNull();
        return e;
    }

    static String write(MeterArchive a) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ArchiveFormat.JSON.write(a, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheDocumentedShape() throws Exception {
        MeterArchive a = read("""
                {"meters":[{"point":1,"address":"000000000001","protocol":"dlt645-2007","channel":"rs485-1",
                "serial":"2400-8E1","ct":1,"pt":1,"area":"台区01","account":"A-1","tariff":"T1","keepPower":false,
                "registerMap":""}]}
                """, Set.of("rs485-1"));

        assertThat(a.records()).containsExactly(new MeterRecord(1, "000000000001", MeterProtocol.DLT645_2007,
                "rs485-1", LineSettings.DLT645_DEFAULT, 1, 1, "台区01", "A-1", "T1", false, ""));
    }

    @Test
    void writesOneMeterALineAndReadsItBack() throws Exception {
        MeterArchive a = MeterArchive.of(List.of(Meters.dlt(1, "000000000001", "rs485-1"),
                new MeterRecord(2, "5", MeterProtocol.MODBUS_RTU, "rs485-2", LineSettings.MODBUS_DEFAULT, 40, 100,
                        "台区 \"东\"\\", "", "", true, "sdm630")));

        String text = write(a);

        assertThat(text).isEqualTo("""
                {"meters": [
                  {"point": 1, "address": "000000000001", "protocol": "dlt645-2007", "channel": "rs485-1", \
                "serial": "2400-8E1", "ct": 1, "pt": 1, "area": "台区01", "account": "A-1", "tariff": "T1", \
                "keepPower": false, "registerMap": ""},
                  {"point": 2, "address": "5", "protocol": "modbus-rtu", "channel": "rs485-2", "serial": "9600-8N1", \
                "ct": 40, "pt": 100, "area": "台区 \\"东\\"\\\\", "account": "", "tariff": "", "keepPower": true, \
                "registerMap": "sdm630"}
                ]}
                """);
        assertThat(read(text, Set.of())).isEqualTo(a);
        assertThat(write(MeterArchive.empty())).isEqualTo("{\"meters\": []}\n");
        assertThat(read(write(MeterArchive.empty()), Set.of())).isEqualTo(MeterArchive.empty());
    }

    @Test
    void problemsNameTheJsonLineOfTheValue() {
        ArchiveException e = refused("""
                {
                  "meters": [
                    {
                      "point": 1,
                      "address": "000000000001",
                      "protocol": "dlt645-2007",
                      "channel": "rs485-1",
                      "serial": "2400-8Q1"
                    },
                    {"point": 2, "address": "000000000002", "protocol": "dlt645-2007",
                     "channel": "rs485-1", "colour": "red"}
                  ]
                }
                """);

        assertThat(e.problems()).extracting(ArchiveProblem::toString).containsExactly(
                "line 8, serial = '2400-8Q1': serial settings '2400-8Q1': parity 'Q' is not N, E or O",
                "line 11, colour: unknown field; the fields are point, address, protocol, channel, serial, ct, pt, "
                        + "area, account, tariff, keepPower, registerMap");
    }

    @Test
    void boundsNestingStringsAndNumbers() {
        String deep = "[".repeat(5000);
        String longString = "x".repeat(100_000);
        String longNumber = "9".repeat(1000);

        assertThat(refused("{\"meters\": [{\"area\": " + deep).problems()).last()
                .satisfies(p -> assertThat(p.message()).startsWith("not valid JSON: Document nesting depth (17)"));
        assertThat(refused("{\"meters\": [{\"area\": \"" + longString + "\"}]}").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("not valid JSON: String value length"));
        assertThat(refused("{\"meters\": [{\"point\": " + longNumber + "}]}").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("not valid JSON: Number value length"));
    }

    @Test
    void aNumberTooBigForAPointIsAProblemNotACrash() {
        ArchiveException e = refused("{\"meters\": [{\"point\": 99999999999999999999, \"ct\": -3, \"address\": "
                + "\"000000000001\", \"protocol\": \"dlt645-2007\", \"channel\": \"c\"}]}");

        assertThat(e.problems()).extracting(ArchiveProblem::field, ArchiveProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("point", "a point is a whole number 1..2040"),
                org.assertj.core.groups.Tuple.tuple("ct", "a ratio is at least 1 (1 for a direct-connected meter)"));
    }

    @Test
    void refusesAnOversizedInputWithoutReadingItAll() {
        CsvFormatTest.CountingGarbage spaces = new CsvFormatTest.CountingGarbage(ArchiveFormat.MAX_INPUT_BYTES * 4, " ");
        InputStream in = new SequenceInputStream(new ByteArrayInputStream("{\"meters\": [".getBytes(StandardCharsets.UTF_8)),
                spaces);

        ArchiveException e = catchThrowableOfType(ArchiveException.class,
                () -> ArchiveFormat.JSON.read(in, Set.of(), "huge.json"));

        assertThat(e.problems()).extracting(ArchiveProblem::message)
                .containsExactly("the file is larger than 16777216 bytes; refused");
        assertThat(spaces.delivered).isLessThanOrEqualTo(ArchiveFormat.MAX_INPUT_BYTES + 1);
    }

    @Test
    void aFailingStreamIsAnIoErrorNotABadArchive() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk gone");
            }
        };

        assertThatThrownBy(() -> ArchiveFormat.JSON.read(failing, Set.of(), "x.json"))
                .isExactlyInstanceOf(IOException.class).hasMessage("disk gone");
    }
}
