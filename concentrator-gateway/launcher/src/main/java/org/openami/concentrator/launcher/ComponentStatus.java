package org.openami.concentrator.launcher;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * The state of one Declarative Services component configuration (or of a component that has
 * none yet), as the Service Component Runtime reports it.
 *
 * @param name the component name
 * @param bundle symbolic name of the declaring bundle
 * @param pid the configuration's PID ({@code service.pid}), null without configuration
 * @param state {@code active}, {@code satisfied}, {@code unsatisfied reference},
 *        {@code unsatisfied configuration}, {@code failed activation}, {@code waiting for configuration}
 *        (configuration policy require, none present) or {@code disabled}
 * @param unsatisfiedReferences names (and target filters) of references with no matching service
 * @param failure why activation failed, null otherwise
 */
public record ComponentStatus(String name, String bundle, String pid, String state,
        List<String> unsatisfiedReferences, String failure) {

    /** True for an active or satisfied component. */
    public boolean isUp() {
        return state.equals("active") || state.equals("satisfied");
    }

    /** Every component of every bundle, sorted by name. Does not block beyond the runtime's own locks. */
    public static List<ComponentStatus> read(ServiceComponentRuntime scr) {
        List<ComponentStatus> all = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            String bundle = d.bundle != null ? d.bundle.symbolicName : "?";
            if (!scr.isComponentEnabled(d)) {
                all.add(new ComponentStatus(d.name, bundle, null, "disabled", List.of(), null));
                continue;
            }
            var configurations = scr.getComponentConfigurationDTOs(d);
            if (configurations.isEmpty()) {
                String state = "require".equals(d.configurationPolicy) ? "waiting for configuration" : "not activated";
                all.add(new ComponentStatus(d.name, bundle, null, state, List.of(), null));
                continue;
            }
            for (ComponentConfigurationDTO c : configurations) {
                all.add(new ComponentStatus(d.name, bundle, pidOf(c.properties), stateName(c.state),
                        unsatisfied(c.unsatisfiedReferences), c.failure));
            }
        }
        all.sort(Comparator.comparing(ComponentStatus::name).thenComparing(s -> String.valueOf(s.pid())));
        return all;
    }

    private static String pidOf(Map<String, Object> properties) {
        Object pid = properties == null ? null : properties.get("service.pid");
        if (pid instanceof String[] pids) {
            return String.join(",", pids);
        }
        return pid == null ? null : pid.toString();
    }

    private static List<String> unsatisfied(UnsatisfiedReferenceDTO[] refs) {
        List<String> names = new ArrayList<>();
        if (refs != null) {
            for (UnsatisfiedReferenceDTO r : refs) {
                names.add(r.target == null ? r.name : r.name + " " + r.target);
            }
        }
        return names;
    }

    static String stateName(int state) {
        return switch (state) {
            case ComponentConfigurationDTO.ACTIVE -> "active";
            case ComponentConfigurationDTO.SATISFIED -> "satisfied";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "unsatisfied reference";
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "unsatisfied configuration";
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "failed activation";
            default -> "state " + state;
        };
    }

    /** One line, e.g. {@code rs485 (pid x~y): unsatisfied reference, missing clock}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(name);
        if (pid != null && !pid.equals(name)) {
            sb.append(" (pid ").append(pid).append(')');
        }
        sb.append(": ").append(state);
        if (!unsatisfiedReferences.isEmpty()) {
            sb.append(", missing ").append(String.join(", ", unsatisfiedReferences));
        }
        if (failure != null && !failure.isBlank()) {
            sb.append(", ").append(failure.strip().lines().findFirst().orElse(""));
        }
        return sb.toString();
    }
}
