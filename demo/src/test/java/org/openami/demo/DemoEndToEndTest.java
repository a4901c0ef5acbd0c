package org.openami.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The whole demo, small: 4 DL/T 645 meters (the meter firmware) on 2 pty buses and one SDM630
 * on a Modbus line, the concentrator as {@code ./ami concentrator} in a child JVM, the cloud
 * service with embedded PostgreSQL and HiveMQ, one real minute at 240x (four simulated hours
 * across midnight). Takes about 90 s. Asserts on the JSON report it writes.
 */
class DemoEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void everyCollectedReadingReachesPostgresAndTheReportSaysSo() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        CommandLine cl = DemoCommand.commandLine(new DemoCommand(new PrintStream(console, true, StandardCharsets.UTF_8),
                Clock.systemUTC(), false));
        cl.setErr(new PrintWriter(err, true));
        Path report = dir.resolve("report.json");
        Path data = dir.resolve("data");

        int code = cl.execute("--meters", "4", "--buses", "2", "--modbus", "1", "--minutes", "1", "--speed", "240",
                "--start", "2026-11-20T23:40", "--plain", "--report", report.toString(), "--data-dir", data.toString());

        String out = console.toString(StandardCharsets.UTF_8);
        assertThat(code).as("exit code; console:%n%s%nerrors:%n%s", out, err).isZero();
        JsonNode r = new ObjectMapper().readTree(report.toFile());
        assertThat(r.get("result").asText()).as(r.toPrettyString()).isEqualTo("PASSED");
        assertThat(r.get("problems")).isEmpty();

        JsonNode readings = r.get("readings");
        long collected = readings.get("collected").asLong();
        assertThat(collected).isPositive();
        assertThat(readings.get("delivered").asLong()).isEqualTo(collected);
        assertThat(readings.get("lost").asLong()).isZero();
        assertThat(readings.get("mismatched").asLong()).isZero();
        assertThat(readings.get("undeliveredInStore").asLong()).isZero();

        JsonNode meters = r.get("meters");
        assertThat(meters.get("total").asInt()).isEqualTo(5);
        assertThat(meters.get("collected").asInt()).isEqualTo(5);
        assertThat(meters.get("delivered").asInt()).isEqualTo(5);
        assertThat(r.get("quarantined").asLong()).isZero();

        // four simulated hours from 23:40: the daily freeze of the 20th and over a dozen quarter hours are due
        JsonNode sim = r.get("simulated");
        assertThat(sim.get("dailyFreezesDue").asInt()).isEqualTo(1);
        int quarters = sim.get("quarterHoursDue").asInt();
        assertThat(quarters).isGreaterThanOrEqualTo(12);
        JsonNode daily = readings.at("/byKind/DAILY_FREEZE");
        assertThat(daily.get("producedByMeters").asLong()).isEqualTo(4 * 6 + 17);
        assertThat(readings.at("/byKind/CURVE/producedByMeters").asLong()).isEqualTo((long) quarters * (4 * 5 + 17));
        assertThat(daily.get("collectedOfProduced").asLong()).isEqualTo(daily.get("producedByMeters").asLong());
        assertThat(readings.get("collectedOfProduced").asLong()).isLessThanOrEqualTo(collected);
        assertThat(daily.get("deliveredOfProduced").asLong()).as("every due freeze reached the cloud")
                .isEqualTo(daily.get("producedByMeters").asLong());
        assertThat(readings.get("deliveredOfProduced").asLong()).isEqualTo(readings.get("collectedOfProduced").asLong());
        assertThat(r.get("collectionSuccessPercent").asDouble()).isGreaterThanOrEqualTo(95.0);

        // points 1 and 3 open near zero and are tripped by the concentrator; point 2 is keep-power
        assertThat(r.at("/prepayment/alarms").asLong()).isPositive();
        assertThat(r.at("/prepayment/trips").asLong()).isPositive();
        assertThat(r.at("/prepayment/topUps").asLong()).isPositive();
        assertThat(r.at("/files/concentratorLog").asText()).endsWith("concentrator.log");
        assertThat(out).contains("PASSED").contains("collecting | sim 2026-11-2");
    }
}
