package dev.rigger.engine.expr.eval;

import dev.rigger.engine.expr.lib.Args;
import dev.rigger.engine.expr.lib.Context;
import dev.rigger.engine.expr.lib.Filter;
import dev.rigger.engine.expr.lib.Function;
import dev.rigger.engine.expr.lib.Library;
import dev.rigger.engine.expr.lib.Test;
import dev.rigger.engine.expr.syntax.Node;
import dev.rigger.engine.expr.syntax.Stmt;
import dev.rigger.engine.expr.syntax.SyntaxError;
import dev.rigger.engine.expr.syntax.TemplateParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks a checked tree and computes its value, with Python's semantics for the value model in
 * {@link Py}. One evaluator serves one evaluation: it holds that evaluation's {@link Budget}.
 * Everything an expression can do is a case of the switches below, a filter, test or function
 * of the {@link Library}, or a method of its allow-list: no value is ever asked for a member by
 * name through Java, so there is nothing to escape to.
 */
public final class Evaluator implements Context {
    /** Filter and test names may be written with these collection prefixes. */
    private static final String[] BUILTIN_PREFIXES = {"ansible.builtin.", "ansible.legacy."};

    private final Library lib;
    private final Budget budget;
    private final Scope root;
    private final Path baseDir;
    private final boolean pipeAllowed;
    private final List<Path> searchPath;

    public Evaluator(Library lib, Budget budget, Map<String, Object> vars, Path baseDir, boolean pipeAllowed) {
        this(lib, budget, vars, baseDir, pipeAllowed, List.of());
    }

    public Evaluator(Library lib, Budget budget, Map<String, Object> vars, Path baseDir, boolean pipeAllowed, List<Path> searchPath) {
        this.searchPath = List.copyOf(searchPath);
        this.lib = lib;
        this.budget = budget;
        this.root = Scope.of(vars);
        this.baseDir = baseDir;
        this.pipeAllowed = pipeAllowed;
    }

    public Scope root() {
        return root;
    }

    /** A filter or test name without its {@code ansible.builtin.} prefix. */
    public static String shortName(String name) {
        for (String prefix : BUILTIN_PREFIXES) if (name.startsWith(prefix)) return name.substring(prefix.length());
        return name;
    }

    // ---- expressions ----

    public Object eval(Node n, Scope s) {
        try {
            return evalNode(n, s);
        } catch (EvalException e) {
            throw e.at(n.offset());
        }
    }

    private Object evalNode(Node n, Scope s) {
        if (n instanceof Node.Literal l) return l.value();
        if (n instanceof Node.Name nm) return read(s.lookup(nm.name()), nm.name());
        if (n instanceof Node.Getattr g) return getattr(eval(g.obj(), s), g.attr());
        if (n instanceof Node.Getitem g) return getitem(eval(g.obj(), s), eval(g.key(), s));
        if (n instanceof Node.Filter f) return filter(f, s);
        if (n instanceof Node.Compare c) return compare(c, s);
        if (n instanceof Node.Binary b) return binary(b, s);
        if (n instanceof Node.Test t) return test(t, s);
        if (n instanceof Node.Call c) return call(c, s);
        if (n instanceof Node.Unary u) {
            return switch (u.op()) {
                case "not" -> !Py.truthy(eval(u.operand(), s));
                case "-" -> Operators.negate(eval(u.operand(), s));
                default -> Operators.plus(eval(u.operand(), s));
            };
        }
        if (n instanceof Node.Cond c) {
            if (Py.truthy(eval(c.test(), s))) return eval(c.then(), s);
            return c.otherwise() == null
                    ? new Undefined("the inline if-expression evaluated to false and no else section was defined", true)
                    : eval(c.otherwise(), s);
        }
        if (n instanceof Node.Slice sl) {
            return slice(eval(sl.obj(), s), optional(sl.start(), s), optional(sl.stop(), s), optional(sl.step(), s));
        }
        if (n instanceof Node.ListLit l) {
            budget.charge(l.items().size());
            List<Object> out = new ArrayList<>(l.items().size());
            for (Node item : l.items()) out.add(defined(eval(item, s)));
            return out;
        }
        Node.DictLit d = (Node.DictLit) n;
        budget.charge(d.keys().size());
        Map<Object, Object> out = new LinkedHashMap<>();
        for (int k = 0; k < d.keys().size(); k++) {
            Object key = Py.norm(defined(eval(d.keys().get(k), s)));
            if (key instanceof List<?> || key instanceof Map<?, ?>) {
                throw new EvalException("unhashable type: '" + Py.typeName(key) + "'");
            }
            out.put(key, defined(eval(d.values().get(k), s)));
        }
        return out;
    }

