package org.openami.sim.pi4j;

import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiConfig;
import com.pi4j.io.spi.SpiProviderBase;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SPI provider whose buses hold simulated devices, addressed by bus number and chip-select
 * channel. A chip select with nothing attached reads all ones, like a floating MISO pulled
 * high. Thread-safe.
 */
public final class SimSpiProvider extends SpiProviderBase {

    public static final String ID = "openami-sim-spi";
    private final Map<Integer, SpiDevice> devices = new ConcurrentHashMap<>();

    public SimSpiProvider() {
        super(ID, "OpenAMI simulated SPI");
    }

    /** Puts {@code device} on {@code bus} at chip select {@code channel}. */
    public SimSpiProvider attach(int bus, int channel, SpiDevice device) {
        devices.put(key(bus, channel), device);
        return this;
    }

    @Override
    public Spi create(SpiConfig config) {
        int bus = config.bus() == null ? 0 : config.bus().getBus();
        int channel = config.channel() == null ? 0 : config.channel();
        SpiDevice device = devices.getOrDefault(key(bus, channel), SimSpiProvider::floating);
        SimSpi spi = new SimSpi(this, config, device);
        context.registry().add(spi);
        return spi;
    }

    @Override
    public int getPriority() {
        return 1000;
    }

    private static int key(int bus, int channel) {
        return bus * 256 + channel;
    }

    private static void floating(byte[] tx, byte[] rx) {
        java.util.Arrays.fill(rx, (byte) 0xFF);
    }
}
