package org.openami.meter.protocol;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.openami.dlt645.ControlCode.Function;
import org.openami.dlt645.DataIdentifier;
import org.openami.dlt645.Dlt645Frame;
import org.openami.dlt645.ErrorFlag;
import org.openami.dlt645.MeterAddress;
import org.openami.dlt645.Password;
import org.openami.dlt645.control.RelayControlCommand;
import org.openami.dlt645.data.ClockFormat;
import org.openami.hal.HalException;
import org.openami.meter.engine.MeterEngine;
import org.openami.meter.event.EventType;
import org.openami.meter.link.FrameHandler;
import org.openami.meter.link.SlaveReply;
import org.openami.meter.relay.RelayController;
import org.openami.meter.security.PasswordGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meter's DL/T 645-2007 slave: answers requests addressed to it (its own address, a
 * matching AA wildcard), acts on broadcasts without answering, and maps control codes to
 * the engine: 08 time sync, 11 read, 12 follow-up, 13 read address, 14 write, 16 freeze,
 * 17 baud rate, 19 demand reset, 1A meter clear, 1B event clear, 1C relay control.
 * Unsupported codes get an abnormal reply with bit 0; unknown identifiers bit 1; wrong
 * passwords and unauthenticated control bit 2.
 *
 * <p>Called by one transport thread at a time (see {@link FrameHandler}); the state it
 * touches is in the thread-safe engine.
 */
