package org.openami.concentrator.archive;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.openami.concentrator.archive.internal.Column.Naming;
import org.openami.concentrator.archive.internal.DuplicateTracker;
import org.openami.concentrator.archive.internal.Problems;
import org.openami.concentrator.archive.internal.RecordRules;

/**
 * The concentrator's meter archive (档案): an immutable, validated set of at most
 * {@value MeterRecord#MAX_POINT} {@link MeterRecord}s in which every measurement point and
 * every (channel, address) pair is used once, and every value follows the file rules (so any
 * archive can be written to a file and read back equal).
 *
 * <p>Lookups by point and by (channel, address) take O(log n) and O(1); {@link #onChannel}
 * returns a list in point order. Changes ({@link #with}, {@link #without}) return new archives.
 * Memory is a sorted record array, a point array and a small open-addressing table of
 * {@code short}s, so a full archive costs little beyond its records; readers also share equal
 * strings (channels, areas, tariffs) between records.
 *
 * <p>Immutable and safe to share between threads. Methods do not block.
 */
public final class MeterArchive implements Iterable<MeterRecord> {

    private static final MeterArchive EMPTY = new MeterArchive(new MeterRecord[0]);

    /** Sorted by point. */
    private final MeterRecord[] records;
    private final int[] points;
    /** Open addressing over (channel, address): index + 1 into {@link #records}, 0 = free. */
    private final short[] addressTable;

    private MeterArchive(MeterRecord[] sortedRecords) {
        this.records = sortedRecords;
        this.points = new int[sortedRecords.length];
        int size = Integer.highestOneBit(Math.max(4, sortedRecords.length * 2 - 1)) << 1;
        this.addressTable = new short[size];
        for (int i = 0; i < sortedRecords.length; i++) {
            points[i] = sortedRecords[i].point();
            int slot = slot(sortedRecords[i].channel(), sortedRecords[i].address());
            while (addressTable[slot] != 0) {
                slot = (slot + 1) & (size - 1);
            }
            addressTable[slot] = (short) (i + 1);
        }
    }

    /** The archive without meters. */
    public static MeterArchive empty() {
        return EMPTY;
    }

    /**
     * An archive of {@code records} (in any order).
     *
     * @throws ArchiveException listing every problem: a point or (channel, address) used twice,
     *                          more than {@value MeterRecord#MAX_POINT} records, a value that breaks
     *                          the file rules (see the module README); problems have line 0 and
     *                          name fields as the JSON format does
     */
    public static MeterArchive of(Collection<MeterRecord> records) throws ArchiveException {
        return of(records, "archive");
    }

    /** {@link #of(Collection)}, naming {@code source} in the exception. */
    public static MeterArchive of(Collection<MeterRecord> records, String source) throws ArchiveException {
        Objects.requireNonNull(source, "source");
        MeterRecord[] array = records.toArray(new MeterRecord[0]);
        Problems problems = new Problems();
        if (array.length > MeterRecord.MAX_POINT) {
            problems.add(0, "", "", array.length + " meters; an archive holds at most " + MeterRecord.MAX_POINT);
            problems.throwIfAny(source);
        }
        DuplicateTracker duplicates = new DuplicateTracker();
        for (MeterRecord r : array) {
            Objects.requireNonNull(r, "record");
            problems.context("point " + r.point() + ": ");
            RecordRules.check(r, 0, Naming.JSON, problems);
            String message = duplicates.point(r.point(), 0);
            if (message != null) {
                problems.add(0, "point", Integer.toString(r.point()), message);
            }
            message = duplicates.address(r.channel(), r.address(), r.point(), 0);
            if (message != null) {
                problems.add(0, "address", r.address(), message);
            }
        }
        problems.throwIfAny(source);
        Arrays.sort(array, (a, b) -> Integer.compare(a.point(), b.point()));
        return array.length == 0 ? EMPTY : new MeterArchive(array);
    }

    /** How many meters there are. */
    public int size() {
        return records.length;
    }

    /** Whether there are none. */
    public boolean isEmpty() {
        return records.length == 0;
    }

