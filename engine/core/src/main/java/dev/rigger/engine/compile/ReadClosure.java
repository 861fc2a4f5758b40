package dev.rigger.engine.compile;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.expr.HostvarsRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which variables the run can read: the names its tasks, handlers, facts and rules read, and
 * then the names their values read, to the end. Inventory and vars-file values whose templates do
 * not compile are {@link DeferredError}s; the ones in this closure are reported now, at load,
 * with their own location, and the others never matter (Ansible never templates them).
 */
final class ReadClosure {
    private ReadClosure() {}

    /** @return every name the run can read: what its users read and, to the end, what those names' values read */
    static Set<String> reportDeferred(List<Set<String>> readsByUser, List<Map<String, Object>> varSources, Diagnostics diags) {
        Deque<String> work = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        for (Set<String> r : readsByUser) for (String n : r) if (seen.add(n)) work.add(n);
        Set<DeferredError> reported = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!work.isEmpty()) {
            String name = work.poll();
            for (Map<String, Object> source : varSources) {
                if (!source.containsKey(name)) continue;
                Object tree = source.get(name);
                List<DeferredError> broken = new ArrayList<>();
                collect(tree, broken);
                for (DeferredError e : broken) {
                    if (reported.add(e)) diags.error(e.location(), e.diagnostic().message() + " (in the value of '" + name + "')");
                }
                Set<String> names = new HashSet<>();
                List<HostvarsRef> refs = new ArrayList<>();
                ValueTree.reads(tree, names, refs);
                for (HostvarsRef ref : refs) if (ref.attribute() != null) names.add(ref.attribute());
                for (String n : names) if (seen.add(n)) work.add(n);
            }
        }
        return seen;
    }

    private static void collect(Object tree, List<DeferredError> out) {
        if (tree instanceof DeferredError e) out.add(e);
        else if (tree instanceof Map<?, ?> m) m.values().forEach(v -> collect(v, out));
        else if (tree instanceof List<?> l) l.forEach(v -> collect(v, out));
    }
}
