package org.openami.demo;

import java.util.Objects;

/**
 * One meter of the demo as the concentrator's archive lists it.
 *
 * @param point    measurement point, 1..2040
 * @param address  12 digits for DL/T 645, the unit id for Modbus
 * @param protocol how the concentrator talks to it
 * @param channel  the bus ({@code channel.id}) it hangs on
 * @param account  the customer account it bills
 */
public record FieldMeter(int point, String address, Protocol protocol, String channel, String account) {

    /** The two meter protocols of the demo, with their archive name and line framing. */
    public enum Protocol {
        DLT645("dlt645-2007", "2400-8E1"),
        MODBUS("modbus-rtu", "9600-8N1");

        private final String archiveName;
        private final String serial;

        Protocol(String archiveName, String serial) {
            this.archiveName = archiveName;
            this.serial = serial;
        }

        /** The {@code protocol} column of the archive. */
        public String archiveName() {
            return archiveName;
        }

        /** The {@code serial} column: baud, data bits, parity, stop bits. */
        public String serial() {
            return serial;
        }
    }

    public FieldMeter {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(account, "account");
    }
}
