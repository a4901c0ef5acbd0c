package org.openami.concentrator.launcher;

import java.util.List;

/**
 * What applying a configuration file changed in ConfigAdmin, by ConfigAdmin PID (factory
 * configurations as {@code factoryPid~name}).
 *
 * @param created configurations that did not exist
 * @param updated configurations whose properties changed
 * @param unchanged configurations already as in the file
 * @param deleted configurations the launcher had created from an earlier file and that are
 *        no longer in this one
 */
public record ApplyResult(List<String> created, List<String> updated, List<String> unchanged, List<String> deleted) {

    public ApplyResult {
        created = List.copyOf(created);
        updated = List.copyOf(updated);
        unchanged = List.copyOf(unchanged);
        deleted = List.copyOf(deleted);
    }

    /** True if ConfigAdmin was changed at all. */
    public boolean changedAnything() {
        return !created.isEmpty() || !updated.isEmpty() || !deleted.isEmpty();
    }

    /** One line, e.g. {@code 2 created, 0 updated, 1 unchanged, 0 deleted}. */
    public String summary() {
        return created.size() + " created, " + updated.size() + " updated, " + unchanged.size() + " unchanged, "
                + deleted.size() + " deleted";
    }
}
