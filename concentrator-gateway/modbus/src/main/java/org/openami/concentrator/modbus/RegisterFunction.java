package org.openami.concentrator.modbus;

import java.util.Locale;

/** Which register table a value lives in, and the function code that reads it. */
public enum RegisterFunction {
    /** Holding registers (4x), read with function 03. */
    HOLDING(3),
    /** Input registers (3x), read with function 04. */
    INPUT(4);

    private final int code;

    RegisterFunction(int code) {
        this.code = code;
    }

    /** The Modbus function code of a read. */
    public int code() {
        return code;
    }

    /** The name register-map files use: {@code input} or {@code holding}. */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
