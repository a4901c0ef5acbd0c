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
     * Called when the line has been silent for the inter-byte timeout after some bytes
     * arrived: the assembler may accept what it has (Modbus RTU ends frames by silence)
     * or say what is wrong.
     *
     * @return the reply, or {@code null} when the bytes so far are an incomplete reply
     *         (the channel then reports {@link FailureReason#TIMEOUT})
     * @throws ExchangeException as for {@link #offer}
     */
    default R silence() throws ExchangeException {
        return null;
    }
}
