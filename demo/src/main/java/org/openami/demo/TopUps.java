package org.openami.demo;

import java.util.List;
import java.util.Map;
import org.openami.cloud.service.CloudService;

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

    /**
     * HOOK, not filled in yet: sends one {@code TOP_UP} command for each account that was
     * tripped. It is empty until the prepayment work is in the concentrator and the cloud; then
     * it sends, for each trip, {@code cloud.commands().send(concentratorId, CommandType.TOP_UP,
     * trip.point(), trip.meter(), Map.of("account", meters.get(trip.point()).account(), "amount",
     * "<integer fen>"), lifetime)}. The console and the report count {@code TOP_UP} rows of the
     * {@code command} table, so they show what this sends without further change.
     *
     * @param trips trips the cloud recorded since the previous call, oldest first; never null
     */
    public void sendTopUps(List<CloudProbe.Trip> trips) {
        // intentionally empty until the prepayment commands exist (see the Javadoc)
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
