package org.openami.sim.board;

import com.pi4j.context.Context;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.openami.hal.HalException;
import org.openami.hal.board.MeterBoard;
import org.openami.hal.driver.board.BoardAssembler;
import org.openami.hal.driver.board.ReferenceBoard;
import org.openami.hal.relay.RelayKind;
import org.openami.hal.relay.RelayState;
import org.openami.hal.time.HalClock;
import org.openami.sim.load.LoadModel;
import org.openami.sim.load.SwitchableLoad;
import org.openami.sim.pi4j.SimGpio;
import org.openami.sim.pi4j.SimPi4j;
import org.openami.sim.pi4j.SimSpiProvider;
import org.openami.sim.relay.RelayModel;

/**
 * A whole simulated meter board: the chosen metering IC's model, the customer's load
 * behind a relay model, a cover switch and a pulse LED, wired on the reference board's
 * pins, and the HAL {@link MeterBoard} that the real drivers make of it. Build one with
 * {@link #builder(SimChip)}; close it to release the Pi4J context and any pseudo-terminal.
 */
public final class SimulatedBoard implements AutoCloseable {

    /** Pins of the reference board (BCM numbering); see docs/hal.md. */
    public static final int RELAY_SET_PIN = ReferenceBoard.RELAY_SET_PIN;
    public static final int RELAY_RESET_PIN = ReferenceBoard.RELAY_RESET_PIN;
    public static final int RELAY_FEEDBACK_PIN = ReferenceBoard.RELAY_FEEDBACK_PIN;
    public static final int COVER_PIN = ReferenceBoard.COVER_PIN;
    public static final int PULSE_LED_PIN = ReferenceBoard.PULSE_LED_PIN;
    /** The relay model's minimum coil pulse; the driver's 80 ms default clears it. */
    public static final Duration RELAY_MIN_PULSE = Duration.ofMillis(50);

    private final SimGpio gpio;
    private final Context pi4j;
    private final ChipSocket chip;
    private final RelayModel relay;
    private final SwitchableLoad load;
    private final MeterBoard board;
    private final AtomicLong ledPulses = new AtomicLong();

    private SimulatedBoard(Builder b) throws HalException {
        gpio = new SimGpio();
        SimSpiProvider spi = new SimSpiProvider();
        relay = new RelayModel(b.relayKind, RELAY_MIN_PULSE, b.clock, RelayState.CLOSED);
        load = new SwitchableLoad(b.load);
        chip = ChipSockets.mount(b.chip, b.clock, new RelayGatedLoad(load, relay), b.seed, spi);
        wireRelay(b.relayKind);
        gpio.wire(PULSE_LED_PIN).onChange(high -> {
            if (high) {
                ledPulses.incrementAndGet();
            }
        });
        pi4j = SimPi4j.newContext(spi, gpio);
        var wiring = ReferenceBoard.wiring(chip.frontEnd(), b.relayKind);
        try {
            board = BoardAssembler.assemble(wiring, pi4j, b.clock);
        } catch (HalException | RuntimeException e) {
            chip.close();
            pi4j.shutdown();
            throw e;
        }
    }

    private void wireRelay(RelayKind kind) {
        gpio.wire(RELAY_SET_PIN).onChange(relay::setCoil);
        if (kind == RelayKind.LATCHING) {
            gpio.wire(RELAY_RESET_PIN).onChange(relay::resetCoil);
        }
        relay.onFeedback(closed -> gpio.wire(RELAY_FEEDBACK_PIN).set(closed));
    }

    public static Builder builder(SimChip chip) {
        return new Builder(chip);
    }

    /** The HAL view of the board, as the meter application gets it. */
    public MeterBoard board() {
        return board;
    }

    /** The chip model's side: ground truth, faults, reset. */
    public ChipSocket chip() {
        return chip;
    }

    public RelayModel relay() {
        return relay;
    }

    /** The customer's load (before the relay); also the calibration reference source. */
    public SwitchableLoad load() {
        return load;
    }

    /** Opens or closes the terminal cover. */
    public void setCoverOpen(boolean open) {
        gpio.wire(COVER_PIN).set(open);
    }

    /** Pulses the LED has given so far. */
    public long ledPulses() {
        return ledPulses.get();
    }

    @Override
    public void close() {
        board.close();
        chip.close();
        pi4j.shutdown();
    }

    /** Options of a simulated board; every one has a default. */
    public static final class Builder {
        private final SimChip chip;
        private HalClock clock = HalClock.system();
        private LoadModel load = org.openami.sim.load.ProfileLoad.residential(3000, 1);
        private long seed = 1;
        private RelayKind relayKind = RelayKind.LATCHING;

        private Builder(SimChip chip) {
            this.chip = Objects.requireNonNull(chip);
        }

        public Builder clock(HalClock c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        public Builder load(LoadModel l) {
            this.load = Objects.requireNonNull(l);
            return this;
        }

        /** Seed of the chip's analog front-end errors (component tolerances). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public Builder relay(RelayKind kind) {
            this.relayKind = Objects.requireNonNull(kind);
            return this;
        }

        public SimulatedBoard build() throws HalException {
            return new SimulatedBoard(this);
        }
    }
}
