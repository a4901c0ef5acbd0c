package org.openami.concentrator.archive;

/** The protocol a meter speaks, as the archive names it. */
public enum MeterProtocol {
    /** DL/T 645-2007; address = 12 BCD digits (no wildcard, not the broadcast address). */
    DLT645_2007("dlt645-2007"),
    /** Modbus RTU; address = unit id 1..247. */
    MODBUS_RTU("modbus-rtu");

    private final String label;

    MeterProtocol(String label) {
        this.label = label;
    }

    /** The name used in archive files: {@code dlt645-2007} or {@code modbus-rtu}. */
    public String label() {
        return label;
    }

    /**
     * @return the protocol labelled {@code label} (case-insensitive)
     * @throws IllegalArgumentException naming the label and the ones allowed
     */
    public static MeterProtocol fromLabel(String label) {
        for (MeterProtocol p : values()) {
            if (p.label.equalsIgnoreCase(label.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("protocol '" + label + "' is not dlt645-2007 or modbus-rtu");
    }

    /** Whether {@code address} is a valid address of a single meter for this protocol. */
    public boolean isValidAddress(String address) {
        if (this == DLT645_2007) {
            if (address.length() != 12) {
                return false;
            }
            for (int i = 0; i < 12; i++) {
                if (address.charAt(i) < '0' || address.charAt(i) > '9') {
                    return false;
                }
            }
            return !address.equals("999999999999");
        }
        if (address.isEmpty() || address.length() > 3) {
            return false;
        }
        for (int i = 0; i < address.length(); i++) {
            if (address.charAt(i) < '0' || address.charAt(i) > '9') {
                return false;
            }
        }
        int unit = Integer.parseInt(address);
        return unit >= 1 && unit <= 247;
    }
}
