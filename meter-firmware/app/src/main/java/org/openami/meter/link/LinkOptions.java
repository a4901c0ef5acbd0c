package org.openami.meter.link;

/**
 * Hardware options of a {@link SerialSlaveLink}, separate from the DL/T 645 line settings
 * because they depend on the adapter, not on the protocol. Immutable.
 *
 * @param rs485      switch the port to the kernel's RS-485 mode through jSerialComm
 *                   ({@code TIOCSRS485}: RTS drives the transceiver's direction, RTS high
 *                   while sending, receiver off while sending). Only for UARTs whose driver
 *                   supports it (e.g. {@code /dev/ttyS*} on boards wired for RS-485); USB
 *                   adapters with automatic direction control and pseudo-terminals do not
 *                   need it (on a pty the ioctl fails with {@code ENOTTY}, which jSerialComm
 *                   ignores). Default off
 * @param ignoreEcho discard our own reply when it comes back on the receive side, as it does
 *                   on 2-wire adapters whose receiver stays enabled while transmitting. Only
 *                   bytes equal, in order, to what was just written, arriving within the
 *                   reply's wire time plus 200 ms, are discarded; anything else is decoded
 *                   normally. Default off (a pty never echoes)
 */
public record LinkOptions(boolean rs485, boolean ignoreEcho) {

    /** RS-485 mode off, echo not expected. */
    public static LinkOptions defaults() {
        return new LinkOptions(false, false);
    }

    /** These options with RS-485 mode on or off. */
    public LinkOptions withRs485(boolean on) {
        return new LinkOptions(on, ignoreEcho);
    }

    /** These options with echo suppression on or off. */
    public LinkOptions withIgnoreEcho(boolean on) {
        return new LinkOptions(rs485, on);
    }
}
