package org.openami.hal.driver.ade7953;

import static org.openami.hal.driver.ade7953.Ade7953Register.*;

import java.time.Duration;
import java.util.Arrays;
import org.openami.hal.DeviceMismatchException;
import org.openami.hal.HalException;
import org.openami.hal.IntegrityException;
import org.openami.hal.driver.support.Bits;
import org.openami.hal.time.HalClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts an ADE7953 into the mode the driver reads it in, after power-up, a reset, or a driver
 * restart (then it only rewrites the same settings):
 * <ol>
 *   <li>identity check: CONFIG must read a plausible value and LAST_ADD must echo its
 *       address; the same implausible answer twice (a floating bus reads all ones) is a
 *       {@link DeviceMismatchException};</li>
 *   <li>if the chip is fresh from reset (CONFIG at its default 0x8004) but has not yet raised
 *       IRQSTATA.RESET, wait the 100 ms the chip needs to come out of reset; the energy it
 *       counted unconfigured (default PGA and gains) is read and discarded;</li>
 *   <li>acknowledge the interrupts (RSTIRQSTATA), so RESET shows only a new reset;</li>
 *   <li>CONFIG = 0x0004: COMM_LOCK cleared locks the chip to SPI (datasheet table 18: 0 =
 *       locked), high-pass filter on;</li>
 *   <li>the required setting: 0xAD to 0xFE, immediately followed by 0x0030 to 0x120;</li>
 *   <li>LCYCMODE = RSTREAD only (energy read-with-reset, no line-cycle accumulation);
 *       PGA_V and PGA_IA from the config.</li>
 * </ol>
 * Every write is confirmed through LAST_* and read back. Blocking; throws on the first failure
 * (the caller's bounded retry repeats the whole sequence, which is idempotent).
 */
final class Ade7953Startup {

    private static final Logger LOG = LoggerFactory.getLogger(Ade7953Startup.class);
    static final Duration RESET_TIME = Duration.ofMillis(100);

    private final Ade7953Bus bus;
    private final Ade7953Config config;
    private final HalClock clock;

    Ade7953Startup(Ade7953Bus bus, Ade7953Config config, HalClock clock) {
        this.bus = bus;
        this.config = config;
        this.clock = clock;
    }

    void run() throws HalException {
        identify();
        long irq = bus.read(IRQSTATA);
        if (bus.read(CONFIG) == CONFIG_DEFAULT) {
            if ((irq & IRQ_RESET) == 0) {
                sleep(RESET_TIME);
            }
            long active = Bits.signExtend(bus.read(AENERGYA), 24);
            long reactive = Bits.signExtend(bus.read(RENERGYA), 24);
            LOG.info("{}: chip fresh from reset; discarded {} active and {} reactive counts measured unconfigured",
                    bus.device(), active, reactive);
        }
        bus.read(RSTIRQSTATA);
        bus.writeAndConfirm(CONFIG, CONFIG_LOCKED);
        bus.writeRaw(UNLOCK, UNLOCK_KEY);
        bus.write(OPTIMUM, OPTIMUM_SETTING);
        long optimum = bus.read(OPTIMUM);
        if (optimum != OPTIMUM_SETTING) {
            throw new IntegrityException(bus.device(), "register 0x120 reads 0x" + Long.toHexString(optimum)
                    + " after the unlocked write of 0x30");
        }
        bus.writeAndConfirm(LCYCMODE, LCYCMODE_RSTREAD);
        bus.writeAndConfirm(PGA_V, pgaCode(config.voltagePga(), false));
        bus.writeAndConfirm(PGA_IA, pgaCode(config.currentPga(), true));
        bus.read(RSTIRQSTATA);
    }

    private void identify() throws HalException {
        long[] previous = null;
        for (int i = 0; i < 3; i++) {
            long cfg = bus.readRaw(CONFIG);
            long lastAdd = bus.readRaw(LAST_ADD);
            if (lastAdd == CONFIG.address && (cfg & CONFIG_ALWAYS_ZERO) == 0) {
                return;
            }
            long[] answer = {cfg, lastAdd};
            if (Arrays.equals(answer, previous)) {
                throw new DeviceMismatchException(bus.device(), String.format(
                        "no ADE7953 answers: CONFIG reads 0x%04X and LAST_ADD 0x%04X (expected 0x0102), twice;"
                                + " check supply, wiring, chip select and that the chip is strapped for SPI", cfg, lastAdd));
            }
            previous = answer;
        }
        throw new IntegrityException(bus.device(), "identity check gave three different implausible answers");
    }

    private void sleep(Duration d) throws HalException {
        try {
            clock.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HalException(bus.device(), "interrupted while waiting for the chip to leave reset", e);
        }
    }
}
