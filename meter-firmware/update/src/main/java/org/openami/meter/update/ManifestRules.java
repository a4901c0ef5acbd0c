package org.openami.meter.update;

import static org.openami.meter.update.FirmwarePackageException.Reason.MALFORMED_MANIFEST;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.openami.meter.update.internal.Hex;

/** The value rules of a manifest, used when one is built and when one is parsed. Stateless. */
final class ManifestRules {

    private static final Pattern PRODUCT = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern CLASS_NAME = Pattern.compile(
            "[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
    private static final int MAX_CLASS_NAME = 255;

    private ManifestRules() {
    }

    /** Checks the values of a manifest; the files must already be sorted by path. */
    static void check(int format, String product, String mainClass, List<String> healthArgs, List<PayloadFile> files)
            throws FirmwarePackageException {
        if (format != PackageLayout.FORMAT) {
            throw bad("format", "unsupported format " + format + " (this code reads format " + PackageLayout.FORMAT + ")");
        }
        checkProduct(product);
        if (mainClass.length() > MAX_CLASS_NAME || !CLASS_NAME.matcher(mainClass).matches()) {
            throw bad("main-class", "'" + mainClass + "' is not a Java class name");
        }
        checkHealthArgs(healthArgs);
        checkFiles(files);
    }

    /** Checks a product name. */
    static void checkProduct(String product) throws FirmwarePackageException {
        if (!PRODUCT.matcher(product).matches()) {
            throw bad("product", "'" + product + "' is not [a-z0-9][a-z0-9._-]{0,63}");
        }
    }

    private static void checkHealthArgs(List<String> args) throws FirmwarePackageException {
        if (args.size() > PackageLayout.MAX_HEALTH_ARGS) {
            throw bad("health-args.count", "more than " + PackageLayout.MAX_HEALTH_ARGS + " arguments");
        }
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String field = "health-args." + i;
            if (a.length() > PackageLayout.MAX_HEALTH_ARG_LENGTH) {
                throw bad(field, "longer than " + PackageLayout.MAX_HEALTH_ARG_LENGTH + " characters");
            }
            for (int j = 0; j < a.length(); j++) {
                if (Character.isISOControl(a.charAt(j))) {
                    throw bad(field, "contains a control character");
                }
            }
            if (!new String(a.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(a)) {
                throw bad(field, "is not valid Unicode");
            }
        }
    }

    private static void checkFiles(List<PayloadFile> files) throws FirmwarePackageException {
        if (files.isEmpty()) {
            throw bad("file.count", "a package needs at least one payload file");
        }
        if (files.size() > PackageLayout.MAX_FILES) {
            throw bad("file.count", "more than " + PackageLayout.MAX_FILES + " files");
        }
        Set<String> exact = new HashSet<>();
        Set<String> folded = new HashSet<>();
        long total = 0;
        for (int i = 0; i < files.size(); i++) {
            PayloadFile f = files.get(i);
            String field = "file." + i;
            checkFile(field, f);
            if (!exact.add(f.path())) {
                throw bad(field + ".path", "'" + f.path() + "' is listed twice");
            }
            if (!folded.add(f.path().toLowerCase(Locale.ROOT))) {
                throw bad(field + ".path", "'" + f.path() + "' differs from another path only in case");
            }
            try {
                total = Math.addExact(total, f.size());
            } catch (ArithmeticException e) {
                throw bad(field + ".size", "the total size overflows");
            }
        }
        for (String p : exact) {
            for (int slash = p.indexOf('/'); slash >= 0; slash = p.indexOf('/', slash + 1)) {
                if (exact.contains(p.substring(0, slash))) {
                    throw bad("file.count", "'" + p.substring(0, slash) + "' is both a file and a directory");
                }
            }
        }
    }

    /** Checks one file entry on its own; {@code field} is its prefix, e.g. {@code file.3}. */
    static void checkFile(String field, PayloadFile f) throws FirmwarePackageException {
        PayloadPaths.checkManifestPath(field + ".path", f.path());
        if (f.size() < 0) {
            throw bad(field + ".size", "negative size " + f.size());
        }
        if (!Hex.isLowerHex(f.sha256(), 64)) {
            throw bad(field + ".sha256", "not 64 lower-case hex digits");
        }
    }

    private static FirmwarePackageException bad(String field, String detail) {
        return new FirmwarePackageException(MALFORMED_MANIFEST, field, detail);
    }
}
