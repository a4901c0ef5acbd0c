package org.openami.concentrator.archive.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.openami.concentrator.archive.ArchiveException;
import org.openami.concentrator.archive.ArchiveProblem;

/**
 * Collects the problems of one read, keeping at most {@link ArchiveException#MAX_PROBLEMS}
 * and counting the rest. Not thread-safe: one per read.
 */
public final class Problems {

    private final List<ArchiveProblem> kept = new ArrayList<>();
    private int count;
    private String context = "";

    /** Puts {@code prefix} before the messages added from now on ("point 5: "). */
    public void context(String prefix) {
        context = prefix;
    }

    /** Records a problem. */
    public void add(int line, String field, String value, String message) {
        count++;
        if (kept.size() < ArchiveException.MAX_PROBLEMS) {
            kept.add(new ArchiveProblem(line, field, value == null ? "" : value, context + message));
        }
    }

    /** How many problems were recorded so far. */
    public int count() {
        return count;
    }

    /** Whether there were none. */
    public boolean isEmpty() {
        return count == 0;
    }

    /** @throws ArchiveException listing the problems in line order (stable), if there are any */
    public void throwIfAny(String source) throws ArchiveException {
        if (count > 0) {
            List<ArchiveProblem> sorted = new ArrayList<>(kept);
            sorted.sort(Comparator.comparingInt(ArchiveProblem::line));
            throw new ArchiveException(source, sorted, count);
        }
    }
}
