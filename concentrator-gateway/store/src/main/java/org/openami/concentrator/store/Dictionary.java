package org.openami.concentrator.store;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.mvstore.MVMap;

/**
 * Small integer codes for the strings that repeat in every entry: enum constant names (reading
 * kind, quantity, event type) and meter addresses. Codes are assigned on first use, stored in the
 * file and never change or get reused, so entries keep their meaning when the model's enums gain,
 * lose or reorder constants (a name the model no longer has makes the entry undecodable instead
 * of silently wrong). Entries are never removed: the dictionary grows with the number of distinct
 * meters the store has ever seen.
 *
 * <p>Threads: {@link #codeOf} and the commit/rollback hooks are called by the store's single
 * writer; {@link #find} and {@link #nameOf} may be called from any thread.
 */
final class Dictionary {

    /** Which set of names a code belongs to. The prefix is part of the file format. */
    enum Namespace {
        KIND("k:"), QUANTITY("q:"), EVENT_TYPE("e:"), METER("m:");

        final String prefix;

        Namespace(String prefix) {
            this.prefix = prefix;
        }
    }

    private final MVMap<String, Long> map;
    private final Map<Namespace, Map<String, Integer>> codes = new EnumMap<>(Namespace.class);
    private final Map<Namespace, Map<Integer, String>> names = new EnumMap<>(Namespace.class);
    private final Map<Namespace, Integer> next = new EnumMap<>(Namespace.class);
    private final List<Object[]> uncommitted = new ArrayList<>();

    Dictionary(MVMap<String, Long> map) {
        this.map = map;
        for (Namespace ns : Namespace.values()) {
            codes.put(ns, new ConcurrentHashMap<>());
            names.put(ns, new ConcurrentHashMap<>());
            next.put(ns, 0);
        }
        for (Map.Entry<String, Long> e : map.entrySet()) {
            for (Namespace ns : Namespace.values()) {
                if (e.getKey().startsWith(ns.prefix)) {
                    int code = (int) (long) e.getValue();
                    String name = e.getKey().substring(ns.prefix.length());
                    codes.get(ns).put(name, code);
                    names.get(ns).put(code, name);
                    next.put(ns, Math.max(next.get(ns), code + 1));
                }
            }
        }
    }

    /** The code of {@code name}, assigned (and written to the map, uncommitted) if new. Writer only. */
    int codeOf(Namespace ns, String name) {
        Integer code = codes.get(ns).get(name);
        if (code != null) {
            return code;
        }
        int assigned = next.get(ns);
        next.put(ns, assigned + 1);
        map.put(ns.prefix + name, (long) assigned);
        names.get(ns).put(assigned, name);
        codes.get(ns).put(name, assigned);
        uncommitted.add(new Object[] {ns, name, assigned});
        return assigned;
    }

    /** The code of {@code name}, or -1 if it was never stored. Any thread; never writes. */
    int find(Namespace ns, String name) {
        Integer code = codes.get(ns).get(name);
        return code == null ? -1 : code;
    }

    /** The name of {@code code}, or null if the code is unknown. Any thread. */
    String nameOf(Namespace ns, int code) {
        return names.get(ns).get(code);
    }

    /** The codes assigned since the last commit are now in the file. */
    void committed() {
        uncommitted.clear();
    }

    /** The MVStore was rolled back: forget the codes assigned since the last commit. */
    void rolledBack() {
        for (int i = uncommitted.size() - 1; i >= 0; i--) {
            Object[] u = uncommitted.get(i);
            Namespace ns = (Namespace) u[0];
            codes.get(ns).remove((String) u[1]);
            names.get(ns).remove((Integer) u[2]);
            next.put(ns, (Integer) u[2]);
        }
        uncommitted.clear();
    }
}
