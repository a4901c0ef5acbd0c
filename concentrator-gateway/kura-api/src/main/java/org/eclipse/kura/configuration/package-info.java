/**
 * The part of Eclipse Kura's configuration API the concentrator compiles against: only the
 * empty {@link org.eclipse.kura.configuration.ConfigurableComponent} marker. Exported at the
 * version Kura 5.x exports this package with (1.2.0), so importers get the range [1.2,2).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.eclipse.kura.configuration;
