package org.openami.concentrator.channel.rs485;

/**
 * Adapter options of a serial port used as an RS-485 bus master. Immutable.
 *
 * @param rs485Mode          switch the UART to the kernel's RS-485 mode
 *                           ({@code SerialPort.setRs485ModeParameters}, {@code TIOCSRS485}):
 *                           RTS drives the transceiver's driver-enable. Needed for UARTs wired
 *                           straight to a transceiver (e.g. {@code /dev/ttyS*}, {@code /dev/ttyAMA*});
 *                           USB adapters with automatic direction control and ptys do not need it
 * @param rtsActiveHigh      RTS level while sending (true for most transceiver wirings)
 * @param delayBeforeSendMicros driver-enable to first start bit, microseconds (0..100000)
 * @param delayAfterSendMicros  last stop bit to driver-disable, microseconds (0..100000)
 * @param echo               the adapter hears its own transmission (2-wire adapters with the
 *                           receiver always on): the transport reads back and checks every frame it sends
 */
public record Rs485Options(boolean rs485Mode, boolean rtsActiveHigh, int delayBeforeSendMicros,
                           int delayAfterSendMicros, boolean echo) {

    public Rs485Options {
        if (delayBeforeSendMicros < 0 || delayBeforeSendMicros > 100_000) {
            throw new IllegalArgumentException("delayBeforeSendMicros " + delayBeforeSendMicros + " is outside 0..100000");
        }
        if (delayAfterSendMicros < 0 || delayAfterSendMicros > 100_000) {
            throw new IllegalArgumentException("delayAfterSendMicros " + delayAfterSendMicros + " is outside 0..100000");
        }
    }

    /** A USB adapter with automatic direction control (or a pty): no RS-485 mode, no echo. */
    public static Rs485Options plain() {
        return new Rs485Options(false, true, 0, 0, false);
    }
}
