package org.openami.concentrator.dlt645;

import java.util.Set;
import org.openami.concentrator.channel.ExchangeException;
import org.openami.concentrator.channel.FailureReason;
import org.openami.dlt645.ErrorFlag;
import org.openami.dlt645.MeterAddress;

/**
 * The meter answered with an abnormal reply (D6 set): {@link FailureReason#REFUSED}, carrying
 * the error flags it sent, so a caller can tell a refused password or authentication code
 * ({@link ErrorFlag#UNAUTHORISED}) from a command the meter could not carry out
 * ({@link ErrorFlag#OTHER}).
 */
public final class MeterRefusedException extends ExchangeException {

    private static final long serialVersionUID = 1L;

    private final int errorByte;

    MeterRefusedException(MeterAddress meter, Set<ErrorFlag> errors) {
        super(FailureReason.REFUSED, "meter " + meter + " refused: " + errors);
        this.errorByte = ErrorFlag.toByte(errors);
    }

    /** The flags of the meter's error byte. */
    public Set<ErrorFlag> errors() {
        return ErrorFlag.fromByte(errorByte);
    }

    /** Whether the meter refused for a password or authentication failure (bit 2). */
    public boolean unauthorised() {
        return errors().contains(ErrorFlag.UNAUTHORISED);
    }
}
