package org.openami.concentrator.components;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.openami.cloud.message.Command;
import org.openami.cloud.uplink.CommandExecutor;
import org.openami.concentrator.archive.MeterProtocol;
import org.openami.concentrator.archive.MeterRecord;
import org.openami.concentrator.channel.Channel;
import org.openami.concentrator.channel.LineSettings;
import org.openami.concentrator.channel.Priority;
import org.openami.concentrator.dlt645.Dlt645Master;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.dlt645.ControlCode;
import org.openami.dlt645.DataIdentifier;
import org.openami.dlt645.Dlt645Frame;
import org.openami.dlt645.MeterAddress;
import org.openami.dlt645.control.RelayControlCommand;
import org.openami.dlt645.control.RelayControlType;

/**
 * Carries out the cloud's commands on the meter buses.
 * <ul>
 *   <li>{@code READ_NOW}: reads the meter now, ahead of scheduled work; parameter
 *       {@code quantities} (comma-separated quantity names) or a default set. The readings go
 *       into the store like any other and reach the cloud as telemetry.</li>
 *   <li>{@code RELAY_TRIP} / {@code RELAY_CLOSE}: forwards a DL/T 645 control (1CH) data field
 *       that the cloud prepared (parameter {@code data}, hex: password, operator, control type,
 *       expiry, counter and the MAC made with the meter's own key). The concentrator holds no
 *       meter keys; it checks that the control type matches the command and refuses a trip for
 *       a meter marked keep-power in the archive. Sent once at control priority: the meter refuses
 *       a repeated counter.</li>
 *   <li>{@code TIME_SYNC}: a broadcast time sync (08H) on every bus that has DL/T 645 meters,
 *       with this concentrator's clock.</li>
 *   <li>{@code TOP_UP}: credits a prepaid account (parameters {@code account}, {@code amount} in
 *       fen) exactly once by command id, through local prepayment; the result carries the balance.</li>
 *   <li>{@code TARIFF_UPDATE}: forwards a DL/T 645 write (14H) data field the cloud prepared
 *       (parameter {@code data}, hex: data identifier, password, operator code, value); only
 *       parameter identifiers (04xxxxxx) are accepted.</li>
 * </ul>
 * Modbus meters take only {@code READ_NOW}.
 */
final class MeterCommands implements CommandExecutor {

    private static final Set<Quantity> DEFAULT_QUANTITIES = EnumSet.of(Quantity.ENERGY_FORWARD_ACTIVE_TOTAL,
            Quantity.ACTIVE_POWER_TOTAL, Quantity.VOLTAGE_A, Quantity.CURRENT_A);

    /** Reads a meter now. */
    interface ReadNow {
        CompletableFuture<List<Reading>> read(int point, Set<Quantity> quantities);
    }

    /** Credits prepaid accounts (local prepayment); the outcome's detail carries the new balance. */
    interface TopUps {
        CommandOutcome topUp(String topUpId, String account, long amountFen);
    }

    /** Keeps readings taken on demand (the store: they go up as telemetry). */
    interface Keep {
        void readings(List<Reading> readings) throws Exception;
    }

    private final IntFunction<MeterRecord> meters;
    private final Function<String, Channel> channels;
    private final ReadNow readNow;
    private final Keep keep;
    private final java.util.function.Supplier<TopUps> topUps;
    private final Clock clock;
    private final ZoneId zone;

