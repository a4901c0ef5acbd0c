package org.openami.meter.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openami.meter.update.FirmwarePackageException.Reason;
import org.openami.meter.update.keys.KeyId;

class FirmwareManifestTest {

    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);

    static FirmwareManifest sample(List<String> healthArgs) {
        return new FirmwareManifest(1, "ami-meter", FirmwareVersion.parse("1.4.0"), Instant.parse("2025-03-01T10:00:00Z"),
                "org.openami.meter.app.Main", healthArgs, KeyId.parse("0011223344556677"),
                List.of(new PayloadFile("app/z.jar", 20, SHA_B), new PayloadFile("app/lib/a.jar", 10, SHA_A)));
    }

    static final String SAMPLE_TEXT = """
            format=1
            product=ami-meter
            version=1.4.0
            build-time=2025-03-01T10:00:00Z
            main-class=org.openami.meter.app.Main
            health-args.count=1
            health-args.0=--self-test
            key-id=0011223344556677
            file.count=2
            file.0.path=app/lib/a.jar
            file.0.size=10
            file.0.sha256=%s
            file.1.path=app/z.jar
            file.1.size=20
            file.1.sha256=%s
            """.formatted(SHA_A, SHA_B);

    @Test
    void writes_the_canonical_text_with_files_sorted() {
        byte[] bytes = sample(List.of("--self-test")).toBytes();
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(SAMPLE_TEXT);
    }

    @Test
    void parses_its_own_text_back_to_an_equal_manifest() throws Exception {
        FirmwareManifest m = sample(List.of("--self-test"));
        FirmwareManifest parsed = FirmwareManifest.parse(m.toBytes());
        assertThat(parsed).isEqualTo(m);
        assertThat(parsed.totalPayloadBytes()).isEqualTo(30);
        assertThat(parsed.file("app/z.jar")).hasValueSatisfying(f -> assertThat(f.size()).isEqualTo(20));
        assertThat(parsed.file("app/none.jar")).isEmpty();
    }

    @Test
    void escapes_health_args_so_that_java_util_Properties_reads_the_same_values() throws Exception {
        List<String> args = List.of("--self-test", " leading space", "back\\slash", "Zähler=1:2 # not a comment", "");
        FirmwareManifest m = sample(args);
        byte[] bytes = m.toBytes();
        assertThat(FirmwareManifest.parse(bytes).healthCheckArgs()).isEqualTo(args);
        Properties p = new Properties();
        p.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
        for (int i = 0; i < args.size(); i++) {
            assertThat(p.getProperty("health-args." + i)).isEqualTo(args.get(i));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "CR line ends            | \\n  | \\r\\n                           | manifest.properties",
        "duplicate key           | product=ami-meter\\n | product=ami-meter\\nproduct=ami-meter\\n | product",
        "unknown key             | format=1\\n | format=1\\nextra=1\\n      | extra",
        "missing key             | main-class=org.openami.meter.app.Main\\n | | main-class",
        "short version           | version=1.4.0 | version=1.4                 | version",
        "pre-release version     | version=1.4.0 | version=1.4.0-rc1           | version",
        "local build time        | build-time=2025-03-01T10:00:00Z | build-time=2025-03-01T10:00:00 | build-time",
        "offset build time       | build-time=2025-03-01T10:00:00Z | build-time=2025-03-01T11:00:00+01:00 | build-time",
        "upper-case sha          | file.0.sha256=aaaa | file.0.sha256=AAAA | file.0.sha256",
        "negative size           | file.0.size=10 | file.0.size=-10                 | file.0.size",
        "leading zero size       | file.0.size=10 | file.0.size=010                 | file.0.size",
        "unsupported format      | format=1 | format=2                            | format",
        "bad key id              | key-id=0011223344556677 | key-id=00112233     | key-id",
        "bad class name          | main-class=org.openami.meter.app.Main | main-class=-javaagent:x.jar | main-class",
        "unsorted files          | file.0.path=app/lib/a.jar | file.0.path=app/zz.jar | manifest.properties",
        "not key=value           | format=1\\n | format=1\\njunk\\n       | manifest.properties",
        "count too large         | file.count=2 | file.count=99999               | file.count",
        "product with capitals   | product=ami-meter | product=AMI            | product",
    })
    void refuses_malformed_text_naming_the_field(String name, String from, String to, String field) {
        String text = SAMPLE_TEXT.replace(unescape(from), to == null ? "" : unescape(to));
        assertThat(text).isNotEqualTo(SAMPLE_TEXT);
        assertThatThrownBy(() -> FirmwareManifest.parse(text.getBytes(StandardCharsets.UTF_8)))
                .asInstanceOf(type(FirmwarePackageException.class))
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(Reason.MALFORMED_MANIFEST);
                    assertThat(e.subject()).isEqualTo(field);
                });
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n").replace("\\\\", "\\");
    }

    @Test
    void refuses_text_without_final_line_feed_and_invalid_utf8() {
        byte[] noFinalLf = SAMPLE_TEXT.substring(0, SAMPLE_TEXT.length() - 1).getBytes(StandardCharsets.UTF_8);
        assertReason(noFinalLf, Reason.MALFORMED_MANIFEST, "manifest.properties");
        byte[] latin1 = SAMPLE_TEXT.replace("--self-test", "--s\u00e4lf").getBytes(StandardCharsets.ISO_8859_1);
        assertReason(latin1, Reason.MALFORMED_MANIFEST, "manifest.properties");
    }

    @Test
    void refuses_unknown_and_non_canonical_escapes() {
        String unknown = SAMPLE_TEXT.replace("health-args.0=--self-test", "health-args.0=\\n");
        assertReason(unknown.getBytes(StandardCharsets.UTF_8), Reason.MALFORMED_MANIFEST, "health-args.0");
        String needless = SAMPLE_TEXT.replace("health-args.0=--self-test", "health-args.0=a\\ b");
        assertReason(needless.getBytes(StandardCharsets.UTF_8), Reason.MALFORMED_MANIFEST, "manifest.properties");
        String fine = SAMPLE_TEXT.replace("health-args.0=--self-test", "health-args.0=\\ a\\\\b");
        assertThat(catchParse(fine).healthCheckArgs()).containsExactly(" a\\b");
    }

    private static FirmwareManifest catchParse(String text) {
        try {
            return FirmwareManifest.parse(text.getBytes(StandardCharsets.UTF_8));
        } catch (FirmwarePackageException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @CsvSource({"app/../etc/passwd", "app/./x.jar", "/app/x.jar", "app\\x.jar", "lib/x.jar", "app/", "app//x.jar", "C:/x.jar"})
    void refuses_unsafe_paths_as_UNSAFE_PATH(String path) {
        String text = SAMPLE_TEXT.replace("file.0.path=app/lib/a.jar", "file.0.path=" + path.replace("\\", "\\\\"));
        assertReason(text.getBytes(StandardCharsets.UTF_8), Reason.UNSAFE_PATH, "file.0.path");
    }

    @Test
    void refuses_paths_that_collide_on_case_insensitive_file_systems_or_are_files_and_directories() {
        UnaryOperator<String> caseClash = t -> t.replace("app/lib/a.jar", "app/Z.jar");
        assertReason(caseClash.apply(SAMPLE_TEXT).getBytes(StandardCharsets.UTF_8), Reason.MALFORMED_MANIFEST, null);
        assertThatThrownBy(() -> new FirmwareManifest(1, "ami-meter", FirmwareVersion.parse("1.0.0"), Instant.EPOCH, "a.B",
                List.of(), KeyId.parse("0011223344556677"),
                List.of(new PayloadFile("app/x", 1, SHA_A), new PayloadFile("app/x/y.jar", 1, SHA_A))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both a file and a directory");
    }

    @Test
    void constructor_refuses_values_the_parser_would_refuse() {
        assertThatThrownBy(() -> sample(List.of("line\nbreak"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("health-args.0").hasCauseInstanceOf(FirmwarePackageException.class);
        assertThatThrownBy(() -> new FirmwareManifest(1, "ami-meter", FirmwareVersion.parse("1.0.0"), Instant.EPOCH,
                "a.B", List.of(), KeyId.parse("0011223344556677"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one payload file");
    }

    @Test
    void refuses_a_manifest_larger_than_the_limit() {
        byte[] big = (SAMPLE_TEXT + "x".repeat(PackageLayout.MAX_MANIFEST_BYTES)).getBytes(StandardCharsets.UTF_8);
        assertReason(big, Reason.TOO_LARGE, "manifest.properties");
    }

    private static void assertReason(byte[] bytes, Reason reason, String subject) {
        assertThatThrownBy(() -> FirmwareManifest.parse(bytes)).asInstanceOf(type(FirmwarePackageException.class))
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    if (subject != null) {
                        assertThat(e.subject()).isEqualTo(subject);
                    }
                    assertThat(e.getMessage()).startsWith(reason.name() + ": ");
                });
    }
}
