package org.openami.concentrator.components;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.openami.cloud.uplink.CommandExecutor.CommandOutcome;
import org.openami.concentrator.archive.MeterProtocol;
import org.openami.concentrator.archive.MeterRecord;
import org.openami.concentrator.channel.Channel;
import org.openami.concentrator.components.read.ReadingObserver;
import org.openami.concentrator.dlt645.Dlt645Master;
import org.openami.concentrator.dlt645.relay.FileControlCounter;
import org.openami.concentrator.dlt645.relay.RelayActuator;
import org.openami.concentrator.dlt645.relay.RelayOutcome;
import org.openami.concentrator.model.EventType;
import org.openami.concentrator.model.MeterEvent;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.prepay.AccountSpec;
import org.openami.concentrator.prepay.Decision;
import org.openami.concentrator.prepay.LedgerEntry;
import org.openami.concentrator.prepay.PrepayEngine;
import org.openami.concentrator.prepay.PrepayPolicy;
import org.openami.concentrator.prepay.RelayState;
import org.openami.concentrator.prepay.ReconnectMode;
import org.openami.concentrator.prepay.TariffBook;
import org.openami.concentrator.prepay.TopUpResult;
import org.openami.concentrator.store.StoreException;
import org.openami.dlt645.MeterAddress;
import org.openami.dlt645.Password;
import org.openami.dlt645.control.RelayControlType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local prepayment (费控) at the concentrator: charges every DL/T 645 meter that has an account
 * in the archive from its register readings, as soon as a read completes, and alarms, trips and
 * reconnects it with authenticated control commands made here, so it keeps working with the
 * uplink down. Top-ups arrive as TOP_UP commands through the uplink. Every ledger entry and every
 * alarm, trip and reconnect goes up as an event. See docs/prepayment.md.
 */
@Component(name = PrepayComponent.PID, configurationPid = PrepayComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {PrepayComponent.class, ReadingObserver.class, ConfigurableComponent.class})
@Designate(ocd = PrepayComponent.Config.class)
public final class PrepayComponent implements ReadingObserver, ConfigurableComponent {

    public static final String PID = "org.openami.concentrator.prepay";

