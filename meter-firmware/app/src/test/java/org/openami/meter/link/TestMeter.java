package org.openami.meter.link;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openami.dlt645.ControlCode.Function;
import org.openami.dlt645.DataIdentifier;
import org.openami.dlt645.Dlt645Frame;
import org.openami.dlt645.ErrorFlag;
import org.openami.dlt645.MeterAddress;

/**
 * A tiny protocol engine for the transport tests. It answers, when addressed:
 * 13H read-address with its address (also to a broadcast, on purpose: the transport must
 * withhold that), 11H reads of 00010000 with 000000.06 kWh, other DIs with "no requested
 * data", 17H with a baud change; a read of 00020000 makes it throw. 08H time sync is
 * recorded and not answered. Every frame it is given is recorded.
 */
final class TestMeter implements FrameHandler {

    /** 000000.06 kWh, wire order (low byte first), without the 33H offset. */
    static final byte[] ENERGY = {0x06, 0x00, 0x00, 0x00};

    final MeterAddress own;
    final List<Dlt645Frame> seen = new CopyOnWriteArrayList<>();

    TestMeter(MeterAddress own) {
        this.own = own;
    }

    TestMeter(long address) {
        this(MeterAddress.of(address));
    }

    @Override
    public Optional<SlaveReply> handle(Dlt645Frame request) {
        seen.add(request);
        if (!request.address().matches(own)) {
            return Optional.empty();
        }
        switch (request.function()) {
            case READ_ADDRESS:
                return Optional.of(SlaveReply.of(Dlt645Frame.addressReply(own)));
            case READ_DATA:
                DataIdentifier di = request.dataIdentifier().orElseThrow();
                if (di.equals(DataIdentifier.FORWARD_ACTIVE_TOTAL)) {
                    return Optional.of(SlaveReply.of(Dlt645Frame.readReply(own, di, ENERGY)));
                }
                if (di.equals(DataIdentifier.REVERSE_ACTIVE_TOTAL)) {
                    throw new IllegalStateException("simulated protocol engine bug");
                }
                return Optional.of(SlaveReply.of(
                        Dlt645Frame.abnormalReply(own, Function.READ_DATA, EnumSet.of(ErrorFlag.NO_REQUESTED_DATA))));
            case CHANGE_BAUD_RATE:
                int z = request.data()[0] & 0xFF;
                return Optional.of(SlaveReply.thenChangeBaud(
                        Dlt645Frame.normalReply(own, Function.CHANGE_BAUD_RATE, new byte[] {(byte) z}), baudOf(z)));
            default:
                return Optional.empty();
        }
    }

    /** The baud-rate feature word Z of 17H: bit 1 = 600 ... bit 6 = 19200. */
    static int baudOf(int z) {
        return 300 << Integer.numberOfTrailingZeros(z);
    }

    static int featureWord(int baud) {
        return 1 << Integer.numberOfTrailingZeros(baud / 300);
    }

    static Dlt645Frame changeBaud(MeterAddress to, int baud) {
        return Dlt645Frame.request(to, Function.CHANGE_BAUD_RATE, new byte[] {(byte) featureWord(baud)});
    }

    static Dlt645Frame readEnergy(MeterAddress to) {
        return Dlt645Frame.readData(to, DataIdentifier.FORWARD_ACTIVE_TOTAL);
    }

    static Dlt645Frame energyReply(MeterAddress from) {
        return Dlt645Frame.readReply(from, DataIdentifier.FORWARD_ACTIVE_TOTAL, ENERGY);
    }

    static Dlt645Frame readAddress(MeterAddress to) {
        return Dlt645Frame.request(to, Function.READ_ADDRESS, new byte[0]);
    }
}
