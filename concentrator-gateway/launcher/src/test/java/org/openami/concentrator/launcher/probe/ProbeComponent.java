package org.openami.concentrator.launcher.probe;

import java.util.Map;

/**
 * Implementation class of the probe bundle's Declarative Services components (see
 * {@code ProbeBundle}): it does nothing but exist, so the tests can watch a component go
 * active once ConfigAdmin delivers its configuration. Uses only java.* so the probe bundle
 * needs no imports.
 */
public class ProbeComponent {

    /** Called by the component runtime with the component's properties. */
    public void activate(Map<String, Object> properties) {
        // nothing: the runtime's state is what the tests look at
    }
}
