package dev.rigger.engine.expr.lib;

import dev.rigger.engine.expr.eval.EvalException;
import dev.rigger.engine.expr.eval.Py;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** Jinja's map, select, reject, selectattr and rejectattr: a filter or a test applied to each item. */
final class Selection {
    private Selection() {}

    static void register(Registry r) {
        r.filter(Selection::map, "map");
        r.filter((in, a, c) -> select(in, a, c, false, false), "select");
        r.filter((in, a, c) -> select(in, a, c, true, false), "reject");
        r.filter((in, a, c) -> select(in, a, c, false, true), "selectattr");
        r.filter((in, a, c) -> select(in, a, c, true, true), "rejectattr");
    }

    static Object map(Object in, Args a, Context c) {
        List<Object> out = new ArrayList<>();
        if (!Vals.bool(in)) return out;
        UnaryOperator<Object> func;
        if (a.positional().isEmpty() && a.named().containsKey("attribute")) {
            Map<String, Object> rest = new LinkedHashMap<>(a.named());
            Object attribute = rest.remove("attribute");
            Object dflt = rest.remove("default");
            if (!rest.isEmpty()) throw new EvalException("Unexpected keyword argument '" + rest.keySet().iterator().next() + "'");
            func = Vals.attrGetter(attribute, false, dflt);
        } else {
            if (a.positional().isEmpty()) throw new EvalException("map requires a filter argument");
            String name = Vals.str(a.positional().get(0));
            Args rest = new Args(a.positional().subList(1, a.positional().size()), a.named());
            func = item -> c.filter(name, item, rest);
        }
        List<Object> items = Vals.iter(in);
        Vals.charge(c, items.size());
        for (Object item : items) out.add(func.apply(item));
        return out;
    }

    static Object select(Object in, Args a, Context c, boolean reject, boolean attr) {
        List<Object> out = new ArrayList<>();
        if (!Vals.bool(in)) return out;
        List<Object> args = a.positional();
        UnaryOperator<Object> trans = x -> x;
        int off = 0;
        if (attr) {
            if (args.isEmpty()) throw new EvalException("Missing parameter for attribute name");
            trans = Vals.attrGetter(args.get(0), false, null);
            off = 1;
        }
        Predicate<Object> func;
        if (args.size() > off) {
            String name = Vals.str(args.get(off));
            Args rest = new Args(args.subList(off + 1, args.size()), a.named());
            func = x -> c.test(name, x, rest);
        } else {
            func = Py::truthy;
        }
        UnaryOperator<Object> t = trans;
        for (Object item : Vals.iter(in)) {
            c.budget().tick();
            if (func.test(t.apply(item)) != reject) out.add(item);
        }
        return out;
    }
}
