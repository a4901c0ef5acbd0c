package org.openami.cloud.ingest.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openami.cloud.ingest.db.Fixtures.T0;
import static org.openami.cloud.ingest.db.Fixtures.ref;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openami.cloud.ingest.db.DatabaseException.Reason;
import org.openami.cloud.ingest.db.WriteOutcome.Status;
import org.openami.concentrator.model.CommandResult;
import org.openami.concentrator.model.EventType;
import org.openami.concentrator.model.MeterEvent;

class EventsAndCommandsTest {

    private static TestDatabase db;
    private static IngestWriter writer;
    private static CommandLog commands;

    @BeforeAll
    static void startDatabase() throws Exception {
        db = TestDatabase.start();
        writer = new IngestWriter(db.dataSource());
        commands = new CommandLog(db.dataSource());
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        db.close();
    }

    @BeforeEach
    void empty() throws Exception {
        db.truncate();
    }

    private static List<MeterEvent> events() {
        return List.of(
                new MeterEvent(3, "000000000003", EventType.COLLECTION_FAILED, T0, "no answer after 3 tries"),
                new MeterEvent(3, "000000000003", EventType.COLLECTION_FAILED, T0 + 900_000, "no answer after 3 tries"),
                MeterEvent.concentrator(EventType.STORE_NEAR_FULL, T0, "92 % of 256 MiB"),
                MeterEvent.concentrator(EventType.STORE_NEAR_FULL, T0, "93 % of 256 MiB"));
    }

    @Test
    void eventsSentAgainAreNotStoredAgain() throws Exception {
        assertThat(writer.writeEvents(ref("c1", 1, "e"), events())).isEqualTo(WriteOutcome.applied(4, 0));
        // the concentrator appends events each time it sends them: a new envelope with the same events
        assertThat(writer.writeEvents(ref("c1", 2, "e"), events())).isEqualTo(WriteOutcome.applied(0, 0));
        // and twice within one batch, plus one new
        List<MeterEvent> twice = new java.util.ArrayList<>(events());
        twice.addAll(events());
        twice.add(new MeterEvent(4, "000000000004", EventType.ADDRESS_MISMATCH, T0, "answered as 000000000005"));
        assertThat(writer.writeEvents(ref("c1", 3, "e"), twice)).isEqualTo(WriteOutcome.applied(1, 0));
        assertThat(db.queryLong("SELECT count(*) FROM meter_event")).isEqualTo(5);
        // the same event from another concentrator is another event
        assertThat(writer.writeEvents(ref("c2", 1, "e"), events().subList(0, 1))).isEqualTo(WriteOutcome.applied(1, 0));
        // a redelivered envelope is a duplicate
        assertThat(writer.writeEvents(ref("c1", 1, "e"), events()).status()).isEqualTo(Status.DUPLICATE);
        assertThat(db.queryString("SELECT string_agg(type || '@' || " + Sql.millis("event_time") + ", ',' ORDER BY id)"
                + " FROM meter_event WHERE concentrator_id = 'c1' AND meter = ''"))
                .isEqualTo("STORE_NEAR_FULL@" + T0 + ",STORE_NEAR_FULL@" + T0);
    }

    @Test
    void ledgerEntriesReportedAsEventsFormTheAccountHistoryOnce() throws Exception {
        List<MeterEvent> entries = List.of(
                new MeterEvent(1, "000000000001", EventType.LEDGER_ENTRY, T0,
                        "{\"seq\":1,\"account\":\"A-1\",\"kind\":\"OPENING\",\"amount\":500,\"balance\":500,\"ref\":\"open-1\"}"),
                new MeterEvent(1, "000000000001", EventType.LEDGER_ENTRY, T0 + 1,
                        "{\"seq\":2,\"account\":\"A-1\",\"kind\":\"CHARGE\",\"amount\":-120,\"balance\":380,\"ref\":\"\"}"),
                new MeterEvent(1, "000000000001", EventType.LEDGER_ENTRY, T0 + 2,
                        "{\"seq\":3,\"account\":\"A-1\",\"kind\":\"TOP_UP\",\"amount\":1000,\"balance\":1380,\"ref\":\"cmd-7\"}"));
        writer.writeEvents(ref("led", 1, "l"), entries);
        writer.writeEvents(ref("led", 2, "l"), entries); // re-sent after a crash: not counted twice
        assertThat(db.queryLong("SELECT count(*) FROM ledger_entry WHERE concentrator_id = 'led'")).isEqualTo(3);
        assertThat(db.queryLong("SELECT sum(amount_fen) FROM ledger_entry WHERE account = 'A-1'")).isEqualTo(1380);
        assertThat(db.queryString("SELECT reference FROM ledger_entry WHERE kind = 'TOP_UP'")).isEqualTo("cmd-7");
    }

