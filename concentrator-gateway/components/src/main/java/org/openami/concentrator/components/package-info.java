/**
 * The concentrator's OSGi components: what Kura's configuration UI (or the standalone
 * launcher's configuration file) shows and sets. Each is a Declarative Services component
 * configured through ConfigAdmin and described by Metatype; bnd generates the XML from the
 * annotations. Internal: other bundles use the services' interfaces, not these classes.
 */
package org.openami.concentrator.components;
