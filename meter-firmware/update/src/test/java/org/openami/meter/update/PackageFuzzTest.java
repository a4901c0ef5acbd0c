package org.openami.meter.update;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.openami.meter.update.internal.DurableFiles;
import org.openami.meter.update.keys.SigningKey;
import org.openami.meter.update.keys.TrustedKeys;
import org.openami.meter.update.slots.FirmwareInstaller;
import org.openami.meter.update.slots.FirmwareSlots;
import org.openami.meter.update.slots.HealthResult;
import org.openami.meter.update.testing.Keys;
import org.openami.meter.update.testing.Packages;
import org.openami.meter.update.testing.ZipEdit;

/**
 * Untrusted bytes against verify and install: random garbage and mutations of valid packages
 * (bit flips, overwritten runs, truncation, insertion, traversal names) may only ever fail with
 * {@link FirmwarePackageException}, and an install never writes outside its install directory.
 */
class PackageFuzzTest {

    private static final SigningKey KEY = Keys.key(51);
    private static Path work;
    private static byte[] valid;
    private static byte[] evilNames;

    @BeforeContainer
    static void buildSeeds() throws IOException {
        work = Files.createTempDirectory("fwpkg-fuzz");
        Path a = Packages.file(work.resolve("src"), "meter.jar", "the meter ".repeat(40));
        Path b = Packages.file(work.resolve("src"), "lib.jar", "lib");
        Path pkg = Packages.pack(KEY, work.resolve("seed"), "1.0.0", List.of("--self-test"), a, b);
        valid = Files.readAllBytes(pkg);
        // same length as the real names, so byte mutations can turn one into the other
        Path evil = ZipEdit.edit(pkg, work.resolve("seed/evil.fwpkg"), m -> m.put("../lib.jar", m.get("app/lib.jar")));
        evilNames = Files.readAllBytes(evil);
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        DurableFiles.deleteTree(work);
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(4096);
        Arbitrary<byte[]> zipLike = random.map(b -> {
            byte[] out = Arrays.copyOf(new byte[] {'P', 'K', 3, 4}, 4 + b.length);
            System.arraycopy(b, 0, out, 4, b.length);
            return out;
        });
        return Arbitraries.oneOf(random, zipLike);
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        Arbitrary<byte[]> seed = Arbitraries.of(valid, evilNames);
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 4);
        Arbitrary<Integer> position = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(64);
        return Combinators.combine(seed, kind, position, bytes).as(PackageFuzzTest::mutate);
    }

    static byte[] mutate(byte[] seed, int kind, int position, byte[] bytes) {
        int at = position % seed.length;
        byte[] out = seed.clone();
        switch (kind) {
            case 0 -> { // flip bits
                for (int i = 0; i < bytes.length && at + i < out.length; i += 7) {
                    out[at + i] ^= (byte) (bytes[i] | 1);
                }
            }
            case 1 -> System.arraycopy(bytes, 0, out, at, Math.min(bytes.length, out.length - at)); // overwrite a run
            case 2 -> out = Arrays.copyOf(seed, at); // truncate
            case 3 -> { // insert
                out = new byte[seed.length + bytes.length];
                System.arraycopy(seed, 0, out, 0, at);
                System.arraycopy(bytes, 0, out, at, bytes.length);
                System.arraycopy(seed, at, out, at + bytes.length, seed.length - at);
            }
            default -> { // unchanged seed: the valid package must still install, the evil one must not
            }
        }
        return out;
    }

    @Property(tries = 300)
    void garbage_only_ever_fails_with_a_package_exception(@ForAll("garbage") byte[] bytes) throws IOException {
        Path sandbox = Files.createTempDirectory(work, "g");
        Path pkg = Files.write(sandbox.resolve("p.fwpkg"), bytes);
        FirmwareVerifier verifier = new FirmwareVerifier(TrustedKeys.of(KEY.verificationKey()), "ami-meter");
        try {
            verifier.verify(pkg);
            throw new AssertionError("garbage verified");
        } catch (FirmwarePackageException e) {
            Statistics.collect(e.reason());
            assertThat(e.getMessage()).doesNotContain("\n");
        } finally {
            DurableFiles.deleteTree(sandbox);
        }
    }

    @Property(tries = 400)
    void mutated_packages_only_ever_fail_with_a_package_exception_and_stay_inside_the_install_dir(
            @ForAll("mutated") byte[] bytes) throws IOException {
        Path sandbox = Files.createTempDirectory(work, "m");
        Path pkg = Files.write(sandbox.resolve("p.fwpkg"), bytes);
        Path installDir = sandbox.resolve("install");
        FirmwareSlots slots = new FirmwareSlots(installDir, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        FirmwareInstaller installer = new FirmwareInstaller(slots,
                new FirmwareVerifier(TrustedKeys.of(KEY.verificationKey()), "ami-meter"),
                (dir, m) -> HealthResult.healthy("stub"));
        try {
            installer.install(pkg);
            Statistics.collect("INSTALLED");
            assertThat(installDir.resolve("slot-a/app/lib.jar")).hasContent("lib");
        } catch (FirmwarePackageException e) {
            Statistics.collect(e.reason());
            assertThat(slots.state().active()).isEmpty();
        }
        Statistics.coverage(c -> {
            // the generator must keep reaching success, path attacks, content damage and signature damage
            c.check("INSTALLED").count(n -> n > 0);
            c.check(FirmwarePackageException.Reason.UNSAFE_PATH).count(n -> n > 0);
            c.check(FirmwarePackageException.Reason.HASH_MISMATCH).count(n -> n > 0);
            c.check(FirmwarePackageException.Reason.BAD_SIGNATURE).count(n -> n > 0);
        });
        try (Stream<Path> all = Files.walk(sandbox)) {
            all.forEach(p -> assertThat(p.equals(sandbox) || p.equals(pkg) || p.startsWith(installDir))
                    .as("written outside the install dir: %s", p).isTrue());
        }
        try (Stream<Path> inside = Files.walk(installDir, 1)) {
            assertThat(inside.filter(p -> !p.equals(installDir)).map(p -> p.getFileName().toString()))
                    .isSubsetOf("slot-a", "state.properties", ".lock");
        }
        try {
            DurableFiles.deleteTree(sandbox);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