    /** The meter at measurement point {@code point}. */
    public Optional<MeterRecord> byPoint(int point) {
        int i = Arrays.binarySearch(points, point);
        return i < 0 ? Optional.empty() : Optional.of(records[i]);
    }

    /**
     * The meter with {@code address} on {@code channel}. A Modbus unit id may be given with
     * leading zeros ({@code "001"}).
     */
    public Optional<MeterRecord> byAddress(String channel, String address) {
        Objects.requireNonNull(channel, "channel");
        String a = canonical(Objects.requireNonNull(address, "address"));
        for (int slot = slot(channel, a); addressTable[slot] != 0; slot = (slot + 1) & (addressTable.length - 1)) {
            MeterRecord r = records[addressTable[slot] - 1];
            if (r.address().equals(a) && r.channel().equals(channel)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The meters on {@code channel}, in point order (empty if none). */
    public List<MeterRecord> onChannel(String channel) {
        Objects.requireNonNull(channel, "channel");
        int n = 0;
        for (MeterRecord r : records) {
            if (r.channel().equals(channel)) {
                n++;
            }
        }
        MeterRecord[] on = new MeterRecord[n];
        n = 0;
        for (MeterRecord r : records) {
            if (r.channel().equals(channel)) {
                on[n++] = r;
            }
        }
        return List.of(on);
    }

    /** The channel ids the meters use, sorted. */
    public Set<String> channels() {
        TreeSet<String> channels = new TreeSet<>();
        for (MeterRecord r : records) {
            channels.add(r.channel());
        }
        return Collections.unmodifiableSortedSet(channels);
    }

    /** Every meter in point order (an unmodifiable view; no copy). */
    public List<MeterRecord> records() {
        return Collections.unmodifiableList(Arrays.asList(records));
    }

    @Override
    public Iterator<MeterRecord> iterator() {
        return records().iterator();
    }

    /**
     * This archive with {@code record} added, replacing the meter at the same point if there is one.
     *
     * @throws ArchiveException if the record breaks a file rule or its (channel, address) is
     *                          used by another point
     */
    public MeterArchive with(MeterRecord record) throws ArchiveException {
        Objects.requireNonNull(record, "record");
        int i = Arrays.binarySearch(points, record.point());
        MeterRecord[] next;
        if (i >= 0) {
            next = records.clone();
            next[i] = record;
        } else {
            int at = -i - 1;
            next = new MeterRecord[records.length + 1];
            System.arraycopy(records, 0, next, 0, at);
            next[at] = record;
            System.arraycopy(records, at, next, at + 1, records.length - at);
        }
        return of(Arrays.asList(next));
    }

    /** This archive without the meter at {@code point} (this archive if there is none). */
    public MeterArchive without(int point) {
        int i = Arrays.binarySearch(points, point);
        if (i < 0) {
            return this;
        }
        if (records.length == 1) {
            return EMPTY;
        }
        MeterRecord[] next = new MeterRecord[records.length - 1];
        System.arraycopy(records, 0, next, 0, i);
        System.arraycopy(records, i + 1, next, i, records.length - i - 1);
        return new MeterArchive(next);
    }

    /** Equal when they hold equal records. */
    @Override
    public boolean equals(Object o) {
        return o instanceof MeterArchive other && Arrays.equals(records, other.records);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(records);
    }

    /** {@code MeterArchive[12 meters on 2 channels]}. */
    @Override
    public String toString() {
        return "MeterArchive[" + records.length + (records.length == 1 ? " meter" : " meters") + " on "
                + channels().size() + (channels().size() == 1 ? " channel]" : " channels]");
    }

    private int slot(String channel, String address) {
        int h = channel.hashCode() * 31 + address.hashCode();
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h & (addressTable.length - 1);
    }

    /** Modbus unit ids ("007") without leading zeros; other addresses unchanged. */
    private static String canonical(String address) {
        if (address.length() > 1 && address.length() <= 3 && address.charAt(0) == '0'
                && address.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Integer.toString(Integer.parseInt(address));
        }
        return address;
    }
}
