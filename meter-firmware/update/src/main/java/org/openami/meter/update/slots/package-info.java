/**
 * A/B installation of verified firmware with a start-up health check and rollback.
 * <ul>
 *   <li>{@link org.openami.meter.update.slots.FirmwareSlots} owns an install directory
 *       ({@code slot-a/}, {@code slot-b/}, {@code state.properties}) and its state machine:
 *       stage a package as TRIAL, commit, reject, boot selection with limited trial boots,
 *       manual rollback, anti-rollback by version.</li>
 *   <li>{@link org.openami.meter.update.slots.FirmwareInstaller} runs a whole install: stage,
 *       {@link org.openami.meter.update.slots.HealthCheck}, commit or roll back, giving an
 *       {@link org.openami.meter.update.slots.InstallResult}.</li>
 *   <li>{@link org.openami.meter.update.slots.ProcessHealthCheck} is the real check: it starts
 *       the new firmware's main class with its health-check arguments in a child JVM.</li>
 *   <li>{@link org.openami.meter.update.slots.SlotState} and its parts are the immutable,
 *       persisted state.</li>
 * </ul>
 * All timestamps come from an injected {@link java.time.Clock}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.meter.update.slots;
