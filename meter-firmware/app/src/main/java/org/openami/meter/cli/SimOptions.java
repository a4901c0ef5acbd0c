package org.openami.meter.cli;

import java.time.Instant;
import java.time.ZoneId;
import org.openami.sim.board.SimChip;
import org.openami.sim.load.ConstantLoad;
import org.openami.sim.load.LoadModel;
import org.openami.sim.load.PhaseState;
import org.openami.sim.load.ProfileLoad;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Options of simulated meters, shared by {@code ami meter --hal sim} and {@code ami sim bus}. */
public final class SimOptions {

    @Option(names = "--chip", paramLabel = "CHIP", description = "simulated metering IC: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    SimChip chip = SimChip.ADE7953;

    @Option(names = "--load", paramLabel = "MODEL[:WATTS]", converter = LoadConverter.class,
            description = "customer load: residential[:peakW], commercial[:peakW], pv[:peakW] (residential with rooftop PV), constant:W (default: residential:3000)")
    LoadModel load = ProfileLoad.residential(3000, 1);

    @Option(names = "--seed", description = "seed of the chip's component tolerances and the load's noise (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--speed", paramLabel = "X", description = "simulated time runs X times faster than real time (default: ${DEFAULT-VALUE}); kept in the data directory")
    double speed = 1;

    @Option(names = "--start", paramLabel = "INSTANT", description = "simulated start time of a new meter, ISO-8601 (default: now)")
    Instant start;

    @Option(names = "--zone", description = "the meter's local time zone (default: ${DEFAULT-VALUE})")
    ZoneId zone = ZoneId.of("Asia/Shanghai");

    public Instant startOrNow() {
        return start != null ? start : Instant.now();
    }

    /** Parses --load. */
    static final class LoadConverter implements ITypeConverter<LoadModel> {
        @Override
        public LoadModel convert(String value) {
            String[] parts = value.split(":", 2);
            double watts;
            try {
                watts = parts.length == 2 ? Double.parseDouble(parts[1]) : 3000;
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + parts[1] + "' is not a number of watts");
            }
            if (!(watts >= 0) || watts > 100_000) {
                throw new TypeConversionException("load power must be 0..100000 W, was " + parts[1]);
            }
            return switch (parts[0]) {
                case "residential" -> ProfileLoad.residential(watts, 1);
                case "commercial" -> ProfileLoad.commercial(watts, 1);
                case "pv" -> ProfileLoad.residential(watts / 3, 1).withPv(watts);
                case "constant" -> new ConstantLoad(PhaseState.ofPower(230, watts, 0, 50));
                default -> throw new TypeConversionException("unknown load model '" + parts[0] + "' (residential, commercial, pv, constant)");
            };
        }
    }
}
