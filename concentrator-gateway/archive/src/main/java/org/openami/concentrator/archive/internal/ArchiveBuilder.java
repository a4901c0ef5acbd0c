package org.openami.concentrator.archive.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.openami.concentrator.archive.ArchiveException;
import org.openami.concentrator.archive.MeterArchive;
import org.openami.concentrator.archive.MeterRecord;
import org.openami.concentrator.archive.internal.Column.Naming;

/**
 * Collects the rows of one file into a {@link MeterArchive}: validates each row, finds
 * duplicate points and addresses and too many meters, and keeps every problem. Memory is
 * bounded: at most {@link MeterRecord#MAX_POINT} records are kept. Not thread-safe: one per read.
 */
public final class ArchiveBuilder {

    private final Naming naming;
    private final Problems problems = new Problems();
    private final RowParser parser;
    private final DuplicateTracker duplicates = new DuplicateTracker();
    private final List<MeterRecord> records = new ArrayList<>();
    private int rows;

    /**
     * @param channels the configured channel ids; empty = do not check channels
     * @param naming   how the file names its fields (for problems)
     */
    public ArchiveBuilder(Set<String> channels, Naming naming) {
        this.naming = naming;
        this.parser = new RowParser(channels, naming, problems);
    }

    /** Where readers report problems they find themselves (syntax, header, unknown fields). */
    public Problems problems() {
        return problems;
    }

    /**
     * Adds one meter's values.
     *
     * @param broken the row as a whole is wrong (already reported): check its values, keep no record
     */
    public void add(Row row, boolean broken) {
        rows++;
        if (rows == MeterRecord.MAX_POINT + 1) {
            problems.add(row.line(), "", "", "this is meter " + rows + "; an archive holds at most "
                    + MeterRecord.MAX_POINT + " meters");
        }
        RowParser.Parsed parsed = parser.parse(row, broken);
        if (parsed.point() > 0) {
            String message = duplicates.point(parsed.point(), parsed.pointLine());
            if (message != null) {
                problems.add(parsed.pointLine(), Column.POINT.name(naming), Integer.toString(parsed.point()), message);
            }
        }
        if (parsed.channel() != null && parsed.address() != null) {
            String message = duplicates.address(parsed.channel(), parsed.address(), parsed.point(),
                    parsed.addressLine());
            if (message != null) {
                problems.add(parsed.addressLine(), Column.ADDRESS.name(naming), parsed.address(), message);
            }
        }
        if (parsed.record() != null && problems.isEmpty()) {
            records.add(parsed.record());
        }
    }

    /** How many rows were added. */
    public int rows() {
        return rows;
    }

    /**
     * @return the archive of the rows added
     * @throws ArchiveException naming {@code source}, if any problem was found
     */
    public MeterArchive build(String source) throws ArchiveException {
        problems.throwIfAny(source);
        return MeterArchive.of(records, source);
    }
}
