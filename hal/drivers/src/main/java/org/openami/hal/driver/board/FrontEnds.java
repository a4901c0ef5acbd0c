package org.openami.hal.driver.board;

import com.pi4j.context.Context;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiBus;
import com.pi4j.io.spi.SpiMode;
import org.openami.hal.BusException;
import org.openami.hal.driver.ade7953.Ade7953Config;
import org.openami.hal.driver.ade7953.Ade7953FrontEnd;
import org.openami.hal.driver.atm90e32.Atm90e32Config;
import org.openami.hal.driver.atm90e32.Atm90e32FrontEnd;
import org.openami.hal.driver.bl0942.Bl0942Config;
import org.openami.hal.driver.bl0942.Bl0942FrontEnd;
import org.openami.hal.driver.serial.JSerialCommLine;
import org.openami.hal.driver.serial.UartSettings;
import org.openami.hal.driver.support.SpiLink;

/** {@link FrontEndFactory}s for every supported metering IC, on the bus it is wired to. */
public final class FrontEnds {

    /** SPI clock used for every SPI metering IC: proven on both chips, under every datasheet maximum we know of. */
    public static final int SPI_CLOCK_HZ = 1_000_000;
    /** The BL0942's default UART speed (SCLK_BPS pin low). */
    public static final int BL0942_BAUD = 4800;

    private FrontEnds() {
    }

    /** ADE7953 on {@code /dev/spidev<bus>.<chipSelect>}, SPI mode 0. */
    public static FrontEndFactory ade7953OnSpi(int bus, int chipSelect, Ade7953Config config) {
        return (pi4j, clock) -> new Ade7953FrontEnd(spi(pi4j, "ade7953", bus, chipSelect, SpiMode.MODE_0), config, clock);
    }

    /** ATM90E32AS on {@code /dev/spidev<bus>.<chipSelect>}, SPI mode 3. */
    public static FrontEndFactory atm90e32OnSpi(int bus, int chipSelect, Atm90e32Config config) {
        return (pi4j, clock) -> new Atm90e32FrontEnd(spi(pi4j, "atm90e32", bus, chipSelect, SpiMode.MODE_3), config, clock);
    }

    /** BL0942 on a UART tty (for example {@code /dev/ttyAMA0}), 4800 baud 8N1. */
    public static FrontEndFactory bl0942OnUart(String port, Bl0942Config config) {
        return (pi4j, clock) -> new Bl0942FrontEnd(JSerialCommLine.open(port, UartSettings.of8N1(BL0942_BAUD)), config, clock);
    }

    private static SpiLink spi(Context pi4j, String chip, int bus, int chipSelect, SpiMode mode) throws BusException {
        if (bus < 0 || bus >= SpiBus.values().length || chipSelect < 0 || chipSelect > 7) {
            throw new IllegalArgumentException("no SPI bus " + bus + " chip select " + chipSelect);
        }
        String name = chip + "@spi" + bus + "." + chipSelect;
        return SpiLink.open(pi4j, Spi.newConfigBuilder(pi4j).id(chip + "-spi" + bus + "-" + chipSelect)
                .bus(SpiBus.values()[bus]).channel(chipSelect).mode(mode).baud(SPI_CLOCK_HZ).build(), name);
    }
}
