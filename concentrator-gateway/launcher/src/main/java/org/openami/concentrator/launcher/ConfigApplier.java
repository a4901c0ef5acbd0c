package org.openami.concentrator.launcher;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Pushes the configurations of a (checked) configuration file into ConfigAdmin, so that the
 * file is the state: re-applying the same file changes nothing, and a configuration the
 * launcher created from an earlier file but which is no longer in the file is deleted.
 *
 * <p>Singleton configurations are {@code getConfiguration(pid, "?")}, factory configurations
 * {@code getFactoryConfiguration(factoryPid, name, "?")} (so the same name finds the same
 * configuration again); both are written with {@code updateIfDifferent}, which leaves an
 * identical configuration untouched (no component is re-configured). Every configuration
 * written carries {@value #MANAGED_PROPERTY}{@code =true}; only configurations with that mark
 * are ever deleted, so configurations made by other means (Kura's UI, another tool) are left
 * alone unless the file names them.
 *
 * <p>The location {@code "?"} lets whichever bundle declares the PID receive it.
 *
 * <p>Blocks on ConfigAdmin's persistence; not thread-safe (apply one file at a time).
 */
public final class ConfigApplier {

    /** Marks configurations written by the launcher. */
    public static final String MANAGED_PROPERTY = "openami.launcher.managed";

    private final ConfigurationAdmin admin;

    public ConfigApplier(ConfigurationAdmin admin) {
        this.admin = admin;
    }

    /**
     * Applies the entries (values as they should be stored: run them through the Metatype
     * check first) and deletes managed configurations that are not among them.
     *
     * @throws IOException if ConfigAdmin cannot persist a change; configurations already
     *         written stay written
     */
    public ApplyResult apply(List<ConfigEntry> entries) throws IOException {
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        Set<String> applied = new HashSet<>();

        for (ConfigEntry entry : entries) {
            Configuration c = entry.isFactory()
                    ? admin.getFactoryConfiguration(entry.factoryPid(), entry.name(), "?")
                    : admin.getConfiguration(entry.pid(), "?");
            boolean isNew = c.getProperties() == null;
            boolean changed = c.updateIfDifferent(dictionary(entry.properties()));
            applied.add(c.getPid());
            if (isNew) {
                created.add(c.getPid());
            } else if (changed) {
                updated.add(c.getPid());
            } else {
                unchanged.add(c.getPid());
            }
        }

        for (Configuration c : managed()) {
            if (!applied.contains(c.getPid())) {
                String pid = c.getPid();
                c.delete();
                deleted.add(pid);
            }
        }
        return new ApplyResult(created, updated, unchanged, deleted);
    }

    /** Every configuration carrying the launcher's mark. */
    public List<Configuration> managed() throws IOException {
        Configuration[] found;
        try {
            found = admin.listConfigurations("(" + MANAGED_PROPERTY + "=true)");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return found == null ? List.of() : List.of(found);
    }

    private static Dictionary<String, Object> dictionary(Map<String, Object> properties) {
        Hashtable<String, Object> d = new Hashtable<>(properties);
        d.put(MANAGED_PROPERTY, Boolean.TRUE);
        return d;
    }
}
