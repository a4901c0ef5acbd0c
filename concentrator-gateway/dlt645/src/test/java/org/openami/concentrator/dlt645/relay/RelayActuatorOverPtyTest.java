package org.openami.concentrator.dlt645.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openami.concentrator.channel.BusChannel;
import org.openami.concentrator.channel.BusTiming;
import org.openami.concentrator.channel.LineSettings;
import org.openami.concentrator.channel.rs485.Rs485Options;
import org.openami.concentrator.channel.rs485.SerialTransport;
import org.openami.concentrator.dlt645.Dlt645Master;
import org.openami.dlt645.MeterAddress;
import org.openami.dlt645.Password;
import org.openami.dlt645.control.RelayControlType;
import org.openami.hal.relay.RelayState;
import org.openami.meter.app.MeterApplication;
import org.openami.meter.app.SimulatedMeterFleet;
import org.openami.meter.event.EventType;
import org.openami.meter.security.MeterKeyStore;
import org.openami.meter.storage.SyncPolicy;
import org.openami.sim.relay.RelayModel;

/**
 * The actuator against whole simulated meters (the meter firmware on simulated chips, relay
 * model included) on a real pseudo-terminal, through {@link BusChannel} and
 * {@link SerialTransport}: the commands are verified by the meter's own 1CH handling and the
 * contact positions come from the relay model's feedback line.
 */
class RelayActuatorOverPtyTest {

    private static final LineSettings LINE = LineSettings.DLT645_DEFAULT;
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** The simulated meters' level-2 password (their defaults). */
    private static final Password PASSWORD = new Password(2, 123456);
    private static final long OPERATOR = 0x00C0FFEEL;
    private static final RelayRetry FAST = new RelayRetry(3, Duration.ofMillis(200), Duration.ofMillis(400));
    private static final long WAIT_S = 30;

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T track(T t) {
        open.add(t);
        return t;
    }

    private SimulatedMeterFleet fleet(int meters) throws Exception {
        return track(SimulatedMeterFleet.start(SimulatedMeterFleet.Options.of(meters, dir.resolve("meters"))
                .withSync(SyncPolicy.NONE)));
    }

    private Dlt645Master master(SimulatedMeterFleet fleet) {
        return new Dlt645Master(track(new BusChannel("rs485-1", new SerialTransport(fleet.path(), Rs485Options.plain()),
                LINE, BusTiming.dlt645(), Clock.systemUTC())));
    }

    private FileControlCounter counter(String name, Clock clock) throws Exception {
        return track(FileControlCounter.open(dir.resolve(name), 4, clock));
    }

    private static RelayActuator actuator(Dlt645Master master, byte[] masterKey, ControlCounter counter) {
        return new RelayActuator(master, masterKey, PASSWORD, OPERATOR, counter, Clock.system(ZONE),
                Duration.ofMinutes(5)).withRetry(FAST);
    }

    private static RelayModel relayOf(MeterApplication meter) {
        return meter.hardware().simulation().relay();
    }

    private static RelayOutcome run(RelayActuator act, MeterAddress meter, RelayControlType type) throws Exception {
        return act.apply(meter, LINE, type).get(WAIT_S, TimeUnit.SECONDS);
    }

