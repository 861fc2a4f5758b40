package dev.rigger.engine.expr;

import dev.rigger.engine.expr.eval.Py;
import dev.rigger.engine.expr.syntax.Node;

/**
 * Source text of a simple expression tree (literals, names, attribute and index reads), for a
 * {@link HostvarsRef}'s index that the compiler evaluates again with what is known before the
 * run. Anything else gives "": the index then depends on run-time values.
 */
final class Unparse {
    private Unparse() {}

    static String of(Node n) {
        if (n instanceof Node.Literal l) return Py.repr(l.value());
        if (n instanceof Node.Name nm) return nm.name();
        if (n instanceof Node.Getattr g) {
            String obj = of(g.obj());
            return obj.isEmpty() ? "" : obj + "." + g.attr();
        }
        if (n instanceof Node.Getitem g) {
            String obj = of(g.obj());
            String key = of(g.key());
            return obj.isEmpty() || key.isEmpty() ? "" : obj + "[" + key + "]";
        }
        return "";
    }
}
