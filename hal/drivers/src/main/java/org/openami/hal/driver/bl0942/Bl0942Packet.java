package org.openami.hal.driver.bl0942;

import org.openami.hal.driver.support.Bits;

/**
 * The BL0942 full packet (answer to register 0xAA), decoded: every field 24-bit
 * little-endian after the 0x55 header; WATT is two's complement, FREQ uses its low 16 bits.
 * Raw register units. Layout and checksum are checked by the link before decoding.
 */
record Bl0942Packet(long iRms, long vRms, long iFastRms, long watt, long cfCount, int freq, int status) {

    static Bl0942Packet decode(byte[] p) {
        return new Bl0942Packet(field(p, 0), field(p, 1), field(p, 2), Bits.signExtend(field(p, 3), 24), field(p, 4),
                (int) (field(p, 5) & 0xFFFF), (int) field(p, 6));
    }

    private static long field(byte[] p, int index) {
        return Bits.unsignedLe(p, 1 + 3 * index, 3);
    }
}
