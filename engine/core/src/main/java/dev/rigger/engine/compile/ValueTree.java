package dev.rigger.engine.compile;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import dev.rigger.engine.diag.SourceMap;
import dev.rigger.engine.expr.ExpressionCompiler;
import dev.rigger.engine.expr.HostvarsRef;
import dev.rigger.engine.expr.Template;
import dev.rigger.engine.expr.syntax.TemplateParser;
import dev.rigger.engine.yaml.YNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A value as written (Map, List, scalar) whose strings with {@code {{ }}} are compiled
 * {@link Template}s. Compiled once at load time, rendered per host and item at run time.
 */
public final class ValueTree {
    private ValueTree() { }

    /**
     * A mapping whose keys are rendered too, as set_fact's are in Ansible (its action renders
     * each key per host): each entry a key tree (a template or a text) and a value tree; rendered
     * into a plain mapping, in order.
     */
    public record KeyedMap(List<Map.Entry<Object, Object>> entries) {
        public KeyedMap {
            entries = List.copyOf(entries);
        }
    }

    /** Compiles a YAML node, keeping each string's own location. */
    public static Object compile(YNode node, ExpressionCompiler ec, Diagnostics diags) {
        if (node == null) return null;
        if (node instanceof YNode.Mapping m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.entries().forEach((k, e) -> out.put(k, compile(e.value(), ec, diags)));
            return out;
        }
        if (node instanceof YNode.Seq s) {
            List<Object> out = new ArrayList<>();
            for (YNode n : s.items()) out.add(compile(n, ec, diags));
            return out;
        }
        Object v = ((YNode.Scalar) node).value();
        return v instanceof String str ? string(str, node.location(), ec, diags) : v;
    }

    /** Compiles a plain value (vars from inventories and vars files). */
    public static Object compile(Object plain, Location at, ExpressionCompiler ec, Diagnostics diags) {
        return compile(plain, at, ec, diags, false);
    }

    /**
     * Compiles an inventory or extra variable: a template that does not compile becomes a
     * {@link DeferredError}, reported only if a task reads it (Ansible templates them lazily).
     */
    public static Object compileDeferringErrors(Object plain, Location at, ExpressionCompiler ec) {
        return compile(plain, at, ec, null, true);
    }

    private static Object compile(Object plain, Location at, ExpressionCompiler ec, Diagnostics diags, boolean defer) {
        if (plain instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), compile(v, at, ec, diags, defer)));
            return out;
        }
        if (plain instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l) out.add(compile(o, at, ec, diags, defer));
            return out;
        }
        if (!(plain instanceof String s)) return plain;
        Location where = SourceMap.of(s, at);
        if (!defer) return string(s, where, ec, diags);
        if (!TemplateParser.isPossiblyTemplate(s)) return s;
        Diagnostics own = new Diagnostics();
        Object compiled = string(s, where, ec, own);
        return own.hasErrors() ? new DeferredError(s, own.list().get(0)) : compiled;
    }

    private static Object string(String s, Location at, ExpressionCompiler ec, Diagnostics diags) {
        if (!TemplateParser.isPossiblyTemplate(s)) return s;
        return ec.template(s, at, diags).<Object>map(t -> t).orElse(s);
    }

    /** Renders every template against {@code scope}. */
    public static Object render(Object tree, Map<String, Object> scope) {
        if (tree instanceof Template t) return t.render(scope);
        if (tree instanceof KeyedMap k) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<Object, Object> e : k.entries()) out.put(keyText(render(e.getKey(), scope)), render(e.getValue(), scope));
            return out;
        }
        if (tree instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), render(v, scope)));
            return out;
        }
        if (tree instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l) out.add(render(o, scope));
            return out;
        }
        return tree;
    }

    public static boolean isTemplated(Object tree) {
        if (tree instanceof Template t) return !t.isConstant();
        if (tree instanceof KeyedMap) return true;
        if (tree instanceof Map<?, ?> m) return m.values().stream().anyMatch(ValueTree::isTemplated);
        if (tree instanceof List<?> l) return l.stream().anyMatch(ValueTree::isTemplated);
        return false;
    }

    /** Adds every root name and hostvars read of the tree's templates to the given sets. */
    public static void reads(Object tree, Set<String> names, List<HostvarsRef> hostvars) {
        if (tree instanceof Template t) {
            names.addAll(t.rootNames());
            hostvars.addAll(t.hostvarsRefs());
        } else if (tree instanceof KeyedMap k) {
            k.entries().forEach(e -> {
                reads(e.getKey(), names, hostvars);
                reads(e.getValue(), names, hostvars);
            });
        } else if (tree instanceof Map<?, ?> m) {
            m.values().forEach(v -> reads(v, names, hostvars));
        } else if (tree instanceof List<?> l) {
            l.forEach(v -> reads(v, names, hostvars));
        }
    }

    /** A rendered key as Python's str() writes it (None, True, 3). */
    private static String keyText(Object v) {
        if (v == null) return "None";
        if (v instanceof Boolean b) return b ? "True" : "False";
        return String.valueOf(v);
    }
}
