package org.openami.concentrator.channel;

/**
 * A protocol's view of the bytes coming back for one request: it says when the reply is
 * complete and what it means. One instance serves one attempt of one request; the channel
 * calls it from one thread.
 *
 * @param <R> what a complete reply is turned into
 */
public interface ReplyAssembler<R> {

    /**
     * Offers bytes as they arrive.
     *
     * @return the reply once it is complete, {@code null} while more bytes are needed
     *         (bytes before a frame start, e.g. DL/T 645 FE preamble, are the assembler's to skip)
     * @throws ExchangeException with {@link FailureReason#CORRUPT} for bytes that cannot be the
     *         reply, {@link FailureReason#WRONG_ADDRESS} for another meter's reply,
     *         {@link FailureReason#REFUSED} for a definite refusal by the meter
     */
    R offer(byte[] buf, int off, int len) throws ExchangeException;

    /**
     * Called when the wait ends without a complete reply: after the inter-byte silence in
     * the middle of a frame, or at the exchange's deadline. The assembler may accept what it
     * has (Modbus RTU ends frames by silence) or throw the most telling failure it saw (a
     * reply from another meter).
     *
     * @return the reply, or {@code null} to let the channel report
     *         {@link FailureReason#TIMEOUT} (nothing arrived) or {@link FailureReason#CORRUPT}
     *         (a reply cut short)
     * @throws ExchangeException as for {@link #offer}
     */
    default R silence() throws ExchangeException {
        return null;
    }

    /**
     * Whether the assembler holds no partial frame after some bytes arrived, for instance
     * because it set aside another meter's late reply. While true, the channel keeps waiting
     * for the start of the real reply until the exchange's deadline instead of ending at the
     * next silence.
     */
    default boolean betweenFrames() {
        return false;
    }
}