    private static final Logger LOG = LoggerFactory.getLogger(PrepayComponent.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @ObjectClassDefinition(id = PID, name = "Local prepayment",
            description = "Charges accounts from meter registers and trips or reconnects their relays at the concentrator.")
    public @interface Config {
        @AttributeDefinition(name = "Ledger file", description = "The crash-safe ledger (H2 MVStore)")
        String ledger_file() default "data/prepay-ledger.mv.db";

        @AttributeDefinition(name = "Tariffs file", description = "Versioned tariff tables, JSON (docs/prepayment.md)")
        String tariffs_file();

        @AttributeDefinition(name = "Policy file", description = "Alarm and trip amounts, reconnect mode, protected windows, JSON (docs/prepayment.md)")
        String policy_file();

        @AttributeDefinition(name = "Opening balances file", description = "Optional JSON object account -> opening balance in fen, booked once per account")
        String openings_file() default "";

        @AttributeDefinition(name = "Control key file", description = "Hex (16 to 64 bytes): the master key meters' control keys are diversified from (keep it readable by the gateway only)")
        String control_key_file();

        @AttributeDefinition(name = "Control password", description = "Meter password for control commands, level:digits, e.g. 2:123456 (sensitive; never logged)")
        String control_password();

        @AttributeDefinition(name = "Operator code", min = "0", max = "4294967295")
        long operator_code() default 1;

        @AttributeDefinition(name = "Control counter file", description = "Per-meter anti-replay counters of control commands")
        String counter_file() default "data/relay-counters";

        @AttributeDefinition(name = "Tick (s)", description = "How often withheld trips and relays that did not follow are looked at again", min = "1", max = "3600")
        int tick_seconds() default 10;

        @AttributeDefinition(name = "Sync every commit", description = "fsync each ledger commit (power-loss safe)")
        boolean sync_on_commit() default true;
    }

    @Reference
    private StoreComponent store;

    @Reference
    private CollectorComponent collector;

    private PrepayEngine engine;
    private FileControlCounter counter;
    private byte[] masterKey;
    private Password password;
    private long operator;
    private Clock clock;
    private ScheduledExecutorService ticker;
    private final Map<Channel, RelayActuator> actuators = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    @Activate
    void activate(Config c) throws IOException {
        clock = collector.clock();
        TariffBook tariffs = TariffBook.load(Path.of(ConfigChecks.text("tariffs.file", c.tariffs_file())));
        PrepayPolicy policy = PrepayPolicy.load(Path.of(ConfigChecks.text("policy.file", c.policy_file())));
        masterKey = ConfigChecks.check("control.key.file", () -> readKey(Path.of(c.control_key_file())));
        password = ConfigChecks.check("control.password", () -> password(c.control_password()));
        operator = c.operator_code();
        engine = PrepayEngine.open(Path.of(c.ledger_file()), tariffs, policy, clock, c.sync_on_commit());
        counter = FileControlCounter.open(Path.of(c.counter_file()), clock);
        if (!c.openings_file().isBlank()) {
            Map<?, ?> openings = JSON.readValue(Path.of(c.openings_file()).toFile(), Map.class);
            for (Map.Entry<?, ?> e : openings.entrySet()) {
                long fen = ((Number) e.getValue()).longValue();
                engine.openAccount(String.valueOf(e.getKey()), fen, "opening:" + e.getKey());
            }
        }
        act(engine.setAccounts(accounts()));
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "prepay");
            t.setDaemon(true);
            return t;
        });
        int every = Math.max(1, c.tick_seconds());
        ticker.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.SECONDS);
        LOG.info("local prepayment: {} accounts, ledger {}", engine.accounts().size(), c.ledger_file());
    }

    private List<AccountSpec> accounts() {
        List<AccountSpec> specs = new ArrayList<>();
        for (MeterRecord m : collector.archive()) {
            if (!m.account().isEmpty() && m.protocol() == MeterProtocol.DLT645_2007) {
                specs.add(spec(m));
            }
        }
        return specs;
    }

    private static AccountSpec spec(MeterRecord m) {
        return new AccountSpec(m.account(), m.point(), m.address(), m.tariff(), m.keepPower());
    }

    @Override
    public void readingsTaken(MeterRecord meter, List<Reading> readings) {
        if (meter.account().isEmpty() || meter.protocol() != MeterProtocol.DLT645_2007 || engine == null) {
            return;
        }
        try {
            act(engine.onReadings(spec(meter), readings));
        } catch (RuntimeException e) {
            LOG.error("prepayment could not charge point {}: {}", meter.point(), e.toString());
        }
    }

    /** Applies a top-up (exactly once by id) and acts on the new balance. */
    public CommandOutcome topUp(String id, String account, long fen) {
        TopUpResult r = engine.topUp(id, account, fen);
        act(r.decisions());
        ticker.execute(this::reportLedger);
        return r.applied() ? CommandOutcome.ok("balance " + r.balanceFen() + " fen")
                : CommandOutcome.failed(r.reason() + "; balance " + r.balanceFen() + " fen");
    }

    private void tick() {
        try {
            act(engine.tick());
            act(engine.pending());
            reportLedger();
        } catch (RuntimeException e) {
            LOG.error("prepayment tick failed: {}", e.toString());
        }
    }

    private void act(List<Decision> decisions) {
        for (Decision d : decisions) {
            RelayControlType type = switch (d.action()) {
                case ALARM -> RelayControlType.ALARM;
                case ALARM_RELEASE -> RelayControlType.ALARM_RELEASE;
                case TRIP -> RelayControlType.TRIP;
                case RECONNECT -> d.reconnect() == ReconnectMode.DIRECT_CLOSE
                        ? RelayControlType.DIRECT_CLOSE : RelayControlType.CLOSE_ALLOWED;
            };
            MeterRecord m = collector.archive().byPoint(d.point()).orElse(null);
            Channel channel = m == null ? null : collector.channels().get(m.channel());
            if (m == null || channel == null) {
                LOG.warn("prepayment: {} for {} not sent: point {} or its bus is not available", d.action(), d.account(), d.point());
                continue;
            }
            String key = d.account() + "/" + type;
            if (!inFlight.add(key)) {
                continue; // the same command is already on its way
            }
            event(d, type);
            RelayActuator actuator = actuators.computeIfAbsent(channel, ch -> new RelayActuator(new Dlt645Master(ch),
                    masterKey, password, operator, counter, clock, Duration.ofHours(1)));
            actuator.apply(MeterAddress.parse(m.address()), m.line(), type).whenComplete((outcome, err) -> {
                inFlight.remove(key);
                observed(d, type, outcome, err);
            });
        }
    }

    private void observed(Decision d, RelayControlType type, RelayOutcome outcome, Throwable err) {
        if (err != null) {
            LOG.error("prepayment: {} for {} failed: {}", type, d.account(), err.toString());
            return;
        }
        if (outcome.statusKnown() && type != RelayControlType.ALARM && type != RelayControlType.ALARM_RELEASE) {
            RelayState state = outcome.contactOpen() ? (outcome.commandedOpen() ? RelayState.OPEN : RelayState.CLOSE_ALLOWED)
                    : RelayState.CLOSED;
            engine.relayObserved(d.account(), state);
        }
        if (!outcome.followed()) {
            put(new MeterEvent(d.point(), d.meter(), EventType.RELAY_NOT_FOLLOWING, clock.millis(),
                    type + " for account " + d.account() + ": " + outcome.detail()));
        }
    }

    private void event(Decision d, RelayControlType type) {
        EventType t = switch (d.action()) {
            case ALARM, ALARM_RELEASE -> EventType.PREPAY_ALARM;
            case TRIP -> EventType.PREPAY_TRIP;
            case RECONNECT -> EventType.PREPAY_RECONNECT;
        };
        put(new MeterEvent(d.point(), d.meter(), t, d.at(), type + " account " + d.account() + " balance "
                + d.balanceFen() + " fen: " + d.reason()));
    }

    /** Every new ledger entry up as a LEDGER_ENTRY event (the cloud's account history), then pruned here. */
    private synchronized void reportLedger() {
        List<LedgerEntry> entries = engine.entriesAfter(0, 500);
        if (entries.isEmpty()) {
            return;
        }
        for (LedgerEntry e : entries) {
            ObjectNode o = JSON.createObjectNode();
            o.put("seq", e.seq()).put("account", e.account()).put("kind", e.kind().name())
                    .put("amount", e.amountFen()).put("balance", e.balanceFen()).put("ref", e.id() == null ? "" : e.id());
            if (!put(new MeterEvent(0, e.meter() == null ? "" : e.meter(), EventType.LEDGER_ENTRY, e.at(), o.toString()))) {
                return; // keep the rest for the next tick
            }
            engine.pruneEntriesThrough(e.seq());
        }
    }

    private boolean put(MeterEvent event) {
        try {
            store.store().putEvent(event);
            return true;
        } catch (StoreException e) {
            LOG.error("prepayment: storing an event failed: {}", e.getMessage());
            return false;
        }
    }

    private static byte[] readKey(Path file) {
        try {
            byte[] key = HexFormat.of().parseHex(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (key.length < 16 || key.length > 64) {
                throw new IllegalArgumentException(file + " must hold 32 to 128 hex digits (16 to 64 bytes)");
            }
            return key;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " must hold 32 to 128 hex digits (16 to 64 bytes)", e);
        }
    }

    private static Password password(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split(":");
        if (parts.length != 2) {
            throw new IllegalArgumentException("must be level:digits, e.g. 2:123456");
        }
        try {
            return new Password(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be level:digits, e.g. 2:123456");
        }
    }

    @Deactivate
    void deactivate() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (engine != null) {
            engine.close();
        }
        try {
            if (counter != null) {
                counter.close();
            }
        } catch (Exception e) {
            LOG.warn("closing the control counters: {}", e.toString());
        }
        if (masterKey != null) {
            java.util.Arrays.fill(masterKey, (byte) 0);
        }
    }

    /** Balance and relay state of every account (for status pages). */
    public List<org.openami.concentrator.prepay.AccountState> accountStates() {
        return engine.accounts();
    }
}
