package org.openami.meter.app;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.openami.hal.metering.CalibrationCoefficients;
import org.openami.hal.metering.PhaseCalibration;

/**
 * The board's calibration coefficients in {@code calibration.properties} (written at the
 * factory, or by the simulator's bench on first start): per phase the gains in ppm, the
 * phase correction in milli-degrees and the offsets, as {@code phase.N.field=value}.
 */
final class CalibrationFile {

    static final String FILE = "calibration.properties";
    private static final String[] FIELDS = {"voltageGainPpm", "currentGainPpm", "activePowerGainPpm", "reactivePowerGainPpm",
        "phaseCorrectionMilliDeg", "currentOffsetMa", "activePowerOffsetMw"};

    private CalibrationFile() {
    }

    static Optional<CalibrationCoefficients> load(Path dataDir) throws IOException {
        Path f = dataDir.resolve(FILE);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        try {
            int n = Integer.parseInt(p.getProperty("phases"));
            List<PhaseCalibration> phases = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int[] v = new int[FIELDS.length];
                for (int k = 0; k < FIELDS.length; k++) {
                    String key = "phase." + i + "." + FIELDS[k];
                    String s = p.getProperty(key);
                    if (s == null) {
                        throw new IllegalArgumentException("missing " + key);
                    }
                    v[k] = Integer.parseInt(s.strip());
                }
                phases.add(new PhaseCalibration(v[0], v[1], v[2], v[3], v[4], v[5], v[6]));
            }
            return Optional.of(new CalibrationCoefficients(phases));
        } catch (RuntimeException e) {
            throw new IOException("calibration file " + f + " is invalid: " + e.getMessage(), e);
        }
    }

    static void save(Path dataDir, CalibrationCoefficients c) throws IOException {
        Properties p = new Properties();
        p.setProperty("phases", Integer.toString(c.phases().size()));
        for (int i = 0; i < c.phases().size(); i++) {
            PhaseCalibration pc = c.phases().get(i);
            int[] v = {pc.voltageGainPpm(), pc.currentGainPpm(), pc.activePowerGainPpm(), pc.reactivePowerGainPpm(),
                pc.phaseCorrectionMilliDeg(), pc.currentOffsetMa(), pc.activePowerOffsetMw()};
            for (int k = 0; k < FIELDS.length; k++) {
                p.setProperty("phase." + i + "." + FIELDS[k], Integer.toString(v[k]));
            }
        }
        java.nio.file.Files.createDirectories(dataDir);
        Path tmp = dataDir.resolve(FILE + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "meter calibration coefficients");
        }
        Files.move(tmp, dataDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