public final class Dlt645Slave implements FrameHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Dlt645Slave.class);
    /** Largest broadcast time adjustment accepted. */
    public static final Duration MAX_SYNC_ADJUSTMENT = Duration.ofMinutes(5);
    /** Password level needed for parameter writes, demand reset, event clear and relay control. */
    static final int PROGRAMMING_LEVEL = 2;
    /** Password level needed for a meter clear. */
    static final int CLEAR_LEVEL = 0;

    private final MeterEngine engine;
    private final RelayController relay;
    private final byte[] controlKey;
    private final PasswordGuard passwords;
    private final DataTable table;
    private final ParameterWriter writer;
    private final boolean baudChangeable;
    private final AtomicLong refused = new AtomicLong();

    /**
     * @param controlKey     this meter's 32-byte key for 1CH authentication codes
     * @param phases         phases the front end measures (1 or 3)
     * @param baudChangeable false on a shared simulated bus, where 17H is refused (bit 3)
     */
    public Dlt645Slave(MeterEngine engine, RelayController relay, byte[] controlKey, int phases, boolean baudChangeable) {
        this.engine = engine;
        this.relay = relay;
        this.controlKey = controlKey.clone();
        this.passwords = new PasswordGuard(engine);
        this.table = new DataTable(engine, new StatusWords(engine, this::contactOpen), phases);
        this.writer = new ParameterWriter(engine);
        this.baudChangeable = baudChangeable;
    }

    private boolean contactOpen() {
        try {
            return relay.sensed() == org.openami.hal.relay.RelayState.OPEN;
        } catch (HalException e) {
            LOG.warn("cannot read relay feedback: {}", e.getMessage());
            return engine.relayState().tripped();
        }
    }

    /** Requests refused for a password or authentication failure. */
    public long refusedRequests() {
        return refused.get();
    }

    @Override
    public Optional<SlaveReply> handle(Dlt645Frame request) {
        MeterAddress own = engine.parameters().address();
        if (!request.control().isRequest() || !request.address().matches(own)) {
            return Optional.empty();
        }
        boolean broadcast = request.address().isBroadcast();
        Dlt645Frame reply;
        try {
            reply = dispatch(request, own, broadcast);
        } catch (IOException e) {
            LOG.error("{} failed: cannot persist ({})", request.function(), e.getMessage());
            reply = abnormal(own, request.function(), ErrorFlag.OTHER);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        if (broadcast || reply == null) {
            return Optional.empty();
        }
        if (request.function() == Function.CHANGE_BAUD_RATE && !reply.control().isAbnormal()) {
            return Optional.of(SlaveReply.thenChangeBaud(reply, engine.parameters().baud()));
        }
        return Optional.of(SlaveReply.of(reply));
    }

    private Dlt645Frame dispatch(Dlt645Frame req, MeterAddress own, boolean broadcast) throws IOException, InterruptedException {
        byte[] d = req.data();
        return switch (req.function()) {
            case BROADCAST_TIME_SYNC -> {
                timeSync(d);
                yield null;
            }
            case READ_DATA -> read(own, d);
            case READ_FOLLOW_UP -> abnormal(own, Function.READ_FOLLOW_UP, ErrorFlag.NO_REQUESTED_DATA);
            case READ_ADDRESS -> d.length == 0 ? Dlt645Frame.addressReply(own) : abnormal(own, Function.READ_ADDRESS, ErrorFlag.OTHER);
            case WRITE_DATA -> write(own, d);
            case FREEZE -> freeze(own, d);
            case CHANGE_BAUD_RATE -> changeBaud(own, d);
            case MAX_DEMAND_RESET -> guarded(own, req.function(), d, PROGRAMMING_LEVEL, op -> engine.resetDemand(op));
            case METER_CLEAR -> guarded(own, req.function(), d, CLEAR_LEVEL, op -> engine.clearMeter(op));
            case EVENT_CLEAR -> eventClear(own, d);
            case CONTROL -> broadcast ? null : control(own, d);
            default -> abnormal(own, req.function(), ErrorFlag.OTHER);
        };
    }

    // ---- 11H -----------------------------------------------------------------------------

    private Dlt645Frame read(MeterAddress own, byte[] d) {
        if (d.length < DataIdentifier.SIZE) {
            return abnormal(own, Function.READ_DATA, ErrorFlag.OTHER);
        }
        DataIdentifier di = DataIdentifier.fromWire(d, 0);
        byte[] extra = java.util.Arrays.copyOfRange(d, DataIdentifier.SIZE, d.length);
        Optional<byte[]> value = table.read(di, extra);
        if (value.isEmpty() || value.get().length + DataIdentifier.SIZE > Dlt645Frame.MAX_REPLY_DATA) {
            return abnormal(own, Function.READ_DATA, ErrorFlag.NO_REQUESTED_DATA);
        }
        return Dlt645Frame.readReply(own, di, value.get());
    }

    // ---- 14H -----------------------------------------------------------------------------

    private Dlt645Frame write(MeterAddress own, byte[] d) throws IOException {
        if (d.length < DataIdentifier.SIZE + 8) {
            return abnormal(own, Function.WRITE_DATA, ErrorFlag.OTHER);
        }
        DataIdentifier di = DataIdentifier.fromWire(d, 0);
        Credentials c = Credentials.read(d, DataIdentifier.SIZE);
        if (c == null || !passwords.check(c.password, PROGRAMMING_LEVEL, Function.WRITE_DATA.code(), c.operator)) {
            refused.incrementAndGet();
            return abnormal(own, Function.WRITE_DATA, ErrorFlag.UNAUTHORISED);
        }
        byte[] value = java.util.Arrays.copyOfRange(d, DataIdentifier.SIZE + 8, d.length);
        Set<ErrorFlag> errors = writer.write(di, value, c.operator);
        if (!errors.isEmpty()) {
            return Dlt645Frame.abnormalReply(own, Function.WRITE_DATA, errors);
        }
        engine.record(EventType.PROGRAMMING, c.operator, di.value() & 0xFFFFFFFFL, 0);
        return Dlt645Frame.normalReply(own, Function.WRITE_DATA, new byte[0]);
    }

    // ---- 08H -----------------------------------------------------------------------------

    /**
     * Broadcast time sync: accepted at most once a day, by at most
     * {@link #MAX_SYNC_ADJUSTMENT}, and not within that span of midnight (so no freeze is
     * skipped or repeated); logged either way, and recorded as a clock change when applied.
     */
    private void timeSync(byte[] d) throws IOException {
        if (d.length != ClockFormat.DATE_TIME_SIZE) {
            LOG.info("time sync ignored: {} data bytes", d.length);
            return;
        }
        LocalDateTime target;
        try {
            target = ClockFormat.decodeDateTime(d, 0);
        } catch (RuntimeException e) {
            LOG.info("time sync ignored: {}", e.getMessage());
            return;
        }
        LocalDateTime now = engine.localNow();
        Duration adjust = Duration.between(now, target);
        long today = now.toLocalDate().toEpochDay();
        String refusal = null;
        if (adjust.abs().compareTo(MAX_SYNC_ADJUSTMENT) > 0) {
            refusal = "adjustment " + adjust + " exceeds " + MAX_SYNC_ADJUSTMENT;
        } else if (engine.lastTimeSyncDay() == today) {
            refusal = "already synchronised today";
        } else if (nearMidnight(now) || nearMidnight(target)) {
            refusal = "too close to midnight";
        }
        if (refusal != null) {
            LOG.info("broadcast time sync to {} refused: {}", target, refusal);
            return;
        }
        engine.setClock(target.atZone(engine.zone()).toInstant(), 0);
        engine.markTimeSync(target.toLocalDate().toEpochDay());
        LOG.info("broadcast time sync applied: {} -> {} ({})", now, target, adjust);
    }

    private static boolean nearMidnight(LocalDateTime t) {
        int s = t.toLocalTime().toSecondOfDay();
        long m = MAX_SYNC_ADJUSTMENT.toSeconds();
        return s < m || s > 86_400 - m;
    }

    // ---- 16H, 17H ------------------------------------------------------------------------

    private Dlt645Frame freeze(MeterAddress own, byte[] d) throws IOException {
        if (d.length == 4 && (d[0] & 0xFF) == 0x99 && (d[1] & 0xFF) == 0x99 && (d[2] & 0xFF) == 0x99 && (d[3] & 0xFF) == 0x99) {
            engine.freezeNow();
            return Dlt645Frame.normalReply(own, Function.FREEZE, new byte[0]);
        }
        return abnormal(own, Function.FREEZE, ErrorFlag.OTHER); // scheduled freezes are not supported
    }

    private Dlt645Frame changeBaud(MeterAddress own, byte[] d) throws IOException {
        int baud = d.length == 1 ? BaudWord.baud(d[0] & 0xFF) : -1;
        if (!baudChangeable || baud < 0) {
            return abnormal(own, Function.CHANGE_BAUD_RATE, ErrorFlag.BAUD_RATE_NOT_CHANGEABLE);
        }
        engine.updateParameters(engine.parameters().withBaud(baud));
        LOG.info("baud rate changing to {} after this reply", baud);
        return Dlt645Frame.normalReply(own, Function.CHANGE_BAUD_RATE, new byte[] {d[0]});
    }

    // ---- 19H, 1AH, 1BH -------------------------------------------------------------------

    private interface Action {
        void run(long operator) throws IOException;
    }

    private Dlt645Frame guarded(MeterAddress own, Function f, byte[] d, int level, Action a) throws IOException {
        Credentials c = d.length == 8 ? Credentials.read(d, 0) : null;
        if (c == null || !passwords.check(c.password, level, f.code(), c.operator)) {
            refused.incrementAndGet();
            return abnormal(own, f, ErrorFlag.UNAUTHORISED);
        }
        a.run(c.operator);
        return Dlt645Frame.normalReply(own, f, new byte[0]);
    }

    private Dlt645Frame eventClear(MeterAddress own, byte[] d) throws IOException {
        if (d.length != 12) {
            return abnormal(own, Function.EVENT_CLEAR, ErrorFlag.OTHER);
        }
        int di = DataIdentifier.fromWire(d, 8).value();
        Optional<EventType> type = Optional.empty();
        if (di != 0xFFFFFFFF) {
            type = java.util.Arrays.stream(EventType.values()).filter(t -> t.countDi() == di).findFirst();
            if (type.isEmpty()) {
                return abnormal(own, Function.EVENT_CLEAR, ErrorFlag.NO_REQUESTED_DATA);
            }
        }
        Optional<EventType> chosen = type;
        return guarded(own, Function.EVENT_CLEAR, java.util.Arrays.copyOf(d, 8), PROGRAMMING_LEVEL,
                op -> engine.clearEvents(chosen, op, di));
    }

    // ---- 1CH -----------------------------------------------------------------------------

    private Dlt645Frame control(MeterAddress own, byte[] d) throws IOException, InterruptedException {
        RelayControlCommand.Signed s;
        try {
            s = RelayControlCommand.decode(d);
        } catch (RuntimeException e) {
            return refuse(own, 0, PasswordGuard.MALFORMED, "malformed: " + e.getMessage());
        }
        RelayControlCommand c = s.command();
        if (!passwords.check(c.password(), PROGRAMMING_LEVEL, Function.CONTROL.code(), c.operatorCode())) {
            refused.incrementAndGet();
            return abnormal(own, Function.CONTROL, ErrorFlag.UNAUTHORISED);
        }
        if (!s.verify(own, controlKey)) {
            return refuse(own, c.operatorCode(), PasswordGuard.BAD_MAC, "authentication code does not verify");
        }
        if (c.counter() <= engine.lastAuthCounter()) {
            return refuse(own, c.operatorCode(), PasswordGuard.REPLAYED, "counter " + c.counter() + " already used (last " + engine.lastAuthCounter() + ")");
        }
        if (c.expiry().isBefore(engine.localNow())) {
            return refuse(own, c.operatorCode(), PasswordGuard.EXPIRED, "expired at " + c.expiry());
        }
        RelayController.Outcome outcome;
        try {
            outcome = relay.execute(c.type(), c.operatorCode(), c.counter());
        } catch (HalException e) {
            LOG.error("relay command {} failed on the hardware: {}", c.type(), e.getMessage());
            return abnormal(own, Function.CONTROL, ErrorFlag.OTHER);
        }
        if (outcome != RelayController.Outcome.DONE) {
            return abnormal(own, Function.CONTROL, ErrorFlag.OTHER);
        }
        return Dlt645Frame.normalReply(own, Function.CONTROL, new byte[0]);
    }

    private Dlt645Frame refuse(MeterAddress own, long operator, int reason, String why) throws IOException {
        refused.incrementAndGet();
        LOG.warn("1CH control refused: {}", why);
        passwords.refused(Function.CONTROL.code(), operator, reason);
        return abnormal(own, Function.CONTROL, ErrorFlag.UNAUTHORISED);
    }

    private static Dlt645Frame abnormal(MeterAddress own, Function f, ErrorFlag flag) {
        return Dlt645Frame.abnormalReply(own, f, EnumSet.of(flag));
    }

    /** Password and operator code at the head of write and management commands. */
    private record Credentials(Password password, long operator) {
        static Credentials read(byte[] d, int off) {
            try {
                Password p = Password.readFrom(d, off);
                long op = (d[off + 4] & 0xFFL) | (d[off + 5] & 0xFFL) << 8 | (d[off + 6] & 0xFFL) << 16 | (d[off + 7] & 0xFFL) << 24;
                return new Credentials(p, op);
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}
