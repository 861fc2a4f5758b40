package dev.rigger.engine.expr;

import dev.rigger.engine.expr.eval.Evaluator;
import dev.rigger.engine.expr.lib.Library;
import dev.rigger.engine.expr.lib.Regexes;
import dev.rigger.engine.expr.syntax.Node;
import dev.rigger.engine.expr.syntax.Stmt;
import dev.rigger.engine.expr.syntax.SyntaxError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The load-time check of a parsed expression or template: every filter, test, function and
 * method named exists, no attribute reaches for Python or Java internals, literal regexes
 * compile on the linear-time engine; and what it reads: its free variable names (minus the
 * template's own {@code set}/{@code for} names), which of them are guarded ({@code x is defined},
 * {@code x | default(...)}) and may be absent, and its {@code hostvars[...]} reads.
 */
final class Reads {
    private static final Set<String> GUARD_FILTERS = Set.of("default", "d", "mandatory");
    private static final Set<String> GUARD_TESTS = Set.of("defined", "undefined");
    private static final Set<String> REGEX_FILTERS = Set.of("regex_replace", "regex_search", "regex_findall");
    private static final Set<String> REGEX_TESTS = Set.of("match", "search", "regex");
    /** One receiver of each kind, to ask the library which method names exist at all. */
    private static final List<Object> RECEIVERS = List.of("", List.of(), Map.of());

    private final Library lib;
    final Set<String> roots = new LinkedHashSet<>();
    final Set<String> guarded = new LinkedHashSet<>();
    final Set<String> locals = new LinkedHashSet<>(Set.of("loop"));
    /** Names of the template's own macros: callable like functions. */
    final Set<String> macros = new LinkedHashSet<>();
    final List<HostvarsRef> hostvars = new ArrayList<>();
    /** Where each root is first read, for the undefined-name error. */
    final Map<String, Integer> firstRead = new java.util.HashMap<>();

    private Reads(Library lib) {
        this.lib = lib;
    }

    static Reads ofExpression(Node n, Library lib) {
        Reads r = new Reads(lib);
        r.node(n);
        r.roots.removeAll(r.locals);
        return r;
    }

    static Reads ofTemplate(List<Stmt> body, Library lib) {
        Reads r = new Reads(lib);
        r.collectLocals(body);
        r.stmts(body);
        r.roots.removeAll(r.locals);
        return r;
    }

    private void collectLocals(List<Stmt> body) {
        for (Stmt s : body) {
            if (s instanceof Stmt.Set set) locals.addAll(set.targets());
            else if (s instanceof Stmt.Macro m) {
                locals.add(m.name());
                macros.add(m.name());
                locals.addAll(m.params());
                collectLocals(m.body());
            }
            else if (s instanceof Stmt.SetBlock sb) {
                locals.add(sb.target());
                collectLocals(sb.body());
            } else if (s instanceof Stmt.For f) {
                locals.addAll(f.targets());
                collectLocals(f.body());
                collectLocals(f.otherwise());
            } else if (s instanceof Stmt.If i) {
                i.bodies().forEach(this::collectLocals);
                collectLocals(i.otherwise());
            }
        }
    }

    private void stmts(List<Stmt> body) {
        for (Stmt s : body) {
            if (s instanceof Stmt.Output o) node(o.expr());
            else if (s instanceof Stmt.Set set) node(set.value());
            else if (s instanceof Stmt.SetBlock sb) stmts(sb.body());
            else if (s instanceof Stmt.Macro m) {
                m.defaults().forEach(this::node);
                stmts(m.body());
            }
            else if (s instanceof Stmt.If i) {
                i.tests().forEach(this::node);
                i.bodies().forEach(this::stmts);
                stmts(i.otherwise());
            } else if (s instanceof Stmt.For f) {
                node(f.iter());
                if (f.filter() != null) node(f.filter());
                stmts(f.body());
                stmts(f.otherwise());
            }
        }
    }

    private void node(Node n) {
        if (n == null) return;
        if (n instanceof Node.Name nm) {
            roots.add(nm.name());
            firstRead.putIfAbsent(nm.name(), nm.offset());
        } else if (n instanceof Node.Getattr g) {
            checkAttribute(g.attr(), g.offset());
            hostvarsRead(g);
            node(g.obj());
        } else if (n instanceof Node.Getitem g) {
            if (g.key() instanceof Node.Literal l && l.value() instanceof String s) checkAttribute(s, g.key().offset());
            hostvarsRead(g);
            node(g.obj());
            node(g.key());
        } else if (n instanceof Node.Slice s) {
            node(s.obj());
            node(s.start());
            node(s.stop());
            node(s.step());
        } else if (n instanceof Node.ListLit l) {
            l.items().forEach(this::node);
        } else if (n instanceof Node.DictLit d) {
            d.keys().forEach(this::node);
            d.values().forEach(this::node);
        } else if (n instanceof Node.Unary u) {
            node(u.operand());
        } else if (n instanceof Node.Binary b) {
            node(b.left());
            node(b.right());
        } else if (n instanceof Node.Compare c) {
            node(c.first());
            c.rest().forEach(this::node);
        } else if (n instanceof Node.Cond c) {
            node(c.test());
            node(c.then());
            node(c.otherwise());
        } else if (n instanceof Node.Filter f) {
            filter(f);
        } else if (n instanceof Node.Test t) {
            test(t);
        } else if (n instanceof Node.Call c) {
            call(c);
        }
    }

