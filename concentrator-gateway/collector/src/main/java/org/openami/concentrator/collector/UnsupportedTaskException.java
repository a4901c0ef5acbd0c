package org.openami.concentrator.collector;

/**
 * A {@link MeterReader} completes a read with this when the meter cannot do that kind of task
 * at all (a Modbus meter has no daily freeze, a meter keeps no load curve). The scheduler leaves
 * the meter out of the task's window: not expected, not failed, not retried in that window.
 */
public class UnsupportedTaskException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what is not supported and why ("modbus-rtu meters keep no daily freeze") */
    public UnsupportedTaskException(String message) {
        super(message);
    }
}
