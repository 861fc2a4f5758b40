package dev.rigger.engine.expr;

import dev.rigger.engine.expr.eval.Py;
import dev.rigger.engine.expr.syntax.Node;
import dev.rigger.engine.expr.syntax.SyntaxError;
import dev.rigger.engine.expr.syntax.TemplateParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code ast.literal_eval} as Ansible applies it to a rendered value that looks like a
 * list, a dict or a bool (with JSON's true/false/null read too): strings, numbers, True/False/None,
 * lists, tuples (as lists) and dicts; anything else leaves the text as it is.
 */
final class LiteralEval {
    private LiteralEval() {}

    /** The literal's value, or {@code text} itself when it is not one literal. */
    static Object orText(String text) {
        Node tree;
        try {
            tree = TemplateParser.expression(text.strip());
            return value(tree);
        } catch (SyntaxError | IllegalArgumentException e) {
            return text;
        }
    }

    private static Object value(Node n) {
        if (n instanceof Node.Literal l) return l.value();
        if (n instanceof Node.Name nm) {
            return switch (nm.name()) {
                case "null" -> null;
                default -> throw new IllegalArgumentException();
            };
        }
        if (n instanceof Node.Unary u && !u.op().equals("not")) {
            Object v = value(u.operand());
            if (!(v instanceof Long || v instanceof Double)) throw new IllegalArgumentException();
            if (u.op().equals("+")) return v;
            return v instanceof Long l ? (Object) (-l) : (Object) (-(Double) v);
        }
        if (n instanceof Node.ListLit l) {
            List<Object> out = new ArrayList<>();
            for (Node item : l.items()) out.add(value(item));
            return out;
        }
        if (n instanceof Node.DictLit d) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (int k = 0; k < d.keys().size(); k++) {
                Object key = value(d.keys().get(k));
                if (key instanceof List<?> || key instanceof Map<?, ?>) throw new IllegalArgumentException();
                out.put(Py.norm(key), value(d.values().get(k)));
            }
            return out;
        }
        throw new IllegalArgumentException();
    }
}
