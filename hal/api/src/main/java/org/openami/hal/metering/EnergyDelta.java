package org.openami.hal.metering;

/**
 * Energy measured since the previous {@link MeteringFrontEnd#readEnergy()}, in milliwatt-hours
 * (active) and millivar-hours (reactive). Every field is zero or positive.
 */
public record EnergyDelta(long importActiveMwh, long exportActiveMwh,
                          long importReactiveMvarh, long exportReactiveMvarh) {

    public static final EnergyDelta ZERO = new EnergyDelta(0, 0, 0, 0);

    public EnergyDelta {
        if (importActiveMwh < 0 || exportActiveMwh < 0 || importReactiveMvarh < 0 || exportReactiveMvarh < 0) {
            throw new IllegalArgumentException("energy deltas are never negative");
        }
    }

    public long get(EnergyQuantity q) {
        return switch (q) {
            case IMPORT_ACTIVE -> importActiveMwh;
            case EXPORT_ACTIVE -> exportActiveMwh;
            case IMPORT_REACTIVE -> importReactiveMvarh;
            case EXPORT_REACTIVE -> exportReactiveMvarh;
        };
    }

    public EnergyDelta plus(EnergyDelta o) {
        return new EnergyDelta(Math.addExact(importActiveMwh, o.importActiveMwh),
                Math.addExact(exportActiveMwh, o.exportActiveMwh),
                Math.addExact(importReactiveMvarh, o.importReactiveMvarh),
                Math.addExact(exportReactiveMvarh, o.exportReactiveMvarh));
    }

    public boolean isZero() {
        return importActiveMwh == 0 && exportActiveMwh == 0 && importReactiveMvarh == 0 && exportReactiveMvarh == 0;
    }
}
