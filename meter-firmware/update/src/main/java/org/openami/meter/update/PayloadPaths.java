package org.openami.meter.update;

import static org.openami.meter.update.FirmwarePackageException.Reason.MALFORMED_MANIFEST;
import static org.openami.meter.update.FirmwarePackageException.Reason.UNSAFE_PATH;

/** Safety rules for zip entry names and manifest paths. Stateless. */
final class PayloadPaths {

    private PayloadPaths() {
    }

    /**
     * Why {@code name} is unsafe to create below a directory, or null if it is safe: relative,
     * forward slashes only, no {@code .}/{@code ..}/empty segments, no colon, no control
     * characters, at most {@link PackageLayout#MAX_PATH_LENGTH} characters.
     */
    static String unsafeReason(String name) {
        if (name.isEmpty()) {
            return "is empty";
        }
        if (name.length() > PackageLayout.MAX_PATH_LENGTH) {
            return "is longer than " + PackageLayout.MAX_PATH_LENGTH + " characters";
        }
        if (name.indexOf('\\') >= 0) {
            return "contains a backslash";
        }
        if (name.startsWith("/")) {
            return "is absolute";
        }
        if (name.indexOf(':') >= 0) {
            return "contains a colon";
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                return "contains a control character";
            }
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals("..")) {
                return "contains '..'";
            }
            if (segment.equals(".")) {
                return "contains a '.' segment";
            }
            if (segment.isEmpty()) {
                return "contains an empty segment";
            }
        }
        return null;
    }

    /** Checks a payload path from the manifest: safe, under {@code app/}, conservative characters. */
    static void checkManifestPath(String field, String path) throws FirmwarePackageException {
        String unsafe = unsafeReason(path);
        if (unsafe != null) {
            throw new FirmwarePackageException(UNSAFE_PATH, field, "'" + path + "' " + unsafe);
        }
        if (!path.startsWith(PackageLayout.PAYLOAD_DIR) || path.length() == PackageLayout.PAYLOAD_DIR.length()) {
            throw new FirmwarePackageException(UNSAFE_PATH, field, "'" + path + "' is not a file under "
                    + PackageLayout.PAYLOAD_DIR);
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "._+-/".indexOf(c) >= 0;
            if (!ok) {
                throw new FirmwarePackageException(MALFORMED_MANIFEST, field, "'" + path
                        + "' has a character outside [A-Za-z0-9._+-/]");
            }
        }
    }
}
