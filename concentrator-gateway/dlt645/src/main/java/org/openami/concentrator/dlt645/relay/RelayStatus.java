package org.openami.concentrator.dlt645.relay;

/**
 * What a meter's status word 3 ({@code 04000503}) says about its supply relay.
 *
 * @param contactOpen   bit 4: the contacts are open, as the feedback contact reports (a welded
 *                      relay reads closed even after a trip)
 * @param commandedOpen bit 6: the meter has been commanded open (tripped)
 * @param alarm         bit 7: the pre-trip alarm is on
 * @param keepPower     bit 12 (this project's assignment): keep-power is in force, trips are refused
 * @param word          the whole status word
 */
public record RelayStatus(boolean contactOpen, boolean commandedOpen, boolean alarm, boolean keepPower, int word) {

    /** The status of a 16-bit status word 3. */
    public static RelayStatus ofWord(int word) {
        if ((word & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("status word 3 has 16 bits, got " + Integer.toHexString(word));
        }
        return new RelayStatus((word & 1 << 4) != 0, (word & 1 << 6) != 0, (word & 1 << 7) != 0,
                (word & 1 << 12) != 0, word);
    }

    /**
     * Decodes the value of a read of {@code 04000503} (two bytes, low byte first, 33H removed).
     *
     * @throws IllegalArgumentException if it is not two bytes
     */
    public static RelayStatus decode(byte[] value) {
        if (value.length != 2) {
            throw new IllegalArgumentException("status word 3 is 2 bytes, the meter sent " + value.length);
        }
        return ofWord((value[0] & 0xFF) | (value[1] & 0xFF) << 8);
    }

    @Override
    public String toString() {
        return String.format("contact %s, commanded %s%s%s (status word 3 %04X)", contactOpen ? "open" : "closed",
                commandedOpen ? "open" : "closed", alarm ? ", alarm on" : "", keepPower ? ", keep-power" : "", word);
    }
}
