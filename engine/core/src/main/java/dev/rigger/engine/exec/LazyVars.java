package dev.rigger.engine.exec;

import dev.rigger.engine.compile.ValueTree;
import dev.rigger.engine.expr.ExpressionException;
import dev.rigger.engine.diag.Location;
import dev.rigger.engine.expr.Template;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A task's variables, merged by precedence first and templated on first read, as Ansible does:
 * a value nobody reads is never rendered (a group_vars file full of expressions for other
 * playbooks costs nothing and cannot fail this one), a value is rendered against the whole
 * merged set, and a value that reads itself is an error instead of a stack overflow.
 * One per task scope, used by one thread.
 */
final class LazyVars extends AbstractMap<String, Object> {
    private final Map<String, Object> trees;
    private final Map<String, Object> resolved = new HashMap<>();
    private final Set<String> resolving = new HashSet<>();

    LazyVars(Map<String, Object> trees) {
        this.trees = trees;
    }

    /** The same variables with {@code extra} on top (a loop item, a registered result). */
    LazyVars with(Map<String, Object> extra) {
        Map<String, Object> merged = new HashMap<>(trees);
        merged.putAll(extra);
        LazyVars out = new LazyVars(merged);
        resolved.forEach((k, v) -> { if (!extra.containsKey(k)) out.resolved.put(k, v); });
        if (merged.get("vars") == this) merged.put("vars", out);
        return out;
    }

    @Override
    public boolean containsKey(Object key) {
        return trees.containsKey(key);
    }

    @Override
    public Object get(Object key) {
        if (resolved.containsKey(key)) return resolved.get(key);
        if (!(key instanceof String name) || !trees.containsKey(name)) return null;
        Object tree = trees.get(name);
        if (!mayHoldTemplates(tree) || !ValueTree.isTemplated(tree)) return tree;
        if (!resolving.add(name)) {
            throw new ExpressionException(Location.NONE, "recursive loop detected in the value of '" + name + "'");
        }
        try {
            Object value = ValueTree.render(tree, this);
            resolved.put(name, value);
            return value;
        } finally {
            resolving.remove(name);
        }
    }

    /**
     * Templates live in compiled values (a Template, or the LinkedHashMap/ArrayList trees the
     * compiler makes); live views such as hostvars or vars are never walked looking for them.
     */
    private static boolean mayHoldTemplates(Object tree) {
        return tree instanceof Template || tree instanceof java.util.LinkedHashMap<?, ?> || tree instanceof java.util.ArrayList<?>;
    }

    @Override
    public Object put(String key, Object value) {
        resolved.remove(key);
        return trees.put(key, value);
    }

    /** The names, without rendering any value. */
    @Override
    public Set<String> keySet() {
        return java.util.Collections.unmodifiableSet(trees.keySet());
    }

    /** Iterating the entries renders everything: only for the rare caller that lists every value. */
    @Override
    public Set<Entry<String, Object>> entrySet() {
        Set<Entry<String, Object>> out = new LinkedHashSet<>();
        for (String k : trees.keySet()) out.add(new SimpleImmutableEntry<>(k, get(k)));
        return out;
    }
}
