package dev.rigger.engine.expr.lib;

import dev.rigger.engine.expr.eval.EvalException;
import dev.rigger.engine.expr.eval.Py;
import dev.rigger.engine.expr.eval.Undefined;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The global functions: range (bounded as Jinja's sandbox bounds it), dict, lookup/query/q, now, undef. */
final class Globals {
    private Globals() {}

    /** Jinja's sandbox MAX_RANGE. */
    static final long MAX_RANGE = 100_000;

    static void register(Registry r) {
        r.function(Globals::range, "range");
        r.function(Globals::dict, "dict");
        r.function((a, c) -> Lookups.lookup(a, c, false), "lookup");
        r.function((a, c) -> Lookups.lookup(a, c, true), "query", "q");
        r.function(Globals::now, "now");
        r.function((a, c) -> new Undefined(a.positional().isEmpty() ? "Mandatory variable has not been overridden"
                : Vals.str(a.positional().get(0))), "undef");
    }

    static Object range(Args a, Context c) {
        if (!a.named().isEmpty()) throw new EvalException("range() takes no keyword arguments");
        List<Object> p = a.positional();
        if (p.isEmpty() || p.size() > 3) throw new EvalException("range expected 1 to 3 arguments, got " + p.size());
        long start = 0;
        long stop;
        long step = 1;
        if (p.size() == 1) {
            stop = Vals.integer(p.get(0), "range");
        } else {
            start = Vals.integer(p.get(0), "range");
            stop = Vals.integer(p.get(1), "range");
            if (p.size() == 3) step = Vals.integer(p.get(2), "range");
        }
        if (step == 0) throw new EvalException("range() arg 3 must not be zero");
        long n = step > 0 ? (stop > start ? ceilDiv(stop - start, step) : 0) : (start > stop ? ceilDiv(start - stop, -step) : 0);
        if (n > MAX_RANGE || n < 0) {
            throw new EvalException("Range too big. The sandbox blocks ranges larger than MAX_RANGE (" + MAX_RANGE + ").");
        }
        Vals.charge(c, n);
        List<Object> out = new ArrayList<>((int) n);
        for (long i = 0; i < n; i++) out.add(start + i * step);
        return out;
    }

    private static long ceilDiv(long x, long y) {
        if (x < 0 || x > Long.MAX_VALUE / 2) return -1;
        return (x + y - 1) / y;
    }

    static Object dict(Args a, Context c) {
        Map<Object, Object> out = new LinkedHashMap<>();
        if (a.positional().size() > 1) throw new EvalException("dict expected at most 1 argument, got " + a.positional().size());
        if (!a.positional().isEmpty()) {
            Object src = Vals.defined(a.positional().get(0));
            if (src instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) DictFilters.put(out, e.getKey(), e.getValue());
            } else {
                int i = 0;
                for (Object item : Vals.iter(src)) {
                    List<Object> pair = Vals.iter(item);
                    if (pair.size() != 2) {
                        throw new EvalException("dictionary update sequence element #" + i + " has length " + pair.size() + "; 2 is required");
                    }
                    DictFilters.put(out, pair.get(0), pair.get(1));
                    i++;
                }
            }
        }
        for (Map.Entry<String, Object> e : a.named().entrySet()) out.put(e.getKey(), e.getValue());
        Vals.charge(c, out.size());
        return out;
    }

    /** Ansible's now(utc=False, fmt=None): with fmt a strftime string, else str(datetime). */
    static Object now(Args a, Context c) {
        boolean utc = Py.truthy(a.get(0, "utc", false));
        Object fmt = a.get(1, "fmt", null);
        LocalDateTime t = utc ? LocalDateTime.now(ZoneOffset.UTC) : LocalDateTime.now();
        if (fmt == null) {
            String s = t.toLocalDate() + " " + String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
            int micros = t.getNano() / 1000;
            return micros == 0 ? s : s + String.format(".%06d", micros);
        }
        return Strftime.format(Vals.str(fmt), t);
    }
}
