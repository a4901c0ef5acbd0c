package org.openami.meter.update.slots;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.openami.meter.update.FirmwarePackageException;
import org.openami.meter.update.FirmwareVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs a package end to end: verify and stage it in the inactive slot
 * ({@link FirmwareSlots#stage}), run the {@link HealthCheck} on it, then commit it or roll it
 * back. The health check runs without the install-directory lock, so the firmware under test
 * may itself use {@link FirmwareSlots}.
 *
 * <p>Thread-safe (the slots serialise themselves); {@link #install} blocks for the
 * verification, the unpacking and the health check. Failures: {@link FirmwarePackageException}
 * if the package is refused (nothing changed except the recorded last result),
 * {@link IOException} for disk problems, {@link IllegalStateException} if a trial is already
 * pending. If the process dies during the health check, the slot stays TRIAL and
 * {@link FirmwareSlots#selectForBoot()} settles it at the next boot.
 */
public final class FirmwareInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(FirmwareInstaller.class);

    private final FirmwareSlots slots;
    private final FirmwareVerifier verifier;
    private final HealthCheck healthCheck;

    /**
     * @param slots       where to install
     * @param verifier    checks the package (keys, product, size limit)
     * @param healthCheck decides whether the new firmware may be committed
     */
    public FirmwareInstaller(FirmwareSlots slots, FirmwareVerifier verifier, HealthCheck healthCheck) {
        this.slots = Objects.requireNonNull(slots, "slots");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.healthCheck = Objects.requireNonNull(healthCheck, "healthCheck");
    }

    /** Verifies, stages, health-checks and then commits or rolls back {@code pkg}. */
    public InstallResult install(Path pkg) throws FirmwarePackageException, IOException {
        SlotContent staged = slots.stage(pkg, verifier);
        HealthResult health;
        try {
            health = healthCheck.check(staged.dir(), staged.manifest());
        } catch (RuntimeException e) {
            LOG.warn("health check of {} threw", staged.manifest().summary(), e);
            health = HealthResult.unhealthy("the health check threw " + e);
        }
        if (health.healthy()) {
            SlotState state = slots.commitTrial(staged.slot());
            return new InstallResult(InstallResult.Outcome.COMMITTED, staged.slot(), staged.manifest(), health, state);
        }
        SlotState state = slots.rejectTrial(staged.slot(), "health check failed: " + health.detail());
        return new InstallResult(InstallResult.Outcome.ROLLED_BACK, staged.slot(), staged.manifest(), health, state);
    }
}
