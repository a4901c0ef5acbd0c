package org.eclipse.kura.configuration;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Compile-time stand-in for Eclipse Kura's marker interface of the same name (Kura's API
 * bundle {@code org.eclipse.kura.api} exports it; its jars are not on Maven Central).
 *
 * <p>Kura's configuration service lists a Declarative Services component in its web UI, and
 * hands it the configuration stored for its PID, when the component's service implements
 * this interface and the bundle carries Metatype for the PID. The interface has no methods:
 * implementing it changes no behaviour. Components depend on this module with scope
 * {@code provided}; at run time on Kura the real interface is wired in.
 */
@ConsumerType
public interface ConfigurableComponent {
}
