package org.openami.concentrator.archive;

import java.util.List;
import java.util.Objects;

/**
 * An archive, or one record of it, is not valid. Carries every problem found (up to
 * {@link #MAX_PROBLEMS}; {@link #totalProblems()} counts the rest), so a file can be fixed in
 * one go rather than one error at a time.
 *
 * <p>Checked on purpose: archives come from outside (an installer's spreadsheet, the
 * marketing system), so a caller must decide what a bad one means for it, typically keeping
 * the archive it already has. The message lists the problems, one a line:
 * <pre>
 * archive.csv: 2 problems
 *   line 4, address = '99999999999': a DL/T 645 address has 12 digits, not 11 ...
 *   line 7, point = '3': point 3 is given twice (first on line 5)
 * </pre>
 * Immutable and safe to share between threads.
 */
public final class ArchiveException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Most problems kept in one exception. */
    public static final int MAX_PROBLEMS = 100;

    private final String source;
    private final List<ArchiveProblem> problems;
    private final int totalProblems;

    /**
     * @param source        what was read: a file name, or a short description like
     *                      {@code "archive"}; used at the start of the message
     * @param problems      the problems, at least one; only the first {@link #MAX_PROBLEMS} are kept
     * @param totalProblems how many problems there were in all, at least {@code problems.size()}
     */
    public ArchiveException(String source, List<ArchiveProblem> problems, int totalProblems) {
        super(Objects.requireNonNull(source, "source"));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an ArchiveException needs at least one problem");
        }
        if (totalProblems < problems.size()) {
            throw new IllegalArgumentException("total " + totalProblems + " < " + problems.size() + " problems");
        }
        this.source = source;
        this.problems = List.copyOf(problems.size() > MAX_PROBLEMS ? problems.subList(0, MAX_PROBLEMS) : problems);
        this.totalProblems = totalProblems;
    }

    /** One problem. */
    public ArchiveException(String source, ArchiveProblem problem) {
        this(source, List.of(problem), 1);
    }

    /** What was read (file name or description). */
    public String source() {
        return source;
    }

    /** The problems, in the order found (file order for files); at most {@link #MAX_PROBLEMS}. */
    public List<ArchiveProblem> problems() {
        return problems;
    }

    /** How many problems there were, including those not kept. */
    public int totalProblems() {
        return totalProblems;
    }

    @Override
    public String getMessage() {
        StringBuilder sb = new StringBuilder(source).append(": ").append(totalProblems)
                .append(totalProblems == 1 ? " problem" : " problems");
        for (ArchiveProblem p : problems) {
            sb.append("\n  ").append(p);
        }
        if (totalProblems > problems.size()) {
            sb.append("\n  …and ").append(totalProblems - problems.size()).append(" more");
        }
        return sb.toString();
    }
}
