package org.openami.concentrator.dlt645;

import java.util.List;
import java.util.Optional;
import org.openami.concentrator.channel.ExchangeException;
import org.openami.concentrator.channel.FailureReason;
import org.openami.concentrator.channel.ReplyAssembler;
import org.openami.dlt645.ControlCode.Function;
import org.openami.dlt645.DataIdentifier;
import org.openami.dlt645.Dlt645Decoder;
import org.openami.dlt645.Dlt645FormatException;
import org.openami.dlt645.Dlt645Frame;
import org.openami.dlt645.MeterAddress;

/**
 * Assembles the reply to one DL/T 645 request and checks that it answers it: a reply (D7 set)
 * to the same function, from the addressed meter (or from a meter matching a wildcard), to
 * the same data identifier for reads. FE preambles and noise before the frame are skipped by
 * the codec's resynchronising decoder. A valid frame from another meter (a late reply to an
 * earlier request) is set aside and the wait goes on; if nothing else comes it is the
 * failure, {@link FailureReason#WRONG_ADDRESS}. A damaged frame (checksum, framing, the AND
 * of two meters answering at once) ends the exchange as {@link FailureReason#CORRUPT} at the
 * next silence. An abnormal reply is {@link FailureReason#REFUSED} with the meter's error flags
 * ({@link MeterRefusedException}).
 */
final class Dlt645ReplyAssembler implements ReplyAssembler<Dlt645Frame> {

    private final MeterAddress to;
    private final Function function;
    private final DataIdentifier di;
    private final Dlt645Decoder decoder;
    private Dlt645FormatException dropped;
    private ExchangeException stray;

    /**
     * @param to       the address the request went to (specific or wildcard)
     * @param function the request's function
     * @param di       the DI a read asked for, or null
     */
    Dlt645ReplyAssembler(MeterAddress to, Function function, DataIdentifier di) {
        this.to = to;
        this.function = function;
        this.di = di;
        this.decoder = new Dlt645Decoder(e -> {
            if (dropped == null) {
                dropped = e;
            }
        });
    }

    @Override
    public Dlt645Frame offer(byte[] buf, int off, int len) throws ExchangeException {
        for (Dlt645Frame f : decoder.feed(buf, off, len)) {
            try {
                return check(f);
            } catch (ExchangeException e) {
                if (e.reason() != FailureReason.WRONG_ADDRESS) {
                    throw e;
                }
                // another meter's (late) reply: set it aside and keep listening for ours
                stray = e;
            }
        }
        return null;
    }

    @Override
    public Dlt645Frame silence() throws ExchangeException {
        if (dropped != null) {
            throw new ExchangeException(FailureReason.CORRUPT, "damaged reply: " + dropped.getMessage());
        }
        if (stray != null) {
            throw stray;
        }
        return null;
    }

    @Override
    public boolean betweenFrames() {
        return dropped == null && decoder.bufferedBytes() == 0;
    }

    private Dlt645Frame check(Dlt645Frame f) throws ExchangeException {
        if (!f.control().isFromMeter()) {
            // an echo of our own request, or another master: not a reply
            throw new ExchangeException(FailureReason.CORRUPT, "a request came back instead of a reply: " + f);
        }
        if (f.function() != function) {
            throw new StrayReplyException(f, "reply to function " + f.function() + ", asked " + function);
        }
        boolean fromAddressed = to.isSpecific() ? f.address().equals(to) : to.matches(f.address());
        if (!fromAddressed) {
            throw new StrayReplyException(f, "reply from " + f.address() + ", asked " + to);
        }
        if (f.control().isAbnormal()) {
            throw new MeterRefusedException(f.address(), f.errors());
        }
        if (di != null) {
            Optional<DataIdentifier> got = f.dataIdentifier();
            if (got.isEmpty() || !got.get().equals(di)) {
                throw new StrayReplyException(f,
                        "reply for DI " + got.map(DataIdentifier::toString).orElse("none") + ", asked " + di);
            }
        }
        return f;
    }
}
