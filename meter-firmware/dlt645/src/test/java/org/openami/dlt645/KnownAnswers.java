package org.openami.dlt645;

/** The known-answer frames of shared/PROTOCOL-NOTES.md (DL/T 645-2007 section), as wire hex. */
final class KnownAnswers {

    /** Read address, wildcard, three FE preambles. */
    static final String READ_ADDRESS = "FE FE FE 68 AA AA AA AA AA AA 68 13 00 DF 16";
    /** Its reply from meter 000000000001. */
    static final String ADDRESS_REPLY = "68 01 00 00 00 00 00 68 93 06 34 33 33 33 33 33 9D 16";
    /** Reply of meter 218231000114 to a read of 00010000: 000000.06 kWh. */
    static final String ENERGY_REPLY = "68 14 01 00 31 82 21 68 91 08 33 33 34 33 39 33 33 33 F1 16";
    /** Abnormal reply "no requested data" from meter 000000000001. */
    static final String NO_DATA_REPLY = "68 01 00 00 00 00 00 68 D1 01 35 D8 16";
    /** Broadcast time sync to 2024-05-01 12:30:45. */
    static final String TIME_SYNC = "68 99 99 99 99 99 99 68 08 06 78 63 45 34 38 57 57 16";

    private KnownAnswers() {
    }

    static byte[] bytes(String hex) {
        return Hex.parse(hex);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int i = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        return out;
    }
}