    private Object optional(Node n, Scope s) {
        return n == null ? null : eval(n, s);
    }

    private static Object defined(Object v) {
        if (v instanceof Undefined u) throw u.fail();
        return v;
    }

    /** A value read from the scope or out of another value: opaque values stop the evaluation here. */
    private static Object read(Object v, String name) {
        if (v == Scope.MISSING) return Undefined.name(name);
        if (v instanceof Opaque o) throw o.onRead();
        return v;
    }

    private Object getattr(Object obj, String attr) {
        if (obj instanceof Undefined) return obj;
        if (obj instanceof Map<?, ?> m) {
            Object v = Py.getKey(m, attr, Scope.MISSING);
            if (v != Scope.MISSING) return read(v, attr);
        }
        return Undefined.attribute(obj, attr);
    }

    private Object getitem(Object obj, Object key) {
        if (obj instanceof Undefined) return obj;
        if (key instanceof Undefined u) throw u.fail();
        if (obj instanceof Map<?, ?> m) {
            Object v = Py.getKey(m, key, Scope.MISSING);
            if (v != Scope.MISSING) return read(v, Py.str(key));
            return Undefined.attribute(obj, key);
        }
        if ((obj instanceof List<?> || obj instanceof String) && Py.isInt(key) && !(key instanceof Boolean)) {
            int size = obj instanceof List<?> l ? l.size() : ((String) obj).length();
            long k = Py.toLong(key);
            if (k < 0) k += size;
            if (k < 0 || k >= size) return new Undefined(Py.typeName(obj) + " object has no element " + Py.str(key));
            return obj instanceof List<?> l ? read(l.get((int) k), Py.str(key)) : String.valueOf(((String) obj).charAt((int) k));
        }
        if (obj instanceof String || obj instanceof List<?>) {
            if (key instanceof String) return Undefined.attribute(obj, key);
            throw new EvalException(Py.typeName(obj) + " indices must be integers or slices, not " + Py.typeName(key));
        }
        if (obj == null) return new Undefined("'None' has no attribute '" + Py.str(key) + "'");
        return Undefined.attribute(obj, key);
    }

    private Object slice(Object obj, Object start, Object stop, Object step) {
        defined(obj);
        long stepV = step == null ? 1 : Py.toLong(defined(step));
        if (stepV == 0) throw new EvalException("slice step cannot be zero");
        int size;
        if (obj instanceof List<?> l) size = l.size();
        else if (obj instanceof String str) size = str.length();
        else throw new EvalException("'" + Py.typeName(obj) + "' object is not subscriptable");
        long lo;
        long hi;
        if (stepV > 0) {
            lo = start == null ? 0 : clamp(Py.toLong(defined(start)), size, 0, size);
            hi = stop == null ? size : clamp(Py.toLong(defined(stop)), size, 0, size);
        } else {
            lo = start == null ? size - 1 : clamp(Py.toLong(defined(start)), size, -1, size - 1);
            hi = stop == null ? -1 : clamp(Py.toLong(defined(stop)), size, -1, size - 1);
        }
        List<Object> items = new ArrayList<>();
        StringBuilder chars = new StringBuilder();
        for (long k = lo; stepV > 0 ? k < hi : k > hi; k += stepV) {
            budget.charge(1);
            if (obj instanceof List<?> l) items.add(l.get((int) k));
            else chars.append(((String) obj).charAt((int) k));
        }
        return obj instanceof String ? chars.toString() : items;
    }

    private static long clamp(long index, int size, long min, long max) {
        if (index < 0) index += size;
        return Math.max(min, Math.min(max, index));
    }

    private Object binary(Node.Binary b, Scope s) {
        switch (b.op()) {
            case "and" -> {
                Object left = eval(b.left(), s);
                return Py.truthy(left) ? eval(b.right(), s) : left;
            }
            case "or" -> {
                Object left = eval(b.left(), s);
                return Py.truthy(left) ? left : eval(b.right(), s);
            }
            default -> {
                Object left = eval(b.left(), s);
                Object right = eval(b.right(), s);
                return Operators.binary(b.op(), left, right, this);
            }
        }
    }

    private Object compare(Node.Compare c, Scope s) {
        Object left = eval(c.first(), s);
        for (int k = 0; k < c.ops().size(); k++) {
            Object right = eval(c.rest().get(k), s);
            String op = c.ops().get(k);
            boolean ok = switch (op) {
                case "==" -> Py.eq(defined(left), defined(right));
                case "!=" -> !Py.eq(defined(left), defined(right));
                case "in" -> Py.contains(right, left);
                case "notin" -> !Py.contains(right, left);
                default -> {
                    int cmp = Py.compare(defined(left), defined(right));
                    yield switch (op) {
                        case "<" -> cmp < 0;
                        case "<=" -> cmp <= 0;
                        case ">" -> cmp > 0;
                        default -> cmp >= 0;
                    };
                }
            };
            if (!ok) return false;
            left = right;
        }
        return true;
    }

