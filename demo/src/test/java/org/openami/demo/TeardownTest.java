package org.openami.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Teardown with real simulated meters: what is handed over after Ctrl-C is stopped at once. */
class TeardownTest {

    @TempDir
    Path dir;

    private DemoOptions oneMeter() {
        return new DemoOptions(1, 1, 1, 1, 60, Instant.parse("2026-11-20T15:40:00Z"), dir.resolve("r.json"), null,
                false, true);
    }

    @Test
    void metersStartedWhileTearingDownAreStoppedAndTheTemporaryFolderGoes() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Teardown t = new Teardown(data, true);
        t.close();
        assertThat(t.closing()).isTrue();

        MeterField field = MeterField.start(oneMeter(), data);
        assertThat(field.holdings(1).memory()).isTrue();
        t.field(field);
        assertThatThrownBy(() -> field.holdings(1)).isInstanceOf(IllegalStateException.class);

        assertThat(data).exists(); // the meters wrote their data after the first delete
        t.release();
        assertThat(data).doesNotExist();
    }

    @Test
    void aKeptFolderStays() throws Exception {
        Path data = Files.createDirectories(dir.resolve("kept"));
        Files.writeString(data.resolve("demo.log"), "x");
        Teardown t = new Teardown(data, false);
        t.close();
        t.release();
        assertThat(data.resolve("demo.log")).exists();
    }

    @Test
    void theFieldPutsEveryMeterOnItsBusWithUniqueAddresses() throws Exception {
        DemoOptions o = new DemoOptions(3, 2, 2, 1, 60, Instant.parse("2026-11-20T15:40:00Z"), dir.resolve("r.json"),
                null, false, true);
        try (MeterField field = MeterField.start(o, dir.resolve("field"))) {
            assertThat(field.meters()).extracting(FieldMeter::address)
                    .containsExactly("000000000001", "000000000002", "000000000003", "1", "2");
            assertThat(field.meters()).extracting(FieldMeter::channel)
                    .containsExactly("rs485-1", "rs485-1", "rs485-2", "rs485-3", "rs485-3");
            assertThat(field.buses()).extracting(Bus::meters).containsExactly(2, 1, 2);
            assertThat(field.buses()).allSatisfy(b -> assertThat(b.port()).startsWith("/dev/pts/"));
            assertThat(field.repliesByBus()).containsOnlyKeys("rs485-1", "rs485-2", "rs485-3");
            assertThat(field.holdings(4)).isEqualTo(MeterHoldings.LIVE_ONLY);
        }
    }
}
