package org.openami.hal.driver.board;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import org.openami.hal.HalException;
import org.openami.hal.board.MeterBoard;
import org.openami.hal.time.HalClock;

/**
 * A board on the Raspberry Pi this JVM runs on, through Pi4J's auto-detected context (the
 * platform plugins must be on the class path). {@link #close()} releases the board and the
 * Pi4J context.
 */
public final class RaspberryPiBoard implements AutoCloseable {

    private final Context pi4j;
    private final MeterBoard board;

    private RaspberryPiBoard(Context pi4j, MeterBoard board) {
        this.pi4j = pi4j;
        this.board = board;
    }

    /** Assembles {@code wiring} on the Pi's GPIO and buses. */
    public static RaspberryPiBoard open(BoardWiring wiring, HalClock clock) throws HalException {
        Context pi4j = Pi4J.newAutoContext();
        try {
            return new RaspberryPiBoard(pi4j, BoardAssembler.assemble(wiring, pi4j, clock));
        } catch (HalException | RuntimeException e) {
            pi4j.shutdown();
            throw e;
        }
    }

    public MeterBoard board() {
        return board;
    }

    @Override
    public void close() {
        board.close();
        pi4j.shutdown();
    }
}
