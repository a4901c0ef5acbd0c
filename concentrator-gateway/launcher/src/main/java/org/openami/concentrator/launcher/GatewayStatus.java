package org.openami.concentrator.launcher;

import java.io.PrintWriter;
import java.util.List;
import org.osgi.framework.Bundle;

/**
 * A short status of the running gateway: how many bundles are active and the state of every
 * Declarative Services component, with the references each unsatisfied one lacks.
 *
 * @param bundles every installed bundle except the system bundle
 * @param components every component configuration
 */
public record GatewayStatus(List<Bundle> bundles, List<ComponentStatus> components) {

    /** Bundles in the ACTIVE state. */
    public long activeBundles() {
        return bundles.stream().filter(b -> b.getState() == Bundle.ACTIVE).count();
    }

    /** Bundles not ACTIVE; fragments are RESOLVED and not counted. */
    public List<Bundle> inactiveBundles() {
        return bundles.stream().filter(b -> b.getState() != Bundle.ACTIVE && !EmbeddedFramework.isFragment(b)).toList();
    }

    /** Components active or satisfied. */
    public long componentsUp() {
        return components.stream().filter(ComponentStatus::isUp).count();
    }

    /** One line: bundle and component counts. */
    public String summary() {
        return "bundles: " + activeBundles() + "/" + bundles.size() + " active; components: " + componentsUp() + "/"
                + components.size() + " up";
    }

    /**
     * The summary, then one line per bundle not active and per component (all of them when
     * {@code everyComponent}, otherwise only those not up).
     */
    public void print(PrintWriter out, boolean everyComponent) {
        out.println(summary());
        for (Bundle b : inactiveBundles()) {
            out.println("  bundle " + b.getSymbolicName() + " " + b.getVersion() + ": " + stateName(b.getState()));
        }
        for (ComponentStatus c : components) {
            if (everyComponent || !c.isUp()) {
                out.println("  component " + c.describe());
            }
        }
        out.flush();
    }

    private static String stateName(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "installed (not resolved)";
            case Bundle.RESOLVED -> "resolved (not started)";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            case Bundle.UNINSTALLED -> "uninstalled";
            default -> "state " + state;
        };
    }
}
