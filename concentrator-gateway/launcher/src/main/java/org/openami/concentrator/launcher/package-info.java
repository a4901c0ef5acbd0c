/**
 * The embedded launcher: runs the concentrator's bundles in an embedded Equinox without
 * Eclipse Kura. {@link org.openami.concentrator.launcher.EmbeddedFramework} boots the
 * framework and brings a bundle set up; {@link org.openami.concentrator.launcher.ConfigFile}
 * reads the gateway's JSON configuration file, {@link org.openami.concentrator.launcher.MetatypeReport}
 * and {@link org.openami.concentrator.launcher.ConfigValidator} check it against the bundles'
 * Metatype, {@link org.openami.concentrator.launcher.ConfigApplier} writes it into ConfigAdmin;
 * {@link org.openami.concentrator.launcher.ConcentratorCommand} is the {@code ./ami concentrator} CLI.
 *
 * <p>This is an application that runs outside OSGi, not a bundle.
 */
package org.openami.concentrator.launcher;
