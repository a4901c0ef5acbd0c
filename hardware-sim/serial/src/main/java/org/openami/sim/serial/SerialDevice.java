package org.openami.sim.serial;

/**
 * A simulated peripheral at the far end of a {@link VirtualSerialLine}: a meter, a Modbus
 * slave, an optical probe.
 */
@FunctionalInterface
public interface SerialDevice {

    /**
     * Receives bytes the client wrote to the line. The stream may arrive split anywhere,
     * as from a UART FIFO: a request can come in several calls or share a call with the
     * next one, so the device reassembles frames itself.
     *
     * <p>Called on the line's single reader thread, never concurrently; while it runs,
     * further received bytes wait in the kernel's pty buffer. It may answer at once through
     * {@code sink} (blocking that thread for the reply's wire time) or keep the sink and
     * answer later from another thread. An exception it throws is logged and the line goes
     * on reading.
     *
     * @param data buffer holding the received bytes at indices {@code 0..len-1}; reused
     *             after the call returns, so copy what must be kept
     * @param len  number of received bytes, at least 1
     * @param sink where to send replies; valid for the line's lifetime
     */
    void onBytes(byte[] data, int len, ReplySink sink);
}
