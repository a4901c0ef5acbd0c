package org.openami.concentrator.dlt645;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import org.openami.concentrator.channel.ExchangeException;
import org.openami.concentrator.channel.FailureReason;
import org.openami.concentrator.channel.LineSettings;
import org.openami.concentrator.channel.Priority;
import org.openami.dlt645.DataIdentifier;
import org.openami.dlt645.MeterAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the DL/T 645 meters on one bus, to build the archive.
 *
 * <p>First a read-address (13H) to {@code AAAAAAAAAAAA}: silence means no meter, a clean
 * reply means exactly one. When several meters answer together their replies collide (on a
 * real bus the drivers fight; the simulated bus ANDs them) and the reply is damaged. The search
 * then fixes the address bytes one at a time, low byte first as they go on the wire, with the
 * rest {@code AA} (DL/T 645's shortened addressing): for each of the 100 BCD values of the
 * next byte a probe is silent (no meter there), clean (one meter: confirmed with a direct read
 * of its address, 04000401) or damaged (several: fix the next byte too). Collisions are not
 * always visible: the AND of two frames keeps a valid checksum when no bit of the sum
 * carries. A clean read-address is therefore cross-checked with a read of the forward energy
 * through the same pattern (different values collide differently); a damaged or different
 * answer counts as a collision. Every address found is confirmed with a direct read, so a
 * collision cannot invent a meter. The cross-check makes a hidden collision unlikely, not
 * impossible: two meters whose address and energy replies both AND into valid frames stay
 * hidden behind one of them. A meter that answers after its probe's timeout is not lost: its
 * late reply arrives during a later probe as a stray, and is confirmed at the end.
 *
 * <p>Cost: a probe to an empty prefix waits the probe timeout; a full sweep of one byte is
 * 100 probes. Discovery runs at {@link Priority#BULK}, so collection goes first. Blocking:
 * call it from a commissioning thread, not from a channel's.
 */
public final class Dlt645Discovery {

    private static final Logger LOG = LoggerFactory.getLogger(Dlt645Discovery.class);

    /** What a discovery found and what it cost. */
    public record Result(List<MeterAddress> meters, int probes, int collisions, List<String> problems,
                         Duration took) {
        public Result {
            meters = List.copyOf(meters);
            problems = List.copyOf(problems);
        }
    }

    private final Dlt645Master master;
    private final LineSettings line;
    private final Duration probeTimeout;

    private int probes;
    private int collisions;
    private final List<String> problems = new ArrayList<>();
    private final List<MeterAddress> late = new ArrayList<>();

    /**
     * @param master       the bus's master
     * @param line         the framing the meters use
     * @param probeTimeout how long a probe waits for a first reply byte (DL/T 645 allows a
     *                     meter 500 ms; most answer within 100 ms)
     */
    public Dlt645Discovery(Dlt645Master master, LineSettings line, Duration probeTimeout) {
        this.master = Objects.requireNonNull(master, "master");
        this.line = Objects.requireNonNull(line, "line");
        this.probeTimeout = Objects.requireNonNull(probeTimeout, "probeTimeout");
    }

    /** Runs the search; blocks until it is done. Not reentrant: one discovery per instance at a time. */
    public synchronized Result discover() {
        long start = System.nanoTime();
        probes = 0;
        collisions = 0;
        problems.clear();
        TreeSet<String> found = new TreeSet<>();
        late.clear();
        search(new byte[0], found);
        // meters whose answers came after their probe's timeout: their frames were valid, so they exist
        for (MeterAddress a : new ArrayList<>(late)) {
            confirm(a, found, false);
        }
        List<MeterAddress> meters = new ArrayList<>();
        for (String a : found) {
            meters.add(MeterAddress.parse(a));
        }
        Result r = new Result(Collections.unmodifiableList(meters), probes, collisions, problems,
                Duration.ofNanos(System.nanoTime() - start));
        LOG.info("discovery on {}: {} meters, {} probes, {} collisions in {} ms", master.channel().id(),
                meters.size(), r.probes(), r.collisions(), r.took().toMillis());
        return r;
    }

    /** Probes the pattern whose low bytes are {@code fixed}; recurses on collisions. */
    private void search(byte[] fixed, TreeSet<String> found) {
        // the first probe, to every meter, waits the channel's full reply timeout: it is one
        // request, and a meter's first answer after start-up may be slow
        Outcome o = probe(pattern(fixed), fixed.length == 0 ? null : probeTimeout);
        if (o.kind == Kind.NONE) {
            return;
        }
        if (o.kind == Kind.ONE) {
            confirm(o.address, found, false);
            return;
        }
        // a collision means at least two meters under this pattern; a sweep that finds fewer
        // missed one (a reply later than the probe timeout on a busy bus): sweep once more
        for (int pass = 0; pass < 2 && under(fixed, found) < 2; pass++) {
            sweep(fixed, found);
        }
    }

    /** Meters found whose low bytes are {@code fixed}. */
    private static int under(byte[] fixed, TreeSet<String> found) {
        MeterAddress pattern = pattern(fixed);
        int n = 0;
        for (String a : found) {
            if (pattern.matches(MeterAddress.parse(a))) {
                n++;
            }
        }
        return n;
    }

    private void sweep(byte[] fixed, TreeSet<String> found) {
        for (int v = 0; v <= 99; v++) {
            byte[] next = java.util.Arrays.copyOf(fixed, fixed.length + 1);
            next[fixed.length] = (byte) (((v / 10) << 4) | (v % 10));
            if (next.length == MeterAddress.SIZE) {
                // every byte fixed: a specific address, asked directly
                probes++;
                confirm(MeterAddress.fromWire(next, 0), found, true);
            } else {
                search(next, found);
            }
        }
    }

    /**
     * Reads the meter's address directly. {@code silenceIsAnswer}: a timeout means no meter
     * there (the last byte of a search) rather than a problem.
     */
    private void confirm(MeterAddress address, TreeSet<String> found, boolean silenceIsAnswer) {
        if (found.contains(address.toString())) {
            return;
        }
        try {
            byte[] v = master.read(address, DataIdentifier.COMMUNICATION_ADDRESS, new byte[0], line, Priority.BULK,
                    silenceIsAnswer ? probeTimeout : null, silenceIsAnswer ? 1 : 2).join();
            if (v.length >= MeterAddress.SIZE && MeterAddress.fromWire(v, 0).equals(address)) {
                found.add(address.toString());
            } else {
                problems.add(address + " answered a read of its address with another value");
            }
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            boolean silent = cause instanceof ExchangeException ee && ee.reason() == FailureReason.TIMEOUT;
            if (silenceIsAnswer && silent) {
                return;
            }
            if (silenceIsAnswer && cause instanceof ExchangeException ee && ee.reason() == FailureReason.CORRUPT) {
                collisions++;
                problems.add("several meters answer to " + address + ": duplicate addresses on the bus");
                return;
            }
            problems.add(address + " answered a read-address probe but not a direct read: " + cause.getMessage());
        }
    }

    private enum Kind { NONE, ONE, MANY }

    private record Outcome(Kind kind, MeterAddress address) {
    }

    private Outcome probe(MeterAddress pattern, Duration timeout) {
        probes++;
        try {
            MeterAddress a = master.readAddress(pattern, line, Priority.BULK, timeout, 1).join();
            // Two replies can collide into a frame that happens to be valid (the AND of two
            // frames keeps the checksum when no bit carries). Their energy readings differ,
            // so a second read through the same pattern collides differently.
            probes++;
            MeterAddress again = master.readFromMatching(pattern, DataIdentifier.FORWARD_ACTIVE_TOTAL, line,
                    Priority.BULK, timeout, 1).join();
            if (!again.equals(a)) {
                collisions++;
                return new Outcome(Kind.MANY, null);
            }
            return new Outcome(Kind.ONE, a);
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StrayReplyException stray) {
                // a late answer to an earlier probe; this pattern itself stayed silent
                MeterAddress from = stray.frame().address();
                if (!late.contains(from)) {
                    late.add(from);
                }
                return new Outcome(Kind.NONE, null);
            }
            if (cause instanceof ExchangeException ee) {
                if (ee.reason() == FailureReason.TIMEOUT) {
                    return new Outcome(Kind.NONE, null);
                }
                if (ee.reason() == FailureReason.CORRUPT) {
                    collisions++;
                    return new Outcome(Kind.MANY, null);
                }
            }
            // a refusal, another address, a broken port: not a collision; say so and move on
            problems.add("probe " + pattern + ": " + cause.getMessage());
            return new Outcome(Kind.NONE, null);
        }
    }

    /** The address with the given low bytes and {@code AA} above them. */
    static MeterAddress pattern(byte[] fixedLowBytes) {
        byte[] wire = new byte[MeterAddress.SIZE];
        java.util.Arrays.fill(wire, (byte) MeterAddress.WILDCARD_BYTE);
        System.arraycopy(fixedLowBytes, 0, wire, 0, fixedLowBytes.length);
        return MeterAddress.fromWire(wire, 0);
    }
}