    private Args args(List<Node> positional, Map<String, Node> named, Scope s) {
        if (positional.isEmpty() && named.isEmpty()) return Args.NONE;
        List<Object> values = new ArrayList<>(positional.size());
        for (Node n : positional) values.add(eval(n, s));
        Map<String, Object> kw = new LinkedHashMap<>();
        named.forEach((k, v) -> kw.put(k, eval(v, s)));
        return new Args(values, kw);
    }

    private Object filter(Node.Filter f, Scope s) {
        String name = shortName(f.name());
        Filter impl = lib.filter(name);
        if (impl == null) throw new EvalException("no filter named '" + f.name() + "'");
        Object input = eval(f.input(), s);
        if (input instanceof Undefined u && !lib.acceptsUndefined(name)) throw u.fail();
        return impl.apply(input, args(f.args(), f.kwargs(), s), this);
    }

    private Object test(Node.Test t, Scope s) {
        String name = shortName(t.name());
        Test impl = lib.test(name);
        if (impl == null) throw new EvalException("no test named '" + t.name() + "'");
        Object subject = eval(t.subject(), s);
        if (subject instanceof Undefined u && !lib.acceptsUndefined(name)) throw u.fail();
        boolean result = impl.test(subject, args(t.args(), t.kwargs(), s), this);
        return t.negated() != result;
    }

    private Object call(Node.Call c, Scope s) {
        if (c.callee() instanceof Node.Getattr g) {
            Object receiver = eval(g.obj(), s);
            if (receiver instanceof Undefined u) throw u.fail();
            if (receiver instanceof LoopInfo loop && g.attr().equals("cycle")) {
                return loop.cycle(args(c.args(), c.kwargs(), s).positional());
            }
            if (receiver instanceof Map<?, ?> m && Py.hasKey(m, g.attr()) && !lib.hasMethod(receiver, g.attr())) {
                throw new EvalException("'" + g.attr() + "' is a key of the dict, not a method: it cannot be called");
            }
            return lib.callMethod(receiver, g.attr(), args(c.args(), c.kwargs(), s), this);
        }
        if (c.callee() instanceof Node.Name n && s.lookup(n.name()) instanceof Macro m) {
            return callMacro(m, args(c.args(), c.kwargs(), s));
        }
        if (c.callee() instanceof Node.Name n && s.lookup(n.name()) == Scope.MISSING) {
            Function fn = lib.function(n.name());
            if (fn != null) return fn.call(args(c.args(), c.kwargs(), s), this);
            throw new EvalException("'" + n.name() + "' is undefined");
        }
        Object callee = eval(c.callee(), s);
        if (callee instanceof Undefined u) throw u.fail();
        throw new EvalException("'" + Py.typeName(callee) + "' object is not callable");
    }

    /** Renders a macro's body with its parameters bound; the caller's loop variables are not visible. */
    private String callMacro(Macro m, Args args) {
        Stmt.Macro def = m.definition();
        if (args.positional().size() > def.params().size()) {
            throw new EvalException("macro '" + def.name() + "' takes not more than " + def.params().size() + " argument(s)");
        }
        Scope inner = m.defined().child();
        for (int k = 0; k < def.params().size(); k++) {
            String p = def.params().get(k);
            Object v;
            if (k < args.positional().size()) v = args.positional().get(k);
            else if (args.named().containsKey(p)) v = args.named().get(p);
            else if (def.defaults().get(k) != null) v = eval(def.defaults().get(k), inner);
            else v = new Undefined("parameter '" + p + "' was not provided");
            inner.set(p, v);
        }
        for (String name : args.named().keySet()) {
            if (!def.params().contains(name)) throw new EvalException("macro '" + def.name() + "' takes no keyword argument '" + name + "'");
        }
        List<Object> parts = new ArrayList<>();
        render(def.body(), inner, parts);
        return concat(parts);
    }

    // ---- statements ----

    /**
     * Renders statements into {@code out}: literal text as String, each {@code {{ }}} as its
     * finalized value (None becomes "", as Ansible's finalize does), so the caller can apply
     * Ansible's concatenation rules.
     */
    public void render(List<Stmt> body, Scope s, List<Object> out) {
        for (Stmt st : body) {
            try {
                renderOne(st, s, out);
            } catch (EvalException e) {
                throw e.at(st.offset());
            }
        }
    }

