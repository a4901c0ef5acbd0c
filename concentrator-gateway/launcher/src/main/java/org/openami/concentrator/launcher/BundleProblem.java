package org.openami.concentrator.launcher;

/**
 * Why one bundle of the set could not be installed, resolved or started.
 *
 * @param symbolicName the bundle's symbolic name, or the jar's file name if it was not installed
 * @param version the bundle version, empty if unknown
 * @param jar the file name of the bundle jar
 * @param reason the framework's explanation, typically the unresolved requirement
 *        ({@code Unresolved requirement: Import-Package: ...}), on one or more lines
 */
public record BundleProblem(String symbolicName, String version, String jar, String reason) {

    /** One indented paragraph naming the bundle, its jar and the reason. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(symbolicName);
        if (!version.isEmpty()) {
            sb.append(' ').append(version);
        }
        sb.append(" (").append(jar).append("):");
        for (String line : reason.strip().split("\\R")) {
            if (!line.isBlank()) {
                sb.append(System.lineSeparator()).append("      ").append(line.strip());
            }
        }
        return sb.toString();
    }
}
