/**
 * Signed meter firmware packages ({@code .fwpkg}): the format, building and verifying them.
 *
 * <p>A package is a zip holding {@code manifest.properties} (canonical UTF-8 text: product,
 * version, build time, main class, health-check arguments, key id, and the size and SHA-256 of
 * every payload file), {@code manifest.sig} (Ed25519 over the exact manifest bytes) and the
 * payload under {@code app/}.
 * <ul>
 *   <li>{@link org.openami.meter.update.FirmwarePackager} builds deterministic packages from a
 *       {@link org.openami.meter.update.PackageInput} and a signing key.</li>
 *   <li>{@link org.openami.meter.update.FirmwareVerifier} checks untrusted packages and
 *       optionally unpacks them, giving a {@link org.openami.meter.update.VerifiedPackage} or a
 *       {@link org.openami.meter.update.FirmwarePackageException} with a
 *       {@link org.openami.meter.update.FirmwarePackageException.Reason}.</li>
 *   <li>{@link org.openami.meter.update.FirmwareManifest},
 *       {@link org.openami.meter.update.FirmwareVersion} and
 *       {@link org.openami.meter.update.PayloadFile} are the immutable values.</li>
 * </ul>
 * Keys live in {@link org.openami.meter.update.keys}, A/B installation in
 * {@link org.openami.meter.update.slots}, the command line in
 * {@link org.openami.meter.update.cli}. Nothing here reads a clock.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.meter.update;