    private void renderOne(Stmt st, Scope s, List<Object> out) {
        if (st instanceof Stmt.Text t) {
            budget.charge(t.text().length());
            out.add(t.text());
        } else if (st instanceof Stmt.Output o) {
            Object v = eval(o.expr(), s);
            if (v instanceof Undefined u && !u.lenient()) throw u.fail().at(o.expr().offset());
            Object finalized = v == null || v instanceof Undefined ? "" : v;
            budget.charge(finalized instanceof String str ? str.length() : 16);
            out.add(finalized);
        } else if (st instanceof Stmt.If i) {
            for (int k = 0; k < i.tests().size(); k++) {
                if (Py.truthy(eval(i.tests().get(k), s))) {
                    render(i.bodies().get(k), s, out);
                    return;
                }
            }
            render(i.otherwise(), s, out);
        } else if (st instanceof Stmt.For f) {
            renderFor(f, s, out);
        } else if (st instanceof Stmt.Set set) {
            assign(set.targets(), eval(set.value(), s), s, set.offset());
        } else if (st instanceof Stmt.Macro m) {
            s.set(m.name(), new Macro(m, s));
        } else if (st instanceof Stmt.SetBlock sb) {
            List<Object> parts = new ArrayList<>();
            render(sb.body(), s, parts);
            s.set(sb.target(), concat(parts));
        }
    }

    private void renderFor(Stmt.For f, Scope s, List<Object> out) {
        List<Object> items = Py.iterate(eval(f.iter(), s));
        if (f.filter() != null) {
            List<Object> kept = new ArrayList<>();
            for (Object item : items) {
                budget.tick();
                Scope probe = s.child();
                assign(f.targets(), item, probe, f.offset());
                if (Py.truthy(eval(f.filter(), probe))) kept.add(item);
            }
            items = kept;
        }
        if (items.isEmpty()) {
            render(f.otherwise(), s, out);
            return;
        }
        for (int k = 0; k < items.size(); k++) {
            budget.tick();
            Scope inner = s.child();
            inner.set("loop", new LoopInfo(items, k));
            assign(f.targets(), items.get(k), inner, f.offset());
            render(f.body(), inner, out);
        }
    }

    private static void assign(List<String> targets, Object value, Scope s, int at) {
        if (targets.size() == 1) {
            s.set(targets.get(0), value);
            return;
        }
        List<Object> parts = value instanceof List<?> || value instanceof String || value instanceof Map<?, ?>
                ? Py.iterate(value) : null;
        if (parts == null) throw new EvalException("cannot unpack non-iterable " + Py.typeName(value) + " object").at(at);
        if (parts.size() != targets.size()) {
            throw new EvalException((parts.size() > targets.size() ? "too many" : "not enough")
                    + " values to unpack (expected " + targets.size() + ", got " + parts.size() + ")").at(at);
        }
        for (int k = 0; k < targets.size(); k++) s.set(targets.get(k), parts.get(k));
    }

    /** Plain concatenation of rendered parts (Ansible's {@code ansible_concat}). */
    public static String concat(List<Object> parts) {
        if (parts.size() == 1 && parts.get(0) instanceof String one) return one;
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) sb.append(Py.str(p));
        return sb.toString();
    }

    // ---- Context, for the library ----

    @Override public Budget budget() { return budget; }

    @Override
    public Object filter(String name, Object input, Args args) {
        Filter impl = lib.filter(shortName(name));
        if (impl == null) throw new EvalException("no filter named '" + name + "'");
        if (input instanceof Undefined u && !lib.acceptsUndefined(shortName(name))) throw u.fail();
        return impl.apply(input, args, this);
    }

    @Override
    public boolean test(String name, Object value, Args args) {
        Test impl = lib.test(shortName(name));
        if (impl == null) throw new EvalException("no test named '" + name + "'");
        if (value instanceof Undefined u && !lib.acceptsUndefined(shortName(name))) throw u.fail();
        return impl.test(value, args, this);
    }

    @Override public Map<String, Object> variables() { return root.vars(); }

    @Override public Path baseDir() { return baseDir; }

    @Override public List<Path> searchPath() { return searchPath; }

    @Override public boolean pipeAllowed() { return pipeAllowed; }

    @Override
    public String renderTemplate(String text, String sourceName) {
        List<Stmt> body;
        try {
            body = TemplateParser.parse(text, false);
        } catch (SyntaxError e) {
            throw new EvalException(sourceName + ": " + e.getMessage());
        }
        List<Object> parts = new ArrayList<>();
        render(body, root.child(), parts);
        return concat(parts);
    }
}
