package org.openami.concentrator.launcher;

import java.util.List;

/**
 * A configuration file that cannot be used: unreadable, too big, not JSON, not of the
 * expected shape, or refused by the Metatype of the bundles. Each problem is one line that
 * names the entry ({@code configurations[i] (pid ...)}) and the property concerned.
 */
public final class ConfigFileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final List<String> problems;

    /**
     * @param source the file (or other source) name
     * @param problems one or more one-line problems
     */
    public ConfigFileException(String source, List<String> problems) {
        super(summary(source, problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problem");
        }
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** The file the problems are in. */
    public String source() {
        return source;
    }

    /** Every problem found, one line each. */
    public List<String> problems() {
        return problems;
    }

    private static String summary(String source, List<String> problems) {
        String first = problems.isEmpty() ? "" : problems.get(0);
        String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "";
        return source + ": " + first + more;
    }
}
