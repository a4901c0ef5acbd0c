package org.openami.meter.update.slots;

import java.nio.file.Path;
import org.openami.meter.update.FirmwareManifest;

/**
 * Decides whether freshly unpacked firmware works before it is committed. Called by
 * {@link FirmwareInstaller} without any lock held, on the installing thread; it may block
 * (for a bounded time). It should report failures as an unhealthy result; a
 * {@link RuntimeException} is treated as unhealthy too.
 */
@FunctionalInterface
public interface HealthCheck {

    /**
     * @param slotDir the slot directory ({@code app/} holds the payload)
     * @param manifest the verified manifest of the firmware in the slot
     * @return whether the firmware is healthy, with a one-line explanation
     */
    HealthResult check(Path slotDir, FirmwareManifest manifest);
}
