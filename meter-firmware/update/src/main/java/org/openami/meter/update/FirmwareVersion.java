package org.openami.meter.update;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A release version {@code MAJOR.MINOR.PATCH}, compared numerically field by field
 * ({@code 1.10.0 > 1.9.0}). Immutable.
 *
 * <p>Only release versions are accepted: each field is a decimal number without leading
 * zeros and at most 9 digits. Pre-release and build suffixes ({@code 1.2.0-rc1},
 * {@code 1.2.0+42}) are refused, because anti-rollback needs one unambiguous total order
 * and a meter should only ever run release builds.
 *
 * @param major major version, 0 or more
 * @param minor minor version, 0 or more
 * @param patch patch version, 0 or more
 */
public record FirmwareVersion(int major, int minor, int patch) implements Comparable<FirmwareVersion> {

    private static final Pattern FORM = Pattern.compile("(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})");

    /** @throws IllegalArgumentException if a field is negative */
    public FirmwareVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version fields must not be negative");
        }
    }

    /**
     * Parses {@code MAJOR.MINOR.PATCH}.
     *
     * @throws IllegalArgumentException with a message saying what is wrong
     */
    public static FirmwareVersion parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            String why = text.indexOf('-') >= 0 || text.indexOf('+') >= 0
                    ? " (pre-release and build suffixes are not accepted)" : "";
            throw new IllegalArgumentException("'" + FirmwarePackageException.safe(text)
                    + "' is not a release version MAJOR.MINOR.PATCH" + why);
        }
        return new FirmwareVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
    }

    /** True if this version is strictly greater than {@code other}. */
    public boolean isNewerThan(FirmwareVersion other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(FirmwareVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