    @Test
    void eventTextIsMadeStorable() throws Exception {
        String longDetail = "x".repeat(Limits.MAX_TEXT_CHARS + 100);
        List<MeterEvent> odd = List.of(
                MeterEvent.concentrator(EventType.CONFIGURATION_REFUSED, T0, "property \0 bad"),
                MeterEvent.concentrator(EventType.CONFIGURATION_REFUSED, T0, longDetail));
        assertThat(writer.writeEvents(ref("c1", 1, "odd"), odd).inserted()).isEqualTo(2);
        assertThat(db.queryString("SELECT detail FROM meter_event WHERE detail LIKE 'property%'"))
                .isEqualTo("property \uFFFD bad");
        assertThat(db.queryLong("SELECT max(length(detail)) FROM meter_event")).isEqualTo(Limits.MAX_TEXT_CHARS);
        // sent again, the cut text is the same key
        assertThat(writer.writeEvents(ref("c1", 2, "odd"), odd).inserted()).isZero();
        assertThatThrownBy(() -> writer.writeEvents(ref("c1", 3, "bad"),
                List.of(MeterEvent.concentrator(EventType.STORE_NEAR_FULL, -5, ""))))
                .isInstanceOfSatisfying(DatabaseException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT))
                .hasMessageContaining("event 0: time -5");
    }

    private static SentCommand trip(String id, String concentrator) {
        return new SentCommand(id, concentrator, "TRIP", 5, "000000000005", "{\"delay\": 0, \"reason\": \"prepay\"}",
                T0, T0 + 3_600_000);
    }

    @Test
    void aCommandIsRecordedAndItsResultMovesItOn() throws Exception {
        assertThat(commands.recordSent(trip("cmd-1", "c1"))).isTrue();
        assertThat(commands.recordSent(trip("cmd-1", "c1"))).isFalse();
        CommandRecord sent = commands.find("cmd-1").orElseThrow();
        assertThat(sent.state()).isEqualTo(CommandState.SENT);
        assertThat(sent.result()).isEmpty();
        assertThat(sent.command().paramsJson()).contains("\"reason\": \"prepay\"");
        assertThat(sent.command()).usingRecursiveComparison().ignoringFields("paramsJson").isEqualTo(trip("cmd-1", "c1"));

        CommandResult ok = new CommandResult("cmd-1", 5, "000000000005", "TRIP", true, "", T0 + 5000);
        EnvelopeRef ref = new EnvelopeRef("c1", 10, new byte[] {10}, T0 + 6000);
        assertThat(writer.writeCommandResults(ref, List.of(ok))).isEqualTo(WriteOutcome.applied(1, 1));
        CommandRecord done = commands.find("cmd-1").orElseThrow();
        assertThat(done.state()).isEqualTo(CommandState.SUCCEEDED);
        assertThat(done.result()).contains(new CommandRecord.Result(true, "", T0 + 5000, T0 + 6000));

        // one result per command: a second (even a different one) changes nothing
        CommandResult late = new CommandResult("cmd-1", 5, "000000000005", "TRIP", false, "relay stuck", T0 + 9000);
        assertThat(writer.writeCommandResults(ref("c1", 11, "r"), List.of(late, ok))).isEqualTo(WriteOutcome.applied(0, 0));
        assertThat(commands.find("cmd-1").orElseThrow().state()).isEqualTo(CommandState.SUCCEEDED);
        assertThat(db.queryLong("SELECT count(*) FROM command_result")).isEqualTo(1);
        assertThat(commands.find("cmd-unknown")).isEqualTo(Optional.empty());
    }

    @Test
    void aFailedResultAndExpiry() throws Exception {
        commands.recordSent(trip("cmd-f", "c1"));
        commands.recordSent(trip("cmd-e", "c1"));
        commands.recordSent(new SentCommand("cmd-later", "c1", "CLOSE", 5, "000000000005", "{}", T0, T0 + 7_200_000));
        assertThat(commands.expireOverdue(Instant.ofEpochMilli(T0 + 3_600_000))).isEqualTo(2);
        assertThat(commands.find("cmd-e").orElseThrow().state()).isEqualTo(CommandState.EXPIRED);
        assertThat(commands.find("cmd-later").orElseThrow().state()).isEqualTo(CommandState.SENT);
        // a result after expiry still tells what happened
        CommandResult failed = new CommandResult("cmd-f", 5, "000000000005", "TRIP", false, "meter did not answer", T0 + 4_000_000);
        assertThat(writer.writeCommandResults(ref("c1", 1, "f"), List.of(failed))).isEqualTo(WriteOutcome.applied(1, 1));
        CommandRecord f = commands.find("cmd-f").orElseThrow();
        assertThat(f.state()).isEqualTo(CommandState.FAILED);
        assertThat(f.result().orElseThrow().reason()).isEqualTo("meter did not answer");
        assertThat(commands.expireOverdue(Instant.ofEpochMilli(T0 + 3_600_000))).isZero();
    }

    @Test
    void aResultIsOnlyAcceptedFromTheConcentratorTheCommandWasSentTo() throws Exception {
        commands.recordSent(trip("cmd-2", "c1"));
        CommandResult forged = new CommandResult("cmd-2", 5, "000000000005", "TRIP", true, "", T0 + 5000);
        assertThat(writer.writeCommandResults(ref("c2", 1, "forged"), List.of(forged))).isEqualTo(WriteOutcome.applied(0, 0));
        assertThat(commands.find("cmd-2").orElseThrow().state()).isEqualTo(CommandState.SENT);
        assertThat(db.queryLong("SELECT count(*) FROM command_result")).isZero();
        // the genuine one still gets through
        assertThat(writer.writeCommandResults(ref("c1", 1, "genuine"), List.of(forged))).isEqualTo(WriteOutcome.applied(1, 1));
        // a result for a command this database never sent is kept, with no command to update
        CommandResult local = new CommandResult("local-7", 2, "000000000002", "READ", true, "", T0);
        assertThat(writer.writeCommandResults(ref("c1", 2, "local"), List.of(local))).isEqualTo(WriteOutcome.applied(1, 0));
    }

    @Test
    void badCommandsAreRefused() throws Exception {
        assertThatThrownBy(() -> commands.recordSent(new SentCommand("cmd-j", "c1", "TRIP", 1, "m", "{not json", T0, T0)))
                .isInstanceOfSatisfying(DatabaseException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT))
                .hasMessageContaining("not a JSON document");
        assertThatThrownBy(() -> commands.recordSent(new SentCommand("", "c1", "TRIP", 1, "m", "{}", T0, T0)))
                .isInstanceOf(DatabaseException.class).hasMessageContaining("commandId is empty");
        assertThatThrownBy(() -> commands.recordSent(new SentCommand("cmd-b", "c1", "TRIP", 1, "m",
                "[" + "1,".repeat(Limits.MAX_PARAMS_CHARS) + "1]", T0, T0)))
                .isInstanceOf(DatabaseException.class).hasMessageContaining("at most " + Limits.MAX_PARAMS_CHARS);
        assertThat(commands.find("cmd-j")).isEmpty();
        assertThatThrownBy(() -> writer.writeCommandResults(ref("c1", 1, "x"),
                List.of(new CommandResult("id\0", 1, "m", "TRIP", true, "", T0))))
                .isInstanceOf(DatabaseException.class).hasMessageContaining("command result 0: commandId contains a NUL");
    }
}
