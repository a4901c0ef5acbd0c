package org.openami.meter.link;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/** Hex and byte helpers for the tests. */
final class Wire {

    private Wire() {
    }

    /** "FE 68 AA" -> bytes. */
    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
