package dev.rigger.engine.exec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The items of a {@code with_<lookup>} loop, as Ansible 2.14's lookup plugins of that name make
 * them from the rendered value ({@code loop:} takes its list as it is). Each throws
 * {@link IllegalArgumentException} with the words Ansible's plugin would say.
 */
final class LoopLookups {
    /** Sequence items: Ansible's maximum, so a typo cannot make billions of them. */
    private static final int MAX_SEQUENCE = 100_000;

    /** The lookups made here; the other with_ loops are the expression library's plugins. */
    static final java.util.Set<String> LOOKUPS = java.util.Set.of("items", "list", "dict", "nested", "cartesian", "together",
            "subelements", "sequence", "indexed_items", "flattened");

    private LoopLookups() { }

    static List<Object> items(String lookup, Object value) {
        return switch (lookup) {
            case "items" -> flatten(terms(value), 1);
            case "list" -> terms(value);
            case "dict" -> dict(value);
            case "nested", "cartesian" -> nested(lists(lookup, value));
            case "together" -> together(lists(lookup, value));
            case "subelements" -> subelements(value);
            case "sequence" -> sequence(terms(value));
            case "indexed_items" -> indexed(flatten(terms(value), 1));
            case "flattened" -> flatten(terms(value), Integer.MAX_VALUE);
            default -> throw new IllegalArgumentException("with_" + lookup + " is not a loop Rigger runs");
        };
    }

    /** A single value is a list of one, as Ansible's listify_lookup_plugin_terms makes it. */
    @SuppressWarnings("unchecked")
    static List<Object> terms(Object value) {
        if (value instanceof List<?> l) return (List<Object>) l;
        List<Object> one = new ArrayList<>();
        one.add(value);
        return one;
    }

    private static List<Object> flatten(List<Object> terms, int levels) {
        List<Object> out = new ArrayList<>();
        for (Object t : terms) {
            if (levels > 0 && t instanceof List<?> l) {
                @SuppressWarnings("unchecked") List<Object> inner = (List<Object>) l;
                out.addAll(levels == 1 ? inner : flatten(inner, levels - 1));
            } else {
                out.add(t);
            }
        }
        return out;
    }