    @Test
    void tripOpensTheContactAndDirectCloseClosesItAgain() throws Exception {
        SimulatedMeterFleet fleet = fleet(2);
        MeterAddress target = fleet.addresses().get(0);
        RelayModel relay = relayOf(fleet.meters().get(0));
        RelayModel neighbour = relayOf(fleet.meters().get(1));
        List<String> heard = new CopyOnWriteArrayList<>();
        RelayActuator act = actuator(master(fleet), MeterKeyStore.DEMO_MASTER_KEY,
                counter("counters", Clock.systemUTC())).withListener(new RelayListener() {
                    @Override
                    public void sent(MeterAddress meter, RelayControlType type, int attempt, Duration sinceApply) {
                        heard.add("sent " + meter + " " + type + " " + attempt);
                    }

                    @Override
                    public void finished(MeterAddress meter, RelayControlType type, RelayOutcome o, Duration since) {
                        heard.add("finished " + meter + " " + type + " " + o.followed());
                    }
                });
        assertThat(relay.contacts()).isEqualTo(RelayState.CLOSED);

        RelayOutcome trip = run(act, target, RelayControlType.TRIP);
        assertThat(trip.followed()).as(trip.detail()).isTrue();
        assertThat(trip.contactOpen()).isTrue();
        assertThat(trip.commandedOpen()).isTrue();
        assertThat(trip.statusKnown()).isTrue();
        assertThat(trip.attempts()).isEqualTo(1);
        assertThat(trip.detail()).isEqualTo("contact open");
        assertThat(relay.contacts()).as("the relay model's contacts").isEqualTo(RelayState.OPEN);
        assertThat(neighbour.contacts()).as("the other meter on the bus").isEqualTo(RelayState.CLOSED);
        RelayStatus s = act.readStatus(target, LINE).get(WAIT_S, TimeUnit.SECONDS);
        assertThat(s.contactOpen()).isTrue();
        assertThat(s.commandedOpen()).isTrue();
        assertThat(s.alarm()).isFalse();

        RelayOutcome close = run(act, target, RelayControlType.DIRECT_CLOSE);
        assertThat(close.followed()).as(close.detail()).isTrue();
        assertThat(close.contactOpen()).isFalse();
        assertThat(close.commandedOpen()).isFalse();
        assertThat(close.detail()).isEqualTo("contact closed");
        assertThat(relay.contacts()).isEqualTo(RelayState.CLOSED);
        assertThat(fleet.meters().get(0).engine().eventCount(EventType.RELAY_TRIP)).isEqualTo(1);
        assertThat(fleet.meters().get(0).engine().eventCount(EventType.RELAY_CLOSE)).isEqualTo(1);
        assertThat(heard).containsExactly("sent " + target + " TRIP 1", "finished " + target + " TRIP true",
                "sent " + target + " DIRECT_CLOSE 1", "finished " + target + " DIRECT_CLOSE true");
    }

    @Test
    void closeAllowedClosesAtOnceOnTheSimulatorWhichHasNoButton() throws Exception {
        SimulatedMeterFleet fleet = fleet(1);
        MeterAddress target = fleet.addresses().get(0);
        RelayModel relay = relayOf(fleet.meters().get(0));
        RelayActuator act = actuator(master(fleet), MeterKeyStore.DEMO_MASTER_KEY, counter("counters", Clock.systemUTC()));

        assertThat(run(act, target, RelayControlType.TRIP).followed()).isTrue();
        assertThat(relay.contacts()).isEqualTo(RelayState.OPEN);
        RelayOutcome allowed = run(act, target, RelayControlType.CLOSE_ALLOWED);
        assertThat(allowed.followed()).as(allowed.detail()).isTrue();
        assertThat(allowed.commandedOpen()).isFalse();
        // the reference firmware closes at once (no customer button): the contact is closed
        assertThat(allowed.contactOpen()).isFalse();
        assertThat(allowed.detail()).isEqualTo("contact closed");
        assertThat(relay.contacts()).isEqualTo(RelayState.CLOSED);
    }

    @Test
    void alarmSetsBit7AndReleaseClearsItWithoutMovingTheRelay() throws Exception {
        SimulatedMeterFleet fleet = fleet(1);
        MeterAddress target = fleet.addresses().get(0);
        RelayModel relay = relayOf(fleet.meters().get(0));
        RelayActuator act = actuator(master(fleet), MeterKeyStore.DEMO_MASTER_KEY, counter("counters", Clock.systemUTC()));

        RelayOutcome alarm = run(act, target, RelayControlType.ALARM);
        assertThat(alarm.followed()).as(alarm.detail()).isTrue();
        assertThat(alarm.detail()).isEqualTo("alarm on");
        assertThat(alarm.contactOpen()).isFalse();
        RelayStatus s = act.readStatus(target, LINE).get(WAIT_S, TimeUnit.SECONDS);
        assertThat(s.alarm()).isTrue();
        assertThat(s.word() & 1 << 7).isNotZero();
        assertThat(relay.contacts()).isEqualTo(RelayState.CLOSED);

        RelayOutcome release = run(act, target, RelayControlType.ALARM_RELEASE);
        assertThat(release.followed()).as(release.detail()).isTrue();
        assertThat(act.readStatus(target, LINE).get(WAIT_S, TimeUnit.SECONDS).alarm()).isFalse();
        assertThat(relay.operations()).as("the relay never moved").isZero();
    }