    MeterCommands(IntFunction<MeterRecord> meters, Function<String, Channel> channels, ReadNow readNow, Keep keep,
                  java.util.function.Supplier<TopUps> topUps, Clock clock, ZoneId zone) {
        this.topUps = topUps;
        this.meters = meters;
        this.channels = channels;
        this.readNow = readNow;
        this.keep = keep;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public CompletableFuture<CommandOutcome> execute(Command command) {
        try {
            return switch (command.commandType()) {
                case READ_NOW -> readNow(command);
                case RELAY_TRIP -> relay(command, true);
                case RELAY_CLOSE -> relay(command, false);
                case TIME_SYNC -> timeSync();
                case TARIFF_UPDATE -> write(command);
                case TOP_UP -> CompletableFuture.completedFuture(topUp(command));
            };
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(CommandOutcome.failed("BAD_PARAMETER: " + e.getMessage()));
        }
    }

    private CompletableFuture<CommandOutcome> readNow(Command c) {
        MeterRecord m = meter(c);
        Set<Quantity> quantities = quantities(c.params().get("quantities"));
        return readNow.read(m.point(), quantities).handle((readings, err) -> {
            if (err != null) {
                return CommandOutcome.failed("READ_FAILED: " + cause(err));
            }
            try {
                keep.readings(readings);
            } catch (Exception e) {
                return CommandOutcome.failed("NOT_STORED: " + readings.size() + " reading(s) taken but not stored: " + e);
            }
            return CommandOutcome.ok(readings.size() + " reading(s) taken");
        });
    }

    private CommandOutcome topUp(Command c) {
        TopUps t = topUps.get();
        if (t == null) {
            return CommandOutcome.failed("NO_PREPAY: local prepayment is not configured on this concentrator");
        }
        String account = c.params().get("account");
        String amount = c.params().get("amount");
        if (account == null || account.isEmpty() || amount == null) {
            throw new IllegalArgumentException("a top-up needs the parameters 'account' and 'amount' (fen)");
        }
        long fen;
        try {
            fen = Long.parseLong(amount);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter 'amount' is not an integer number of fen");
        }
        if (fen <= 0) {
            throw new IllegalArgumentException("parameter 'amount' must be positive");
        }
        return t.topUp(c.commandId(), account, fen);
    }

    private CompletableFuture<CommandOutcome> relay(Command c, boolean trip) {
        MeterRecord m = dlt645(meter(c));
        byte[] data = hex(c.params().get("data"), "data");
        RelayControlType type = RelayControlCommand.decode(data).command().type();
        boolean isTrip = type == RelayControlType.TRIP;
        boolean isClose = type == RelayControlType.CLOSE_ALLOWED || type == RelayControlType.DIRECT_CLOSE;
        if (trip ? !isTrip : !isClose) {
            throw new IllegalArgumentException("the control data is a " + type + ", not a " + (trip ? "trip" : "close"));
        }
        if (trip && m.keepPower()) {
            return CompletableFuture.completedFuture(CommandOutcome.failed(
                    "KEEP_POWER: point " + m.point() + " is marked keep-power in the archive; trips are refused"));
        }
        return send(m, Dlt645Frame.request(MeterAddress.parse(m.address()), ControlCode.Function.CONTROL, data), type.name());
    }

    private CompletableFuture<CommandOutcome> write(Command c) {
        MeterRecord m = dlt645(meter(c));
        byte[] data = hex(c.params().get("data"), "data");
        if (data.length < DataIdentifier.SIZE + 8) {
            throw new IllegalArgumentException("a write needs a data identifier, password and operator code");
        }
        DataIdentifier di = DataIdentifier.fromWire(data, 0);
        if ((di.value() >>> 24) != 0x04) {
            throw new IllegalArgumentException("data identifier " + di + " is not a parameter (04xxxxxx)");
        }
        return send(m, Dlt645Frame.request(MeterAddress.parse(m.address()), ControlCode.Function.WRITE_DATA, data), "write " + di);
    }

    private CompletableFuture<CommandOutcome> send(MeterRecord m, Dlt645Frame frame, String what) {
        Channel channel = channel(m.channel());
        return new Dlt645Master(channel).command(frame, m.line(), Priority.CONTROL, 1)
                .handle((reply, err) -> err == null ? CommandOutcome.ok(what + " accepted by meter " + m.address())
                        : CommandOutcome.failed("METER_REFUSED: " + cause(err)));
    }

    private CompletableFuture<CommandOutcome> timeSync() {
        LocalDateTime now = LocalDateTime.now(clock.withZone(zone));
        List<CompletableFuture<Void>> syncs = new ArrayList<>();
        Map<String, LineSettings> buses = new java.util.LinkedHashMap<>();
        for (int p = 1; p <= MeterRecord.MAX_POINT; p++) {
            MeterRecord m = meters.apply(p);
            if (m != null && m.protocol() == MeterProtocol.DLT645_2007) {
                buses.putIfAbsent(m.channel(), m.line());
            }
        }
        buses.forEach((id, line) -> {
            Channel ch = channels.apply(id);
            if (ch != null) {
                syncs.add(new Dlt645Master(ch).broadcastTimeSync(now, line));
            }
        });
        if (syncs.isEmpty()) {
            return CompletableFuture.completedFuture(CommandOutcome.failed("NO_BUS: no DL/T 645 bus is active"));
        }
        return CompletableFuture.allOf(syncs.toArray(CompletableFuture[]::new))
                .handle((ok, err) -> err == null
                        ? CommandOutcome.ok("time " + now + " broadcast on " + syncs.size() + " bus(es)")
                        : CommandOutcome.failed("BROADCAST_FAILED: " + cause(err)));
    }

    private MeterRecord meter(Command c) {
        MeterRecord m = c.point() >= 1 && c.point() <= MeterRecord.MAX_POINT ? meters.apply(c.point()) : null;
        if (m == null) {
            throw new IllegalArgumentException("point " + c.point() + " is not in the archive");
        }
        if (!c.meter().isEmpty() && !c.meter().equals(m.address())) {
            throw new IllegalArgumentException("point " + c.point() + " is meter " + m.address() + ", not " + c.meter());
        }
        return m;
    }

    private static MeterRecord dlt645(MeterRecord m) {
        if (m.protocol() != MeterProtocol.DLT645_2007) {
            throw new IllegalArgumentException("point " + m.point() + " is a " + m.protocol().label()
                    + " meter; only DL/T 645 meters take this command");
        }
        return m;
    }

    private Channel channel(String id) {
        Channel ch = channels.apply(id);
        if (ch == null) {
            throw new IllegalArgumentException("bus " + id + " is not active");
        }
        return ch;
    }

    private static Set<Quantity> quantities(String list) {
        if (list == null || list.isBlank()) {
            return DEFAULT_QUANTITIES;
        }
        Set<Quantity> out = EnumSet.noneOf(Quantity.class);
        for (String name : list.split(",")) {
            try {
                out.add(Quantity.valueOf(name.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown quantity '" + name.trim() + "'");
            }
        }
        return out;
    }

    private static byte[] hex(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("parameter '" + name + "' is missing");
        }
        try {
            return HexFormat.of().parseHex(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter '" + name + "' is not hex");
        }
    }

    private static String cause(Throwable t) {
        while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
