/**
 * The {@code firmware} picocli command ({@link org.openami.meter.update.cli.FirmwareCommand})
 * with the subcommands {@code keygen}, {@code pack}, {@code verify}, {@code install},
 * {@code status} and {@code rollback}; usable stand-alone or as a subcommand of the meter's
 * own command line.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.meter.update.cli;
