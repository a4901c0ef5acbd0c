package org.openami.concentrator.launcher;

import java.util.List;

/**
 * The bundle set could not be brought up: some bundles could not be installed, did not
 * resolve (a requirement no bundle provides) or failed to start. The framework has been
 * stopped when this is thrown.
 */
public final class BundleSetException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<BundleProblem> problems;

    /** @param problems at least one problem */
    public BundleSetException(String summary, List<BundleProblem> problems) {
        super(summary + format(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every bundle that failed, with the framework's reason. */
    public List<BundleProblem> problems() {
        return problems;
    }

    private static String format(List<BundleProblem> problems) {
        StringBuilder sb = new StringBuilder();
        for (BundleProblem p : problems) {
            sb.append(System.lineSeparator()).append("  - ").append(p.describe());
        }
        return sb.toString();
    }
}