    @Test
    void keepPowerRefusesATripAndTheOutcomeSaysSoWithoutRetrying() throws Exception {
        SimulatedMeterFleet fleet = fleet(1);
        MeterAddress target = fleet.addresses().get(0);
        RelayActuator act = actuator(master(fleet), MeterKeyStore.DEMO_MASTER_KEY, counter("counters", Clock.systemUTC()));

        assertThat(run(act, target, RelayControlType.KEEP_POWER).followed()).isTrue();
        RelayOutcome trip = run(act, target, RelayControlType.TRIP);
        assertThat(trip.followed()).isFalse();
        assertThat(trip.attempts()).isEqualTo(1);
        assertThat(trip.detail()).startsWith("trip refused: keep-power is in force at the meter");
        assertThat(trip.contactOpen()).isFalse();
        assertThat(relayOf(fleet.meters().get(0)).contacts()).isEqualTo(RelayState.CLOSED);
    }

    @Test
    void aWeldedContactIsNotFollowedAfterTheRetriesAndTheDetailSaysWhy() throws Exception {
        SimulatedMeterFleet fleet = fleet(1);
        MeterAddress target = fleet.addresses().get(0);
        MeterApplication meter = fleet.meters().get(0);
        relayOf(meter).weld();
        RelayActuator act = actuator(master(fleet), MeterKeyStore.DEMO_MASTER_KEY, counter("counters", Clock.systemUTC()));

        RelayOutcome trip = run(act, target, RelayControlType.TRIP);
        assertThat(trip.followed()).isFalse();
        assertThat(trip.attempts()).isEqualTo(3);
        assertThat(trip.statusKnown()).isTrue();
        assertThat(trip.contactOpen()).as("the feedback contact").isFalse();
        assertThat(trip.commandedOpen()).as("the meter took the command").isTrue();
        assertThat(trip.detail()).startsWith("relay did not follow: contact still closed after TRIP (welded?)");
        // three commands, each accepted with a new counter and tried on the relay
        assertThat(meter.engine().eventCount(EventType.RELAY_TRIP)).isEqualTo(3);
        assertThat(meter.engine().events(EventType.RELAY_TRIP)).allSatisfy(e -> assertThat(e.value2())
                .as("contact followed").isZero());
    }

    @Test
    void aContactStuckOpenDoesNotCloseAndTheDetailSaysSo() throws Exception {
        SimulatedMeterFleet fleet = fleet(1);
        MeterAddress target = fleet.addresses().get(0);
        relayOf(fleet.meters().get(0)).jamOpen();
        RelayActuator act = actuator(master(fleet), MeterKeyStore.DEMO_MASTER_KEY, counter("counters", Clock.systemUTC()));

        RelayOutcome close = run(act, target, RelayControlType.DIRECT_CLOSE);
        assertThat(close.followed()).isFalse();
        assertThat(close.attempts()).isEqualTo(3);
        assertThat(close.contactOpen()).isTrue();
        assertThat(close.commandedOpen()).isFalse();
        assertThat(close.detail()).startsWith("relay did not follow: contact still open after DIRECT_CLOSE (stuck open?)");

        relayOf(fleet.meters().get(0)).repair();
        RelayOutcome again = run(act, target, RelayControlType.DIRECT_CLOSE);
        assertThat(again.followed()).as(again.detail()).isTrue();
        assertThat(again.contactOpen()).isFalse();
    }

