package org.openami.meter.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openami.meter.update.FirmwarePackageException.Reason;
import org.openami.meter.update.keys.SigningKey;
import org.openami.meter.update.keys.TrustedKeys;
import org.openami.meter.update.testing.Keys;
import org.openami.meter.update.testing.Packages;
import org.openami.meter.update.testing.ZipEdit;

class FirmwareVerifierTest {

    @TempDir
    Path dir;

    private final SigningKey key = Keys.key(21);
    private final SigningKey otherKey = Keys.key(22);
    private final FirmwareVerifier verifier = new FirmwareVerifier(TrustedKeys.of(key.verificationKey()), "ami-meter");
    private Path jar;
    private Path lib;
    private Path pkg;

    @BeforeEach
    void pack() throws IOException {
        jar = Packages.file(dir.resolve("in"), "meter.jar", "the meter application ".repeat(50));
        lib = Packages.file(dir.resolve("in"), "lib.jar", "a library");
        pkg = Packages.pack(key, dir, "1.0.0", List.of("--self-test"), jar, lib);
    }

    @Test
    void a_packed_package_verifies_with_the_sizes_and_hashes_of_its_files() throws Exception {
        VerifiedPackage vp = verifier.verify(pkg);
        FirmwareManifest m = vp.manifest();
        assertThat(m.version()).isEqualTo(FirmwareVersion.parse("1.0.0"));
        assertThat(m.keyId()).isEqualTo(key.keyId());
        assertThat(m.healthCheckArgs()).containsExactly("--self-test");
        assertThat(m.files()).extracting(PayloadFile::path).containsExactly("app/lib.jar", "app/meter.jar");
        PayloadFile f = m.file("app/meter.jar").orElseThrow();
        assertThat(f.size()).isEqualTo(Files.size(jar));
        assertThat(f.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(jar))));
        assertThat(key.verificationKey().verify(vp.manifestBytes(), vp.signature())).isTrue();
    }

    @Test
    void extract_writes_exactly_the_payload() throws Exception {
        Path target = Files.createDirectory(dir.resolve("target"));
        verifier.extract(pkg, target, ManifestPolicy.ACCEPT_ALL);
        assertThat(target.resolve("app/meter.jar")).hasSameBinaryContentAs(jar);
        assertThat(target.resolve("app/lib.jar")).hasSameBinaryContentAs(lib);
        try (Stream<Path> s = Files.walk(target)) {
            assertThat(s.filter(Files::isRegularFile).count()).isEqualTo(2);
        }
    }

    @Test
    void a_tampered_manifest_has_a_bad_signature() throws Exception {
        Path bad = ZipEdit.edit(pkg, dir.resolve("bad.fwpkg"), m -> m.put("manifest.properties",
                new String(m.get("manifest.properties"), StandardCharsets.UTF_8).replace("version=1.0.0", "version=9.0.0")
                        .getBytes(StandardCharsets.UTF_8)));
        assertRefused(() -> verifier.verify(bad), Reason.BAD_SIGNATURE, "manifest.properties");
    }

    @Test
    void a_tampered_or_truncated_signature_is_bad() throws Exception {
        Path flipped = ZipEdit.edit(pkg, dir.resolve("flipped.fwpkg"), m -> m.get("manifest.sig")[5] ^= 0x01);
        assertRefused(() -> verifier.verify(flipped), Reason.BAD_SIGNATURE, "manifest.properties");
        Path shortSig = ZipEdit.edit(pkg, dir.resolve("short.fwpkg"), m -> m.put("manifest.sig",
                Arrays.copyOf(m.get("manifest.sig"), 63)));
        assertRefused(() -> verifier.verify(shortSig), Reason.BAD_SIGNATURE, "manifest.sig");
    }

    @Test
    void a_tampered_jar_is_a_hash_mismatch_naming_the_file() throws Exception {
        Path sameSize = ZipEdit.edit(pkg, dir.resolve("same.fwpkg"), m -> m.get("app/meter.jar")[3] ^= 0x20);
        assertRefused(() -> verifier.verify(sameSize), Reason.HASH_MISMATCH, "app/meter.jar");
        Path longer = ZipEdit.edit(pkg, dir.resolve("longer.fwpkg"), m -> m.put("app/lib.jar",
                "a library!".getBytes(StandardCharsets.UTF_8)));
        assertRefused(() -> verifier.verify(longer), Reason.HASH_MISMATCH, "app/lib.jar");
        Path shorter = ZipEdit.edit(pkg, dir.resolve("shorter.fwpkg"), m -> m.put("app/lib.jar",
                "a librar".getBytes(StandardCharsets.UTF_8)));
        assertRefused(() -> verifier.verify(shorter), Reason.HASH_MISMATCH, "app/lib.jar");
    }

    @Test
    void an_extra_file_or_directory_is_refused() throws Exception {
        Path extra = ZipEdit.edit(pkg, dir.resolve("extra.fwpkg"), m -> m.put("app/evil.jar", new byte[] {1}));
        assertRefused(() -> verifier.verify(extra), Reason.EXTRA_FILE, "app/evil.jar");
        Path extraOutside = ZipEdit.edit(pkg, dir.resolve("extra2.fwpkg"), m -> m.put("README", new byte[] {1}));
        assertRefused(() -> verifier.verify(extraOutside), Reason.EXTRA_FILE, "README");
        Path directory = ZipEdit.edit(pkg, dir.resolve("dir.fwpkg"), m -> m.put("app/", new byte[0]));
        assertRefused(() -> verifier.verify(directory), Reason.EXTRA_FILE, "app/");
    }

    @Test
    void a_missing_payload_file_manifest_or_signature_is_refused() throws Exception {
        Path noJar = ZipEdit.edit(pkg, dir.resolve("nojar.fwpkg"), m -> m.remove("app/meter.jar"));
        assertRefused(() -> verifier.verify(noJar), Reason.MISSING_FILE, "app/meter.jar");
        Path noSig = ZipEdit.edit(pkg, dir.resolve("nosig.fwpkg"), m -> m.remove("manifest.sig"));
        assertRefused(() -> verifier.verify(noSig), Reason.MISSING_FILE, "manifest.sig");
        Path noManifest = ZipEdit.edit(pkg, dir.resolve("nomf.fwpkg"), m -> m.remove("manifest.properties"));
        assertRefused(() -> verifier.verify(noManifest), Reason.MISSING_FILE, "manifest.properties");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil.jar", "app/../../evil.jar", "/etc/cron.d/evil", "app\\..\\evil.jar", "C:/evil.jar",
        "app/./x.jar", "app//x.jar", "app/x\u0000.jar"})
    void a_traversal_entry_is_refused_before_anything_is_written(String name) throws Exception {
        Path evil = ZipEdit.edit(pkg, dir.resolve("evil.fwpkg"), m -> m.put(name, "pwned".getBytes(StandardCharsets.UTF_8)));
        Path target = Files.createDirectories(dir.resolve("a/b/c/target"));
        assertRefused(() -> verifier.extract(evil, target, ManifestPolicy.ACCEPT_ALL), Reason.UNSAFE_PATH, null);
        try (Stream<Path> s = Files.walk(dir.resolve("a"))) {
            assertThat(s.filter(Files::isRegularFile)).isEmpty();
        }
        assertThat(dir.resolve("evil.jar")).doesNotExist();
    }

    @Test
    void a_signed_manifest_with_a_traversal_path_is_refused() throws Exception {
        Path evil = ZipEdit.resign(pkg, dir.resolve("evil.fwpkg"), key,
                t -> t.replace("file.0.path=app/lib.jar", "file.0.path=app/../lib.jar"));
        assertRefused(() -> verifier.verify(evil), Reason.UNSAFE_PATH, "file.0.path");
    }

    @Test
    void a_package_signed_by_an_untrusted_key_is_unknown() throws Exception {
        Path foreign = Packages.pack(otherKey, dir.resolve("foreign"), "1.0.0", List.of(), jar);
        assertRefused(() -> verifier.verify(foreign), Reason.UNKNOWN_KEY, "key-id");
    }

    @Test
    void a_package_claiming_a_trusted_key_but_signed_by_another_has_a_bad_signature() throws Exception {
        Path wrong = ZipEdit.resign(pkg, dir.resolve("wrong.fwpkg"), otherKey, t -> t);
        assertRefused(() -> verifier.verify(wrong), Reason.BAD_SIGNATURE, "manifest.properties");
    }

    @Test
    void a_signed_but_malformed_or_foreign_manifest_is_refused() throws Exception {
        Path unknownKey = ZipEdit.resign(pkg, dir.resolve("u.fwpkg"), key, t -> t + "colour=blue\n");
        assertRefused(() -> verifier.verify(unknownKey), Reason.MALFORMED_MANIFEST, "colour");
        Path otherProduct = ZipEdit.resign(pkg, dir.resolve("p.fwpkg"), key, t -> t.replace("product=ami-meter",
                "product=ami-concentrator"));
        assertRefused(() -> verifier.verify(otherProduct), Reason.WRONG_PRODUCT, "product");
        Path noKeyId = ZipEdit.resign(pkg, dir.resolve("k.fwpkg"), key, t -> t.replaceAll("key-id=[0-9a-f]+\n", ""));
        assertRefused(() -> verifier.verify(noKeyId), Reason.MALFORMED_MANIFEST, "key-id");
    }

    @Test
    void a_payload_bigger_than_the_limit_is_too_large_before_it_is_read() throws Exception {
        long payload = Files.size(jar) + Files.size(lib);
        FirmwareVerifier small = new FirmwareVerifier(TrustedKeys.of(key.verificationKey()), "ami-meter", payload - 1);
        assertRefused(() -> small.verify(pkg), Reason.TOO_LARGE, "file.count");
        assertThat(new FirmwareVerifier(TrustedKeys.of(key.verificationKey()), "ami-meter", payload).verify(pkg))
                .isNotNull();
    }

    @Test
    void a_package_file_bigger_than_any_allowed_package_is_too_large_without_opening_it() throws Exception {
        Path huge = dir.resolve("huge.fwpkg");
        Files.write(huge, new byte[6 * 1024 * 1024]);
        FirmwareVerifier small = new FirmwareVerifier(TrustedKeys.of(key.verificationKey()), "ami-meter", 1024);
        assertRefused(() -> small.verify(huge), Reason.TOO_LARGE, "huge.fwpkg");
    }

    @Test
    @Timeout(60)
    void a_zip_bomb_in_place_of_a_jar_is_cut_off_at_the_declared_size() throws Exception {
        Map<String, byte[]> entries = ZipEdit.read(pkg);
        Path bomb = dir.resolve("bomb.fwpkg");
        long bombBytes = 256L * 1024 * 1024;
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bomb))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry z = new ZipEntry(e.getKey());
                out.putNextEntry(z);
                if (e.getKey().equals("app/meter.jar")) {
                    byte[] zeros = new byte[1024 * 1024];
                    for (long n = 0; n < bombBytes; n += zeros.length) {
                        out.write(zeros);
                    }
                } else {
                    out.write(e.getValue());
                }
                out.closeEntry();
            }
        }
        assertThat(Files.size(bomb)).isLessThan(2 * 1024 * 1024);
        Path target = Files.createDirectory(dir.resolve("target"));
        assertRefused(() -> verifier.extract(bomb, target, ManifestPolicy.ACCEPT_ALL), Reason.HASH_MISMATCH,
                "app/meter.jar");
        Path written = target.resolve("app/meter.jar");
        assertThat(Files.size(written)).isLessThanOrEqualTo(Files.size(jar));
    }

    @Test
    void truncated_packages_are_malformed() throws Exception {
        byte[] bytes = Files.readAllBytes(pkg);
        for (int cut : new int[] {0, 1, 30, bytes.length / 2, bytes.length - 22, bytes.length - 1}) {
            Path t = Files.write(dir.resolve("cut-" + cut + ".fwpkg"), Arrays.copyOf(bytes, cut));
            assertRefused(() -> verifier.verify(t), Reason.MALFORMED_PACKAGE, null);
        }
    }

    @Test
    void garbage_is_malformed() throws Exception {
        Path garbage = Files.write(dir.resolve("garbage.fwpkg"), "PK\u0003\u0004 this is not a zip at all"
                .getBytes(StandardCharsets.ISO_8859_1));
        assertRefused(() -> verifier.verify(garbage), Reason.MALFORMED_PACKAGE, "garbage.fwpkg");
    }

    @Test
    void duplicate_entries_are_malformed() throws Exception {
        Path twoNames = ZipEdit.edit(pkg, dir.resolve("two.fwpkg"), m -> m.put("app/lib.jaX", m.get("app/lib.jar")));
        byte[] bytes = Files.readAllBytes(twoNames);
        byte[] from = "app/lib.jaX".getBytes(StandardCharsets.US_ASCII);
        byte[] to = "app/lib.jar".getBytes(StandardCharsets.US_ASCII);
        int replaced = 0;
        for (int i = 0; i + from.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, bytes, i, to.length);
                replaced++;
            }
        }
        assertThat(replaced).isEqualTo(2); // local header and central directory
        Path dup = Files.write(dir.resolve("dup.fwpkg"), bytes);
        assertRefused(() -> verifier.verify(dup), Reason.MALFORMED_PACKAGE, "app/lib.jar");
    }

    @Test
    void the_policy_runs_after_the_signature_and_before_any_payload_is_written() throws Exception {
        Path target = Files.createDirectory(dir.resolve("target"));
        ManifestPolicy refuse = m -> {
            throw new FirmwarePackageException(Reason.VERSION_NOT_NEWER, "version", m.version() + " is old");
        };
        assertRefused(() -> verifier.extract(pkg, target, refuse), Reason.VERSION_NOT_NEWER, "version");
        try (Stream<Path> s = Files.list(target)) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void extract_needs_an_empty_directory() throws IOException {
        Path target = Files.createDirectory(dir.resolve("target"));
        Files.writeString(target.resolve("x"), "x");
        assertThatThrownBy(() -> verifier.extract(pkg, target, ManifestPolicy.ACCEPT_ALL))
                .isInstanceOf(java.nio.file.DirectoryNotEmptyException.class);
    }

    @Test
    void deflated_packages_from_other_tools_are_accepted() throws Exception {
        Map<String, byte[]> entries = ZipEdit.read(pkg);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(buf)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        Path deflated = Files.write(dir.resolve("deflated.fwpkg"), buf.toByteArray());
        assertThat(verifier.verify(deflated).manifest().version()).hasToString("1.0.0");
    }

    static void assertRefused(ThrowingCallable call, Reason reason, String subject) {
        assertThatThrownBy(call).asInstanceOf(type(FirmwarePackageException.class)).satisfies(e -> {
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
            if (subject != null) {
                assertThat(e.subject()).as(e.getMessage()).isEqualTo(subject);
            }
        });
    }
}
