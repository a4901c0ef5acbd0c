package org.openami.cloud.message;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openami.concentrator.model.CommandResult;
import org.openami.concentrator.model.EventType;
import org.openami.concentrator.model.MeterEvent;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;

/** Sample messages and a way to write arbitrary (also invalid) CBOR for tests. */
public final class Samples {

    /** 2026-01-01T00:00:00Z. */
    public static final long T0 = 1_767_225_600_000L;

    private Samples() {
    }

    public static Reading reading(int i) {
        Quantity q = Quantity.values()[i % Quantity.values().length];
        return new Reading(1 + i % 2040, String.format("%012d", 100_000 + i % 2040), ReadingKind.CURVE, q,
                T0 - 900_000L * (i / 24), 1_000_000L + 37L * i, T0 + 1_000 + i);
    }

    public static Telemetry telemetry(int n) {
        List<Reading> readings = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            readings.add(reading(i));
        }
        return new Telemetry(readings);
    }

    public static Events events() {
        return new Events(List.of(
                new MeterEvent(3, "000000000003", EventType.COLLECTION_FAILED, T0, "no answer after 3 retries"),
                new MeterEvent(17, "bus1:17", EventType.METER_DISCOVERED, T0 + 5, "Modbus unit 17 on bus1"),
                MeterEvent.concentrator(EventType.STORE_NEAR_FULL, T0 + 9, "store at 91 % of 64 MiB, détail ✓ \uD83D\uDE00")));
    }

    public static CommandResults results() {
        return new CommandResults(List.of(
                new CommandResult("cmd-2026-01-01:0001", 3, "000000000003", "RELAY_TRIP", true, "", T0 + 100),
                new CommandResult("cmd.2", 0, "", "TIME_SYNC", false, "bus 2 busy\nretry later", T0 + 200)));
    }

    public static Command command() {
        return new Command("cmd-2026-01-01:0001", CommandType.RELAY_TRIP, T0, T0 + 3_600_000, 3, "000000000003",
                Map.of("reason", "prepay credit exhausted", "operator", "ops-7"));
    }

    /** Every kind of message, once. */
    public static List<Message> all() {
        return List.of(telemetry(3), events(), results(), command(),
                new Command("c1", CommandType.TIME_SYNC, T0, T0 + 1, 0, "", Map.of()),
                new Telemetry(List.of()));
    }

    /** Writes CBOR with Jackson's generator, including layouts the decoder must reject. */
    public interface CborWriter {
        void write(CBORGenerator g) throws IOException;
    }

    public static byte[] cbor(CborWriter w) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = new CBORFactory().createGenerator(out)) {
            w.write(g);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** Writes one reading array with the given fields, as the encoder would. */
    public static void readingArray(CBORGenerator g, Reading r) throws IOException {
        g.writeStartArray(null, 7);
        g.writeNumber(r.point());
        g.writeString(r.meter());
        g.writeString(r.kind().name());
        g.writeString(r.quantity().name());
        g.writeNumber(r.dataTime());
        g.writeNumber(r.value());
        g.writeNumber(r.readAt());
        g.writeEndArray();
    }
}
