package org.openami.concentrator.bench;

/**
 * Points logback at the benchmarks' own configuration ({@code ami-bench-logback.xml}: warnings
 * and errors to stderr) instead of the {@code logback.xml} files other jars on the class path
 * carry, so that stdout holds nothing but figures. Call first thing in {@code main}, before
 * any logger exists.
 */
public final class Logging {

    /** The system property logback reads its configuration from, and our resource. */
    public static final String PROPERTY = "logback.configurationFile";
    public static final String RESOURCE = "ami-bench-logback.xml";

    private Logging() {
    }

    /** Uses the benchmarks' configuration unless one was given on the command line. */
    public static void configure() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, RESOURCE);
        }
    }

    /** The JVM option that does the same for a child JVM on this class path. */
    public static String childOption() {
        return "-D" + PROPERTY + "=" + System.getProperty(PROPERTY, RESOURCE);
    }
}