    private static List<Object> dict(Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("with_dict expects a dict, got " + describe(value));
        }
        List<Object> out = new ArrayList<>();
        m.forEach((k, v) -> {
            Map<String, Object> kv = new LinkedHashMap<>();
            kv.put("key", k);
            kv.put("value", v);
            out.add(kv);
        });
        return out;
    }

    /** with_nested/with_together take a list of lists; a single value in it is a list of one. */
    private static List<List<Object>> lists(String lookup, Object value) {
        if (!(value instanceof List<?> l) || l.isEmpty()) {
            throw new IllegalArgumentException("with_" + lookup + " requires at least one element in the nested list");
        }
        List<List<Object>> out = new ArrayList<>();
        for (Object o : l) out.add(terms(o));
        return out;
    }

    private static List<Object> nested(List<List<Object>> lists) {
        List<List<Object>> acc = new ArrayList<>();
        acc.add(List.of());
        for (List<Object> l : lists) {
            List<List<Object>> next = new ArrayList<>();
            for (List<Object> prefix : acc) {
                for (Object x : l) {
                    List<Object> row = new ArrayList<>(prefix);
                    row.add(x);
                    next.add(row);
                }
            }
            if ((long) next.size() > MAX_SEQUENCE) throw new IllegalArgumentException("with_nested makes more than " + MAX_SEQUENCE + " items");
            acc = next;
        }
        return new ArrayList<>(acc);
    }

    private static List<Object> together(List<List<Object>> lists) {
        int longest = lists.stream().mapToInt(List::size).max().orElse(0);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < longest; i++) {
            List<Object> row = new ArrayList<>();
            for (List<Object> l : lists) row.add(i < l.size() ? l.get(i) : null);
            out.add(row);
        }
        return out;
    }

    /** [list of mappings, 'key' or 'a.b', optional {skip_missing: bool}] to [mapping, sub-item] pairs. */
    private static List<Object> subelements(Object value) {
        if (!(value instanceof List<?> terms) || terms.size() < 2 || terms.size() > 3
                || !(terms.get(0) instanceof List<?> elements) || !(terms.get(1) instanceof String key)) {
            throw new IllegalArgumentException("subelements lookup expects a list of two or three items, "
                    + "the first a list of mappings, the second the key of their sub-list");
        }
        boolean skipMissing = false;
        if (terms.size() == 3) {
            if (!(terms.get(2) instanceof Map<?, ?> flags)) throw new IllegalArgumentException("the optional third item of subelements must be a mapping of flags");
            for (Map.Entry<?, ?> f : flags.entrySet()) {
                if (!"skip_missing".equals(f.getKey())) throw new IllegalArgumentException("the optional third item of subelements must be a mapping of flags; unknown flag '" + f.getKey() + "'");
                skipMissing = Boolean.TRUE.equals(f.getValue());
            }
        }
        List<Object> out = new ArrayList<>();
        for (Object e : elements) {
            if (!(e instanceof Map<?, ?> m)) throw new IllegalArgumentException("subelements: an item of the list is " + describe(e) + ", not a mapping");
            if (Boolean.TRUE.equals(m.get("skipped"))) continue;   // a skipped task's result, as Ansible
            Object sub = m;
            boolean missing = false;
            for (String part : key.split("\\.")) {
                if (sub instanceof Map<?, ?> sm && sm.containsKey(part)) {
                    sub = sm.get(part);
                } else {
                    missing = true;
                    break;
                }
            }
            if (missing) {
                if (skipMissing) continue;
                throw new IllegalArgumentException("could not find '" + key + "' key in an iterated item (skip_missing: true skips such items)");
            }
            if (!(sub instanceof List<?> subs)) throw new IllegalArgumentException("the key '" + key + "' should point to a list, got " + describe(sub));
            for (Object s : subs) out.add(new ArrayList<>(java.util.Arrays.asList(e, s)));
        }
        return out;
    }

    private static final Pattern SHORTCUT = Pattern.compile("(0[xo]?)?(\\w+)(?:-(0[xo]?)?(\\w+))?(?:/(0[xo]?)?(\\w+))?(?::(.+))?");

    /** Each term {@code start=1 end=5 stride=2 format=h%02d}, {@code count=3}, or the shortcut {@code 4-8/2:host%02d}. */
    private static List<Object> sequence(List<Object> terms) {
        List<Object> out = new ArrayList<>();
        for (Object term : terms) {
            long start = 1;
            Long end = null;
            Long count = null;
            long stride = 1;
            String format = "%d";
            String t = String.valueOf(term).strip();
            if (t.contains("=")) {
                for (String word : t.split("\\s+")) {
                    int eq = word.indexOf('=');
                    if (eq < 0) throw new IllegalArgumentException("with_sequence: can't parse arg '" + word + "'");
                    String k = word.substring(0, eq);
                    String v = word.substring(eq + 1);
                    switch (k) {
                        case "start" -> start = number(v);
                        case "end" -> end = number(v);
                        case "count" -> count = number(v);
                        case "stride" -> stride = number(v);
                        case "format" -> format = v;
                        default -> throw new IllegalArgumentException("with_sequence: unrecognized arguments to with_sequence: ['" + k + "']");
                    }
                }
            } else {
                Matcher m = SHORTCUT.matcher(t);
                if (!m.matches()) throw new IllegalArgumentException("with_sequence: can't parse arg '" + t + "'");
                if (m.group(4) == null) {
                    end = number(prefix(m.group(1)) + m.group(2));
                } else {
                    start = number(prefix(m.group(1)) + m.group(2));
                    end = number(prefix(m.group(3)) + m.group(4));
                }
                if (m.group(6) != null) stride = number(prefix(m.group(5)) + m.group(6));
                if (m.group(7) != null) format = m.group(7);
            }
            if (count != null && end != null) throw new IllegalArgumentException("with_sequence: can't specify both count and end in with_sequence");
            if (count == null && end == null) throw new IllegalArgumentException("with_sequence: must specify count or end in with_sequence");
            if (count != null) {
                if (count == 0) continue;
                end = start + count * stride - (stride > 0 ? 1 : -1);
                if (stride == 0) end = start;
            }
            if (stride > 0 && end < start) throw new IllegalArgumentException("with_sequence: to count backwards make stride negative");
            if (stride < 0 && end > start) throw new IllegalArgumentException("with_sequence: to count forward don't make stride negative");
            if (stride == 0) continue;
            for (long i = start; stride > 0 ? i <= end : i >= end; i += stride) {
                if (out.size() >= MAX_SEQUENCE) throw new IllegalArgumentException("with_sequence makes more than " + MAX_SEQUENCE + " items");
                out.add(format(format, i));
            }
        }
        return out;
    }

    private static String prefix(String p) {
        return p == null ? "" : p;
    }

    /** Python's int(v, 0): decimal, 0x hex, 0o octal. */
    private static long number(String v) {
        try {
            String s = v.toLowerCase();
            if (s.startsWith("0x")) return Long.parseLong(s.substring(2), 16);
            if (s.startsWith("0o")) return Long.parseLong(s.substring(2), 8);
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("with_sequence: can't parse '" + v + "' as a number");
        }
    }

    /** Python's {@code format % i} for the integer conversions a sequence format uses. */
    private static String format(String format, long i) {
        try {
            return String.format(format.replaceAll("%(-?0?\\d*)[iu]", "%$1d"), i);
        } catch (java.util.IllegalFormatException e) {
            throw new IllegalArgumentException("with_sequence: bad formatting string: " + format);
        }
    }

    private static List<Object> indexed(List<Object> items) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) out.add(new ArrayList<>(java.util.Arrays.asList((Object) (long) i, items.get(i))));
        return out;
    }

    /** What a value is, never what it holds (it may be a secret). */
    private static String describe(Object v) {
        return v == null ? "None" : v instanceof Map<?, ?> ? "a mapping" : v instanceof List<?> ? "a list"
                : v instanceof String ? "a string" : v instanceof Boolean ? "a boolean" : "a number";
    }
}
