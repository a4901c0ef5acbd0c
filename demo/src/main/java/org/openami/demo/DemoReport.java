package org.openami.demo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The JSON report of one run (docs/quickstart.md explains every field). Times are ISO-8601
 * strings; counts are integers; the success rate is a percentage with one decimal.
 *
 * @param result          {@code PASSED} or {@code FAILED}
 * @param problems        why it failed; empty when it passed
 * @param concentratorId  the concentrator's id
 * @param run             real time
 * @param simulated       the simulated period of collection
 * @param meters          the meters and how many were heard from
 * @param readings        readings produced, collected, delivered, lost
 * @param collectionSuccessPercent  readings the store holds of those the meters produced, in percent;
 *                        absent when nothing was due
 * @param prepayment      prepayment events and commands in the cloud
 * @param quarantined     messages the cloud refused
 * @param files           where the logs and data are (absent when the data folder was deleted)
 */
@JsonPropertyOrder({"result", "problems", "concentratorId", "run", "simulated", "meters", "readings",
        "collectionSuccessPercent", "prepayment", "quarantined", "files"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DemoReport(String result, List<String> problems, String concentratorId, Run run, Simulated simulated,
                         Meters meters, Readings readings, Double collectionSuccessPercent, Prepayment prepayment,
                         long quarantined, Files files) {

    /**
     * @param startedAt          when the demo started (wall clock)
     * @param finishedAt         when the report was made
     * @param seconds            real seconds from start to report
     * @param startupSeconds     real seconds until the collector ran
     * @param collectionSeconds  real seconds of collection
     * @param drainSeconds       real seconds from silencing the meters to stopping the concentrator
     * @param speed              times faster than real time
     */
    @JsonPropertyOrder({"startedAt", "finishedAt", "seconds", "startupSeconds", "collectionSeconds", "drainSeconds", "speed"})
    public record Run(String startedAt, String finishedAt, long seconds, long startupSeconds, long collectionSeconds,
                      long drainSeconds, int speed) {
    }

    /**
     * @param from     start of simulated time
     * @param to       the concentrator's simulated time when the meters went off the buses
     * @param zone     zone of days and quarter hours
     * @param minutes  simulated minutes in between
     * @param quarterHoursDue curve quarters due in the period
     * @param dailyFreezesDue daily freezes due in the period
     * @param monthlyFreezesDue monthly freezes due in the period
     */
    public record Simulated(String from, String to, String zone, long minutes, int quarterHoursDue, int dailyFreezesDue,
                            int monthlyFreezesDue) {
    }

    /**
     * @param dlt645     DL/T 645 meters
     * @param modbus     Modbus meters
     * @param total      all meters
     * @param buses      RS-485 buses (DL/T 645 buses plus the Modbus line)
     * @param collected  meters with readings in the concentrator's store
     * @param delivered  meters with readings in PostgreSQL
     */
    public record Meters(int dlt645, int modbus, int total, int buses, int collected, int delivered) {
    }

    /**
     * @param producedByMeters     readings the meters produced for the schedule (the definition is in docs/quickstart.md)
     * @param collectedOfProduced  of those, readings in the concentrator's store
     * @param deliveredOfProduced  of those, readings in PostgreSQL (equal to producedByMeters when nothing was missed or lost)
     * @param collected            readings in the concentrator's store
     * @param delivered            readings in PostgreSQL from this concentrator
     * @param lost                 collected readings PostgreSQL does not have
     * @param mismatched           readings PostgreSQL has with another value than the store
     * @param undeliveredInStore   outbox entries (readings, events, results) the uplink had not delivered at stop
     * @param notHeldByMeters      due readings a meter did not hold (not in producedByMeters)
     * @param byKind               the same counts per reading kind
     */
    @JsonPropertyOrder({"producedByMeters", "collectedOfProduced", "deliveredOfProduced", "collected", "delivered", "lost",
            "mismatched", "undeliveredInStore", "notHeldByMeters", "byKind"})
    public record Readings(long producedByMeters, long collectedOfProduced, long deliveredOfProduced, long collected,
                           long delivered, long lost,
                           long mismatched, long undeliveredInStore, long notHeldByMeters, Map<String, Kind> byKind) {
    }

    /** Per reading kind: see {@link Readings}. */
    @JsonPropertyOrder({"producedByMeters", "collectedOfProduced", "deliveredOfProduced", "collected", "delivered", "lost",
            "mismatched"})
    public record Kind(long producedByMeters, long collectedOfProduced, long deliveredOfProduced, long collected,
                       long delivered, long lost,
                       long mismatched) {
    }

    /**
     * @param alarms     {@code PREPAY_ALARM} events
     * @param trips      {@code PREPAY_TRIP} events
     * @param reconnects {@code PREPAY_RECONNECT} events
     * @param topUps     {@code TOP_UP} commands
     */
    public record Prepayment(long alarms, long trips, long reconnects, long topUps) {
    }

    /**
     * @param dataDir       the data folder (kept)
     * @param demoLog       this process's log: cloud service, broker, database, meters
     * @param concentratorLog the concentrator's output
     */
    public record Files(String dataDir, String demoLog, String concentratorLog) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** Whether the run passed. */
    public boolean passed() {
        return "PASSED".equals(result);
    }

    /** Writes the report to {@code file} (creating its folder). */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            java.nio.file.Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), this);
    }

    /** The report as JSON text. */
    public String toJson() throws IOException {
        return JSON.writeValueAsString(this);
    }
}