    private void filter(Node.Filter f) {
        String name = Evaluator.shortName(f.name());
        if (lib.filter(name) == null) throw new SyntaxError("no filter named '" + f.name() + "'" + hint(name, lib.filterNames()), f.offset());
        if (GUARD_FILTERS.contains(name)) guard(f.input());
        if (REGEX_FILTERS.contains(name) && !f.args().isEmpty()) literalRegex(f.args().get(0));
        node(f.input());
        f.args().forEach(this::node);
        f.kwargs().values().forEach(this::node);
    }

    private void test(Node.Test t) {
        String name = Evaluator.shortName(t.name());
        if (lib.test(name) == null) throw new SyntaxError("no test named '" + t.name() + "'" + hint(name, lib.testNames()), t.offset());
        if (GUARD_TESTS.contains(name)) guard(t.subject());
        if (REGEX_TESTS.contains(name)) {
                if (!t.args().isEmpty()) literalRegex(t.args().get(0));
        }
        node(t.subject());
        t.args().forEach(this::node);
        t.kwargs().values().forEach(this::node);
    }

    private void call(Node.Call c) {
        if (c.callee() instanceof Node.Getattr g) {
            checkAttribute(g.attr(), g.offset());
            if (!g.attr().equals("cycle") && RECEIVERS.stream().noneMatch(r -> lib.hasMethod(r, g.attr()))) {
                throw new SyntaxError("no method named '" + g.attr() + "' (methods are an allow-list of Python's "
                        + "str, list and dict methods; use a filter instead)", g.offset());
            }
            node(g.obj());
        } else if (c.callee() instanceof Node.Name n) {
            if (lib.function(n.name()) == null && !macros.contains(n.name())) {
                throw new SyntaxError("no function named '" + n.name() + "'" + hint(n.name(), lib.functionNames()), n.offset());
            }
            // a template file or a variable named at run time can read anything, another host's variables too
            if (Set.of("lookup", "query", "q").contains(n.name()) && (c.args().isEmpty()
                    || !(c.args().get(0) instanceof Node.Literal l) || Set.of("template", "vars").contains(l.value()))) {
                roots.add("hostvars");
            }
        } else {
            throw new SyntaxError("only functions and methods can be called", c.offset());
        }
        c.args().forEach(this::node);
        c.kwargs().values().forEach(this::node);
    }

    /** The names a guard covers: the root of {@code x}, {@code x.y['z']}. */
    private void guard(Node n) {
        while (n instanceof Node.Getattr || n instanceof Node.Getitem) {
            n = n instanceof Node.Getattr g ? g.obj() : ((Node.Getitem) n).obj();
        }
        if (n instanceof Node.Name nm) guarded.add(nm.name());
    }

    /** Attributes are keys of data; a name that looks for the language's internals is refused outright. */
    private static void checkAttribute(String attr, int at) {
        if (attr.startsWith("_")) {
            throw new SyntaxError("attribute '" + attr + "' is not available: names starting with '_' are refused", at);
        }
    }

    private static void literalRegex(Node n) {
        if (n instanceof Node.Literal l && l.value() instanceof String pattern) {
            try {
                Regexes.compile(pattern, 0);
            } catch (RuntimeException e) {
                throw new SyntaxError(e.getMessage(), n.offset());
            }
        }
    }

    /** {@code hostvars[X].attr}, {@code hostvars[X]['attr']}, {@code hostvars.X.attr}: the host index and the first attribute. */
    private void hostvarsRead(Node n) {
        Node obj = n instanceof Node.Getattr g ? g.obj() : ((Node.Getitem) n).obj();
        String attribute = n instanceof Node.Getattr g ? g.attr()
                : ((Node.Getitem) n).key() instanceof Node.Literal l && l.value() instanceof String s ? s : null;
        if (obj instanceof Node.Getitem hv && isHostvars(hv.obj())) {
            hostvars.add(new HostvarsRef(Unparse.of(hv.key()), attribute));
        } else if (obj instanceof Node.Getattr hv && isHostvars(hv.obj())) {
            hostvars.add(new HostvarsRef(Unparse.of(new Node.Literal(hv.attr(), hv.offset())), attribute));
        }
    }

    private static boolean isHostvars(Node n) {
        return n instanceof Node.Name root && root.name().equals("hostvars");
    }

    private static String hint(String name, Set<String> known) {
        return dev.rigger.spi.check.Suggest.hint(name, known);
    }
}
