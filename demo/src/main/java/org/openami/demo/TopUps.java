package org.openami.demo;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openami.cloud.message.CommandType;
import org.openami.cloud.service.CloudService;
import org.slf4j.LoggerFactory;

/**
 * Where the demo tops up prepaid accounts the concentrator tripped for lack of credit.
 *
 * <p>The demo calls {@link #sendTopUps} every few seconds while collecting, with the trips the
 * cloud has heard of since the last call ({@code PREPAY_TRIP} events in {@code meter_event}),
 * so each tripped account gets its top-up once; the reconnect that follows shows up as a
 * {@code PREPAY_RECONNECT} event and in the console.
 */
public final class TopUps {

    private final CloudService cloud;
    private final String concentratorId;
    private final Map<Integer, FieldMeter> meters;

    /**
     * @param cloud          the running cloud service (its command sender signs and sends)
     * @param concentratorId the concentrator the commands go to
     * @param meters         the archive's meters by point (their accounts)
     */
    public TopUps(CloudService cloud, String concentratorId, Map<Integer, FieldMeter> meters) {
        this.cloud = cloud;
        this.concentratorId = concentratorId;
        this.meters = Map.copyOf(meters);
    }

    /** What each tripped account is credited, fen (1,000 yuan: enough for the rest of a demo). */
    static final long AMOUNT_FEN = 100_000;

    /**
     * Sends one signed {@code TOP_UP} command for each trip, as a customer paying at a counter
     * would cause; the concentrator applies it once (by command id), reconnects the meter, and
     * its result and the reconnect come back up. A failure to send is reported on the console's
     * log and the demo goes on.
     *
     * @param trips trips the cloud recorded since the previous call, oldest first; never null
     */
    public void sendTopUps(List<CloudProbe.Trip> trips) {
        for (CloudProbe.Trip trip : trips) {
            FieldMeter m = meters.get(trip.point());
            if (m == null) {
                continue;
            }
            try {
                cloud.commands().send(concentratorId, CommandType.TOP_UP, 0, "",
                        Map.of("account", m.account(), "amount", Long.toString(AMOUNT_FEN)), Duration.ofMinutes(10));
            } catch (IOException e) {
                LoggerFactory.getLogger(TopUps.class).warn("top-up of {} not sent: {}", m.account(), e.getMessage());
            }
        }
    }

    /** The cloud service this sends through. */
    CloudService cloud() {
        return cloud;
    }

    /** The concentrator this tops up at. */
    String concentratorId() {
        return concentratorId;
    }

    /** The meter at {@code point}, or null. */
    FieldMeter meter(int point) {
        return meters.get(point);
    }
}
