package org.openami.meter.update.slots;

import static org.openami.meter.update.FirmwarePackageException.Reason.VERSION_NOT_NEWER;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.openami.meter.update.FirmwareManifest;
import org.openami.meter.update.FirmwarePackageException;
import org.openami.meter.update.FirmwareVerifier;
import org.openami.meter.update.FirmwareVersion;
import org.openami.meter.update.PackageLayout;
import org.openami.meter.update.VerifiedPackage;
import org.openami.meter.update.internal.DurableFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The A/B firmware slots of an install directory and their state machine:
 * <pre>
 * install-dir/
 *   slot-a/  app/... manifest.properties manifest.sig
 *   slot-b/  ...
 *   state.properties   (written atomically; see {@link SlotState})
 *   .lock              (held during every operation)
 *   .staging/          (transient: a package being unpacked)
 * </pre>
 * {@link #stage} verifies a package, unpacks it into the inactive slot and marks it TRIAL;
 * {@link #commitTrial} / {@link #markHealthy} make a trial ACTIVE (the old active slot becomes
 * PREVIOUS and the version becomes the anti-rollback floor); {@link #rejectTrial} marks it FAILED
 * and leaves the active slot alone; {@link #selectForBoot} hands out trial boots and rolls a
 * trial back automatically once it has used its boot attempts (default 3); {@link #rollback}
 * goes back by hand. Every transition is logged and recorded as the state's last result.
 *
 * <p>Anti-rollback: a package is installed only if its version is strictly greater than the
 * active version and the highest version ever committed ({@code VERSION_NOT_NEWER} otherwise).
 * A trial that failed does not raise the floor, so a fixed build may reuse its version.
 *
 * <p>Crash safety: the state file is replaced atomically; a slot is marked EMPTY before its
 * old files are deleted and only marked TRIAL after the new files are fsynced and renamed into
 * place, so after a power cut at any point the state describes what is on disk (leftover
 * {@code .staging/} and {@code state.properties.tmp} are ignored and cleaned later).
 *
 * <p>Threading: every public method takes the install-directory lock (a JVM-wide lock plus an
 * OS file lock on {@code .lock}), so instances in several threads or processes may share a
 * directory; methods block on that lock and on disk I/O. Timestamps come from the injected
 * {@link Clock}. Failures: {@link FirmwarePackageException} for refused packages,
 * {@link IOException} for disk problems or a corrupt state file, {@link IllegalStateException}
 * for an operation the current state does not allow (the message says why).
 */
@SuppressWarnings("try") // the lock is held for the body of each try, never referenced in it
public final class FirmwareSlots {

    /** Default boot attempts a trial gets before it is rolled back. */
    public static final int DEFAULT_MAX_BOOT_ATTEMPTS = 3;
    static final String STAGING = ".staging";

    private static final Logger LOG = LoggerFactory.getLogger(FirmwareSlots.class);

    private final Path installDir;
    private final Clock clock;
    private final int maxBootAttempts;
    private final SlotStateStore store;

    /** Slots in {@code installDir} with {@value #DEFAULT_MAX_BOOT_ATTEMPTS} boot attempts per trial. */
    public FirmwareSlots(Path installDir, Clock clock) {
        this(installDir, clock, DEFAULT_MAX_BOOT_ATTEMPTS);
    }

    /**
     * @param installDir      the install directory (created on the first install)
     * @param clock           source of all timestamps
     * @param maxBootAttempts boots a trial gets without {@link #markHealthy()} before it is rolled back
     */
    public FirmwareSlots(Path installDir, Clock clock, int maxBootAttempts) {
        if (maxBootAttempts < 1) {
            throw new IllegalArgumentException("a trial needs at least one boot attempt");
        }
        this.installDir = installDir.toAbsolutePath().normalize();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxBootAttempts = maxBootAttempts;
        this.store = new SlotStateStore(this.installDir);
    }

    /** The install directory. */
    public Path installDir() {
        return installDir;
    }

    /** The directory of a slot. */
    public Path slotDir(Slot slot) {
        return installDir.resolve(slot.dirName());
    }

    /** The current state ({@link SlotState#INITIAL} for a directory without state). */
    public SlotState state() throws IOException {
        if (!Files.isDirectory(installDir)) {
            return SlotState.INITIAL;
        }
        try (InstallDirLock lock = lock()) {
            return store.load();
        }
    }

    /** The firmware in a slot, if the slot is not EMPTY. */
    public Optional<SlotContent> content(Slot slot) throws IOException {
        SlotState s = state();
        return s.info(slot).status() == SlotStatus.EMPTY ? Optional.empty() : Optional.of(read(slot));
    }

    /**
     * Verifies {@code pkg} (including the version rule) and unpacks it into the inactive slot,
     * which becomes TRIAL with no boot attempts used. The active slot is not touched. A refusal
     * is recorded as the last result and rethrown.
     *
     * @throws IllegalStateException if a trial is already pending
     */
    public SlotContent stage(Path pkg, FirmwareVerifier verifier) throws FirmwarePackageException, IOException {
        Files.createDirectories(installDir);
        try (InstallDirLock lock = lock()) {
            SlotState s = store.load();
            s.trial().ifPresent(t -> {
                throw new IllegalStateException(t + " holds a trial of " + s.info(t).version()
                        + " that is neither committed nor rolled back: boot it or roll it back first");
            });
            Slot target = s.active().map(Slot::other).orElse(Slot.A);
            Path staging = installDir.resolve(STAGING);
            DurableFiles.deleteTree(staging);
            Files.createDirectory(staging);
            VerifiedPackage vp = extract(pkg, verifier, s, staging);
            Files.write(staging.resolve(PackageLayout.MANIFEST), vp.manifestBytes());
            Files.write(staging.resolve(PackageLayout.SIGNATURE), vp.signature());
            DurableFiles.syncTree(staging);

            Instant now = clock.instant();
            SlotState cleared = s.with(target, SlotInfo.UNUSED.with(SlotStatus.EMPTY, "", now));
            store.save(cleared);
            DurableFiles.deleteTree(slotDir(target));
            DurableFiles.moveAtomically(staging, slotDir(target));
            FirmwareVersion v = vp.manifest().version();
            SlotState trial = cleared.with(target, new SlotInfo(SlotStatus.TRIAL, v, "", now)).withBootAttempts(0)
                    .withLast(new LastResult(SlotEvent.TRIAL_STAGED, target, v, vp.manifest().summary(), now));
            store.save(trial);
            LOG.info("staged {} in {} as a trial", vp.manifest().summary(), target);
            return new SlotContent(target, slotDir(target), vp.manifest());
        }
    }

    /**
     * Makes the pending trial in {@code expected} the active slot; the old active slot becomes
     * PREVIOUS and the version becomes the anti-rollback floor.
     *
     * @throws IllegalStateException if {@code expected} is not the pending trial
     */
    public SlotState commitTrial(Slot expected) throws IOException {
        try (InstallDirLock lock = lock()) {
            SlotState s = store.load();
            if (s.trial().orElse(null) != expected) {
                throw new IllegalStateException(expected + " is not a pending trial (" + s.info(expected) + ")");
            }
            return commit(s, expected, "health check passed");
        }
    }

    /**
     * Commits the pending trial, if any. The running firmware calls this once it has started
     * up properly after a trial boot.
     *
     * @return true if a trial was committed, false if there was none
     */
    public boolean markHealthy() throws IOException {
        if (!Files.isDirectory(installDir)) {
            return false;
        }
        try (InstallDirLock lock = lock()) {
            SlotState s = store.load();
            Optional<Slot> trial = s.trial();
            if (trial.isEmpty()) {
                return false;
            }
            commit(s, trial.get(), "marked healthy");
            return true;
        }
    }

    /**
     * Marks the pending trial in {@code expected} FAILED with {@code reason}; the active slot
     * stays as it was.
     *
     * @throws IllegalStateException if {@code expected} is not the pending trial
     */
    public SlotState rejectTrial(Slot expected, String reason) throws IOException {
        try (InstallDirLock lock = lock()) {
            SlotState s = store.load();
            if (s.trial().orElse(null) != expected) {
                throw new IllegalStateException(expected + " is not a pending trial (" + s.info(expected) + ")");
            }
            return reject(s, expected, reason);
        }
    }

    /**
     * Chooses the firmware to start. A pending trial is returned (and one boot attempt is used
     * and persisted first) until it has had its attempts; then it is rolled back and the active
     * slot is returned. Empty if nothing is installed or everything failed.
     */
    public Optional<BootSelection> selectForBoot() throws IOException {
        if (!Files.isDirectory(installDir)) {
            return Optional.empty();
        }
        try (InstallDirLock lock = lock()) {
            SlotState s = store.load();
            Optional<Slot> trial = s.trial();
            if (trial.isPresent()) {
                int used = s.trialBootAttempts();
                if (used < maxBootAttempts) {
                    store.save(s.withBootAttempts(used + 1));
                    LOG.info("booting trial {} ({}), attempt {} of {}", trial.get(), s.info(trial.get()).version(),
                            used + 1, maxBootAttempts);
                    return Optional.of(new BootSelection(read(trial.get()), true, used + 1));
                }
                s = reject(s, trial.get(), "used " + used + " boot attempts without being marked healthy");
            }
            Optional<Slot> active = s.active();
            if (active.isEmpty()) {
                LOG.warn("no bootable firmware in {}", installDir);
                return Optional.empty();
            }
            LOG.info("booting {} ({})", active.get(), s.info(active.get()).version());
            return Optional.of(new BootSelection(read(active.get()), false, 0));
        }
    }

    /**
     * Rolls back by hand: a pending trial is marked FAILED; otherwise the PREVIOUS slot becomes
     * active again and the current one is marked FAILED. The anti-rollback floor stays, so the
     * version rolled away from cannot be reinstalled.
     *
     * @throws IllegalStateException if there is neither a trial nor a previous slot
     */
    public SlotState rollback(String reason) throws IOException {
        if (!Files.isDirectory(installDir)) {
            throw new IllegalStateException("nothing to roll back: " + installDir + " does not exist");
        }
        try (InstallDirLock lock = lock()) {
            SlotState s = store.load();
            if (s.trial().isPresent()) {
                return reject(s, s.trial().get(), "manual rollback: " + reason);
            }
            Optional<Slot> active = s.active();
            if (active.isEmpty() || s.info(active.get().other()).status() != SlotStatus.PREVIOUS) {
                throw new IllegalStateException("nothing to roll back to: there is no trial and no previous firmware");
            }
            Slot from = active.get();
            Slot to = from.other();
            Instant now = clock.instant();
            String why = "rolled back by hand: " + reason;
            SlotState next = s.with(from, s.info(from).with(SlotStatus.FAILED, why, now))
                    .with(to, s.info(to).with(SlotStatus.ACTIVE, "", now))
                    .withLast(new LastResult(SlotEvent.ROLLED_BACK, from, s.info(from).version(), why, now));
            store.save(next);
            LOG.warn("{} ({}) rolled back by hand to {} ({}): {}", from, s.info(from).version(), to,
                    s.info(to).version(), reason);
            return next;
        }
    }

    private VerifiedPackage extract(Path pkg, FirmwareVerifier verifier, SlotState s, Path staging)
            throws FirmwarePackageException, IOException {
        try {
            return verifier.extract(pkg, staging, m -> requireNewer(s, m));
        } catch (FirmwarePackageException e) {
            DurableFiles.deleteTree(staging);
            LOG.warn("refused firmware package {}: {}", pkg.getFileName(), e.getMessage());
            store.save(s.withLast(new LastResult(SlotEvent.REFUSED, null, null, e.getMessage(), clock.instant())));
            throw e;
        } catch (IOException | RuntimeException e) {
            DurableFiles.deleteTree(staging);
            throw e;
        }
    }

    private SlotState commit(SlotState s, Slot trial, String why) throws IOException {
        Instant now = clock.instant();
        FirmwareVersion v = s.info(trial).version();
        SlotState next = s;
        Optional<Slot> old = s.active();
        if (old.isPresent()) {
            next = next.with(old.get(), s.info(old.get()).with(SlotStatus.PREVIOUS, "", now));
        }
        FirmwareVersion highest = s.highest().filter(h -> h.isNewerThan(v)).orElse(v);
        next = next.with(trial, s.info(trial).with(SlotStatus.ACTIVE, "", now)).withHighest(highest).withBootAttempts(0)
                .withLast(new LastResult(SlotEvent.COMMITTED, trial, v, why, now));
        store.save(next);
        LOG.info("committed {} ({}): {}; previous: {}", trial, v, why,
                old.map(o -> o + " (" + s.info(o).version() + ")").orElse("none"));
        return next;
    }

    private SlotState reject(SlotState s, Slot trial, String reason) throws IOException {
        Instant now = clock.instant();
        FirmwareVersion v = s.info(trial).version();
        SlotState next = s.with(trial, s.info(trial).with(SlotStatus.FAILED, reason, now)).withBootAttempts(0)
                .withLast(new LastResult(SlotEvent.ROLLED_BACK, trial, v, reason, now));
        store.save(next);
        LOG.warn("rolled back trial {} ({}): {}; active: {}", trial, v, reason,
                s.active().map(a -> a + " (" + s.info(a).version() + ")").orElse("none"));
        return next;
    }

    /**
     * The anti-rollback rule: refuses a manifest whose version is not strictly greater than
     * the active version and the highest committed version in {@code s}.
     *
     * @throws FirmwarePackageException {@code VERSION_NOT_NEWER}
     */
    public static void requireNewer(SlotState s, FirmwareManifest m) throws FirmwarePackageException {
        FirmwareVersion v = m.version();
        Optional<FirmwareVersion> active = s.activeVersion();
        if (active.isPresent() && !v.isNewerThan(active.get())) {
            throw new FirmwarePackageException(VERSION_NOT_NEWER, "version", v + " is not newer than the active "
                    + active.get());
        }
        Optional<FirmwareVersion> highest = s.highest();
        if (highest.isPresent() && !v.isNewerThan(highest.get())) {
            throw new FirmwarePackageException(VERSION_NOT_NEWER, "version", v
                    + " is not newer than the highest version installed so far, " + highest.get());
        }
    }

    private SlotContent read(Slot slot) throws IOException {
        Path file = slotDir(slot).resolve(PackageLayout.MANIFEST);
        try {
            return new SlotContent(slot, slotDir(slot), FirmwareManifest.parse(Files.readAllBytes(file)));
        } catch (FirmwarePackageException e) {
            throw new IOException(file + " is corrupt: " + e.getMessage(), e);
        }
    }

    private InstallDirLock lock() throws IOException {
        return InstallDirLock.acquire(installDir);
    }
}
