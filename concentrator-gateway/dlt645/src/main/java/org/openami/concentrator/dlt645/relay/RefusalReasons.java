package org.openami.concentrator.dlt645.relay;

import org.openami.dlt645.ControlCode.Function;
import org.openami.dlt645.DataIdentifier;

/**
 * Why a meter refused a control command with bit 2 (unauthorised): this project's meters
 * record every refusal as an authentication-failure event ({@code 03301200}, record
 * {@code 03301201} the latest: time YYMMDDhhmmss, control code, reason code).
 */
final class RefusalReasons {

    /** The latest authentication-failure record. */
    static final DataIdentifier LATEST_AUTH_FAILURE = DataIdentifier.of(0x03301201);
    static final int RECORD_SIZE = 8;

    private RefusalReasons() {
    }

    /**
     * Explains the record, or returns null if it is not a refused control command (another
     * command's failure, no record, an unknown layout).
     */
    static String explain(byte[] record) {
        if (record.length != RECORD_SIZE || (record[6] & 0xFF) != Function.CONTROL.code()) {
            return null;
        }
        return switch (record[7] & 0xFF) {
            case 1 -> "wrong password";
            case 2 -> "authentication code does not verify (wrong master key, or the meter holds another key)";
            case 3 -> "counter already used (the meter accepted a higher counter, from another sender"
                    + " or before the counter file was lost)";
            case 4 -> "command expired (the meter's clock is ahead of the concentrator's)";
            case 5 -> "malformed command";
            case 6 -> "programming locked after repeated wrong passwords";
            default -> null;
        };
    }
}
