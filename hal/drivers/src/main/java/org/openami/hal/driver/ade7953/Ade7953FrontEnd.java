package org.openami.hal.driver.ade7953;

import static org.openami.hal.driver.ade7953.Ade7953Register.*;

import java.util.List;
import org.openami.hal.HalException;
import org.openami.hal.driver.support.AbstractFrontEnd;
import org.openami.hal.driver.support.Bits;
import org.openami.hal.driver.support.BoundedRetry;
import org.openami.hal.driver.support.SpiLink;
import org.openami.hal.metering.CalibrationCoefficients;
import org.openami.hal.metering.EnergyAccumulator;
import org.openami.hal.metering.EnergyQuantity;
import org.openami.hal.metering.FrontEndReading;
import org.openami.hal.metering.PhaseCalibration;
import org.openami.hal.metering.PhaseReading;
import org.openami.hal.time.HalClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Analog Devices ADE7953 on SPI: one phase, measured on current channel A (channel B, the
 * neutral, is not used).
 *
 * <p><b>Wiring:</b> SCLK, MOSI, MISO and CS of one SPI bus; SPI mode 0 at 1 MHz, as Analog
 * Devices' own evaluation software uses (third-party drivers run mode 3 too; the datasheet's
 * maximum clock was not confirmed, 2 MHz is quoted), chip select held low for the whole
 * frame. The chip must be strapped for SPI at power-up; the driver then locks it to SPI. The
 * IRQ and RESET pins are not needed (reset is detected by polling). The board's front end
 * is described by {@link Ade7953Config}.
 *
 * <p><b>Contract</b> as {@link org.openami.hal.metering.MeteringFrontEnd}: not thread-safe,
 * every call blocks for its transfers, failures surface after the config's bounded retries
 * as {@link org.openami.hal.BusException} (bus),
 * {@link org.openami.hal.IntegrityException} (verification registers disagree, or a register
 * does not hold what was written) or {@link org.openami.hal.DeviceMismatchException} (no
 * ADE7953 answers). Every register access is checked through LAST_ADD / LAST_RWDATA.
 *
 * <p><b>Energy:</b> AENERGYA and RENERGYA are read with reset into the accumulator (import /
 * export, inductive / capacitive). The 24-bit registers fill at full scale in about 40 s
 * (about 76 s at 120% Imax on the reference board): call {@link #readEnergy()} at least every
 * 30 s. A chip reset is detected by IRQSTATA.RESET or CONFIG no longer holding the driver's
 * value; energy the chip counted between the reset and re-configuration is discarded.
 */
public final class Ade7953FrontEnd extends AbstractFrontEnd {

    private static final Logger LOG = LoggerFactory.getLogger(Ade7953FrontEnd.class);
    private static final long ENERGY_OVERFLOW_IRQS = (1L << 3) | (1L << 4);

    private final SpiLink link;
    private final Ade7953Bus bus;
    private final Ade7953Config config;
    private final Ade7953Scaling scaling;
    private int currentOffsetMa;

    /** Does no I/O; call {@link #initialize} next. */
    public Ade7953FrontEnd(SpiLink link, Ade7953Config config, HalClock clock) {
        super(link.device(), 1, config.nanoWhPerEnergyCount(),
                new BoundedRetry(config.retryAttempts(), config.retryPause(), clock), clock);
        this.link = link;
        this.bus = new Ade7953Bus(link);
        this.config = config;
        this.scaling = new Ade7953Scaling(config);
    }

    @Override
    protected void configureChip() throws HalException {
        new Ade7953Startup(bus, config, clock).run();
    }

    @Override
    protected void writeCalibration(CalibrationCoefficients c) throws HalException {
        PhaseCalibration p = c.phase(0);
        for (var e : Ade7953CalibrationMap.registers(p, config, lineFrequencyMilliHz()).entrySet()) {
            bus.writeAndConfirm(e.getKey(), e.getValue());
        }
        currentOffsetMa = p.currentOffsetMa();
    }

    @Override
    protected boolean chipWasReset() throws HalException {
        long irq = bus.read(IRQSTATA);
        if ((irq & IRQ_RESET) != 0) {
            return true;
        }
        if (bus.read(CONFIG) != CONFIG_LOCKED) {
            return true;
        }
        if ((irq & ENERGY_OVERFLOW_IRQS) != 0) {
            LOG.warn("{}: an energy register overflowed, energy was lost: call readEnergy() more often", name);
            bus.read(RSTIRQSTATA);
        }
        return false;
    }

    @Override
    protected FrontEndReading readInstantaneous() throws HalException {
        int voltage = scaling.voltageMv(bus.read(VRMS));
        int current = scaling.currentMa(bus.read(IRMSA), currentOffsetMa);
        long active = scaling.powerMilli(bus.read(AWATT));
        long reactive = scaling.powerMilli(bus.read(AVAR));
        long apparent = Math.abs(scaling.powerMilli(bus.read(AVA)));
        int pf = Ade7953Scaling.powerFactorMilli(bus.read(PFA));
        int frequency = Ade7953Scaling.frequencyMilliHz(bus.read(PERIOD));
        return new FrontEndReading(List.of(new PhaseReading(voltage, current, active, reactive, apparent, pf)), frequency);
    }

    @Override
    protected void accumulateEnergy(EnergyAccumulator acc) throws HalException {
        acc.addSignedCounts(Bits.signExtend(bus.read(AENERGYA), 24), EnergyQuantity.IMPORT_ACTIVE, EnergyQuantity.EXPORT_ACTIVE);
        acc.addSignedCounts(Bits.signExtend(bus.read(RENERGYA), 24), EnergyQuantity.IMPORT_REACTIVE, EnergyQuantity.EXPORT_REACTIVE);
    }

    /** Releases the SPI handle; the chip keeps running and keeps counting. Never throws. */
    @Override
    public void close() {
        link.close();
    }

    private int lineFrequencyMilliHz() throws HalException {
        int f = Ade7953Scaling.frequencyMilliHz(bus.read(PERIOD));
        return f >= 45_000 && f <= 66_000 ? f : config.nominalFrequencyMilliHz();
    }
}