    @Test
    void aWrongMasterKeyIsRefusedByTheMeterOnceAndTheOutcomeSaysWhy() throws Exception {
        SimulatedMeterFleet fleet = fleet(1);
        MeterAddress target = fleet.addresses().get(0);
        MeterApplication meter = fleet.meters().get(0);
        byte[] wrong = "a master key this meter was never diversified from".getBytes(StandardCharsets.US_ASCII);
        RelayActuator act = actuator(master(fleet), wrong, counter("counters", Clock.systemUTC()));

        RelayOutcome trip = run(act, target, RelayControlType.TRIP);
        assertThat(trip.followed()).isFalse();
        assertThat(trip.attempts()).as("a refusal is not retried").isEqualTo(1);
        assertThat(trip.detail()).startsWith("meter refused the command: authentication code does not verify");
        assertThat(trip.statusKnown()).isTrue();
        assertThat(trip.contactOpen()).isFalse();
        assertThat(trip.commandedOpen()).isFalse();
        assertThat(relayOf(meter).contacts()).isEqualTo(RelayState.CLOSED);
        assertThat(meter.slave().refusedRequests()).isEqualTo(1);
        assertThat(meter.engine().lastAuthCounter()).as("a refused command consumes no counter").isZero();
    }

    @Test
    void countersGrowAcrossARestartOfTheCounterFileAndALostFileIsRefusedAsAReplay() throws Exception {
        SimulatedMeterFleet fleet = fleet(1);
        MeterAddress target = fleet.addresses().get(0);
        MeterApplication meter = fleet.meters().get(0);
        Dlt645Master master = master(fleet);
        // a fixed clock: the epoch floor cannot hide a counter that fails to grow
        Clock fixed = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZONE);

        FileControlCounter first = track(FileControlCounter.open(dir.resolve("counters"), 4, fixed));
        RelayActuator act = actuator(master, MeterKeyStore.DEMO_MASTER_KEY, first);
        assertThat(run(act, target, RelayControlType.TRIP).followed()).isTrue();
        assertThat(run(act, target, RelayControlType.ALARM).followed()).isTrue();
        long accepted = meter.engine().lastAuthCounter();
        assertThat(accepted).isEqualTo(fixed.instant().getEpochSecond() + 1);
        long reservedEnd = first.reservedEnd(target);
        first.close();

        FileControlCounter second = track(FileControlCounter.open(dir.resolve("counters"), 4, fixed));
        RelayOutcome close = run(actuator(master, MeterKeyStore.DEMO_MASTER_KEY, second), target,
                RelayControlType.DIRECT_CLOSE);
        assertThat(close.followed()).as(close.detail()).isTrue();
        assertThat(close.attempts()).isEqualTo(1);
        assertThat(meter.engine().lastAuthCounter()).as("continues after the reserved block")
                .isEqualTo(reservedEnd + 1).isGreaterThan(accepted);

        // the negative control: a counter that forgot (a new file, same clock) repeats old values
        FileControlCounter forgetful = counter("lost", fixed);
        RelayOutcome trip = run(actuator(master, MeterKeyStore.DEMO_MASTER_KEY, forgetful), target,
                RelayControlType.TRIP);
        assertThat(trip.followed()).isFalse();
        assertThat(trip.attempts()).isEqualTo(1);
        assertThat(trip.detail()).startsWith("meter refused the command: counter already used");
        assertThat(relayOf(meter).contacts()).isEqualTo(RelayState.CLOSED);
    }

    @Test
    void aMeterThatDoesNotAnswerGivesAnOutcomeWithUnknownStatusAfterTheRetries() throws Exception {
        SimulatedMeterFleet fleet = fleet(1);
        MeterAddress absent = MeterAddress.parse("000000000099");
        RelayActuator act = actuator(master(fleet), MeterKeyStore.DEMO_MASTER_KEY, counter("counters", Clock.systemUTC()));

        RelayOutcome trip = run(act, absent, RelayControlType.TRIP);
        assertThat(trip.followed()).isFalse();
        assertThat(trip.statusKnown()).isFalse();
        assertThat(trip.attempts()).isEqualTo(3);
        assertThat(trip.detail()).startsWith("command failed (TIMEOUT: no reply within 500 ms), status unknown: TIMEOUT");
        assertThat(relayOf(fleet.meters().get(0)).contacts()).isEqualTo(RelayState.CLOSED);
    }
}
