package org.openami.meter.update.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openami.meter.update.FirmwareVersion;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Command-line value converters; bad values become picocli usage errors (exit code 2). */
final class Converters {

    private Converters() {
    }

    /** {@code MAJOR.MINOR.PATCH}. */
    static final class Version implements ITypeConverter<FirmwareVersion> {
        @Override
        public FirmwareVersion convert(String value) {
            try {
                return FirmwareVersion.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code 500ms}, {@code 60s}, {@code 2m}, {@code 1h} or ISO-8601 {@code PT60S}; positive. */
    static final class PositiveDuration implements ITypeConverter<Duration> {
        private static final Pattern FORM = Pattern.compile("([0-9]{1,9})(ms|s|m|h)");

        @Override
        public Duration convert(String value) {
            Duration d;
            Matcher m = FORM.matcher(value.toLowerCase(Locale.ROOT));
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            } else {
                try {
                    d = Duration.parse(value);
                } catch (RuntimeException e) {
                    throw new TypeConversionException("'" + value + "' is not a duration like 60s, 500ms, 2m or PT60S");
                }
            }
            if (d.isZero() || d.isNegative()) {
                throw new TypeConversionException("the duration must be positive");
            }
            return d;
        }
    }

    /** A byte count: {@code 1048576}, {@code 512KiB}, {@code 64MiB}, {@code 1GiB}; positive. */
    static final class ByteSize implements ITypeConverter<Long> {
        private static final Pattern FORM = Pattern.compile("([0-9]{1,12})(|B|KiB|MiB|GiB)");

        @Override
        public Long convert(String value) {
            Matcher m = FORM.matcher(value);
            if (!m.matches()) {
                throw new TypeConversionException("'" + value + "' is not a size like 67108864, 512KiB or 64MiB");
            }
            long n = Long.parseLong(m.group(1));
            long unit = switch (m.group(2)) {
                case "KiB" -> 1024L;
                case "MiB" -> 1024L * 1024;
                case "GiB" -> 1024L * 1024 * 1024;
                default -> 1L;
            };
            if (n == 0) {
                throw new TypeConversionException("the size must be positive");
            }
            return n * unit;
        }
    }
}
