package org.openami.meter.relay;

import java.io.IOException;
import org.openami.dlt645.control.RelayControlType;
import org.openami.hal.HalException;
import org.openami.hal.relay.Relay;
import org.openami.hal.relay.RelayState;
import org.openami.hal.relay.RelaySwitchResult;
import org.openami.meter.engine.MeterEngine;
import org.openami.meter.event.EventType;
import org.openami.meter.register.EnergyKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out authenticated control commands on the supply relay: trip, close, alarm and
 * keep-power (保电), which blocks trips. The new command state and the command's counter
 * are persisted before the contacts move, so a power cut mid-command cannot lose it and
 * the command cannot be replayed. After a restart {@link #restore()} drives the relay to
 * the persisted state.
 *
 * <p>The reference board has no customer button, so "close allowed" (1BH) closes at once
 * like "direct close" (1CH); see docs/meter-firmware.md. Thread-safe (one command at a
 * time); {@link #execute} blocks for the relay's switching time (≤ 200 ms).
 */
public final class RelayController {

    private static final Logger LOG = LoggerFactory.getLogger(RelayController.class);

    /** What became of a command. */
    public enum Outcome { DONE, REFUSED_KEEP_POWER, CONTACT_DID_NOT_FOLLOW }

    private final Relay relay;
    private final MeterEngine engine;

    public RelayController(Relay relay, MeterEngine engine) {
        this.relay = relay;
        this.engine = engine;
    }

    /** Drives the relay to the persisted command state (at start-up). */
    public synchronized void restore() throws HalException, InterruptedException {
        RelayState target = engine.relayState().tripped() ? RelayState.OPEN : RelayState.CLOSED;
        RelaySwitchResult r = relay.switchTo(target);
        LOG.info("relay restored to {} (sensed {})", target, r.sensed());
    }

    /**
     * Executes {@code type}, consuming {@code counter}.
     *
     * @throws IOException if the new state cannot be persisted (the relay is not moved then)
     */
    public synchronized Outcome execute(RelayControlType type, long operator, long counter)
            throws IOException, HalException, InterruptedException {
        RelayCommandState s = engine.relayState();
        switch (type) {
            case TRIP -> {
                if (s.keepPower()) {
                    engine.consumeAuthCounter(counter);
                    LOG.warn("trip refused: keep-power is in force (operator {})", operator);
                    return Outcome.REFUSED_KEEP_POWER;
                }
                engine.updateRelay(s.withTripped(true), counter);
                return move(RelayState.OPEN, operator, EventType.RELAY_TRIP);
            }
            case CLOSE_ALLOWED, DIRECT_CLOSE -> {
                engine.updateRelay(s.withTripped(false), counter);
                return move(RelayState.CLOSED, operator, EventType.RELAY_CLOSE);
            }
            case ALARM -> engine.updateRelay(s.withAlarm(true), counter);
            case ALARM_RELEASE -> engine.updateRelay(s.withAlarm(false), counter);
            case KEEP_POWER -> {
                engine.updateRelay(s.withKeepPower(true).withTripped(false), counter);
                if (s.tripped()) {
                    return move(RelayState.CLOSED, operator, EventType.RELAY_CLOSE);
                }
            }
            case KEEP_POWER_RELEASE -> engine.updateRelay(s.withKeepPower(false), counter);
            default -> throw new IllegalStateException("unhandled control type " + type);
        }
        LOG.info("control {} done (operator {})", type, operator);
        return Outcome.DONE;
    }

    private Outcome move(RelayState target, long operator, EventType event) throws HalException, InterruptedException, IOException {
        RelaySwitchResult r = relay.switchTo(target);
        engine.record(event, operator, engine.registers().total(EnergyKind.FORWARD_ACTIVE), r.followed() ? 1 : 0);
        if (!r.followed()) {
            LOG.error("relay commanded {} but the contact reads {}", target, r.sensed());
            return Outcome.CONTACT_DID_NOT_FOLLOW;
        }
        LOG.info("relay {} (operator {})", target, operator);
        return Outcome.DONE;
    }

    /** The contacts' real position (feedback contact), for status word 3. */
    public RelayState sensed() throws HalException {
        return relay.sensed();
    }
}
