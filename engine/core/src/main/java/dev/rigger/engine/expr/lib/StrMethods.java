package dev.rigger.engine.expr.lib;

import dev.rigger.engine.expr.eval.EvalException;
import dev.rigger.engine.expr.eval.Py;
import java.util.ArrayList;
import java.util.List;

/** The str methods of {@link Methods}' allow-list, with Python's arguments and errors. */
final class StrMethods {
    private StrMethods() {}

    static Object call(String s, String name, Args a, Context ctx) {
        return switch (name) {
            case "startswith", "endswith" -> affix(s, name, a);
            case "split", "rsplit" -> split(s, name, a, ctx);
            case "splitlines" -> {
                Methods.atMost(a, 1, name);
                yield PyStr.splitlines(s, Py.truthy(a.get(0, "keepends", false)));
            }
            case "strip", "lstrip", "rstrip" -> {
                Methods.atMost(a, 1, name);
                Object chars = a.positional().isEmpty() ? null : Vals.defined(a.positional().get(0));
                String cs = chars == null ? null : Vals.requireStr(chars, name + " arg");
                yield PyStr.strip(s, cs, !name.equals("rstrip"), !name.equals("lstrip"));
            }
            case "lower", "casefold" -> noArgs(a, name, PyStr.lower(s));
            case "upper" -> noArgs(a, name, PyStr.upper(s));
            case "title" -> noArgs(a, name, PyStr.title(s));
            case "capitalize" -> noArgs(a, name, PyStr.capitalize(s));
            case "swapcase" -> noArgs(a, name, swapcase(s));
            case "replace" -> {
                Methods.atMost(a, 3, name);
                String old = Vals.requireStr(Methods.arg(a, 0, name), "replace() argument 1");
                String neu = Vals.requireStr(Methods.arg(a, 1, name), "replace() argument 2");
                long count = a.positional().size() > 2 ? Vals.integer(a.positional().get(2), "count") : -1;
                yield PyStr.replace(s, old, neu, count, ctx);
            }
            case "find", "rfind", "index", "rindex", "count" -> search(s, name, a);
            case "join" -> join(s, a, ctx);
            case "isdigit" -> noArgs(a, name, PyStr.all(s, PyStr::isDigit));
            case "isdecimal" -> noArgs(a, name, PyStr.all(s, c -> Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER));
            case "isnumeric" -> noArgs(a, name, PyStr.all(s, c -> PyStr.isDigit(c) || Character.getType(c) == Character.OTHER_NUMBER
                    || Character.getType(c) == Character.LETTER_NUMBER));
            case "isalpha" -> noArgs(a, name, PyStr.all(s, Character::isLetter));
            case "isalnum" -> noArgs(a, name, PyStr.all(s, PyStr::isAlnum));
            case "isspace" -> noArgs(a, name, PyStr.all(s, PyStr::isSpace));
            case "islower" -> noArgs(a, name, PyStr.isCase(s, true));
            case "isupper" -> noArgs(a, name, PyStr.isCase(s, false));
            case "zfill" -> {
                Methods.atMost(a, 1, name);
                yield PyStr.zfill(s, Vals.integer(Methods.arg(a, 0, name), "width"), ctx);
            }
            case "ljust", "rjust", "center" -> {
                Methods.atMost(a, 2, name);
                long width = Vals.integer(Methods.arg(a, 0, name), "width");
                String fill = a.positional().size() > 1 ? PyStr.fillChar(a.positional().get(1)) : " ";
                yield name.equals("ljust") ? PyStr.ljust(s, width, fill, ctx)
                        : name.equals("rjust") ? PyStr.rjust(s, width, fill, ctx) : PyStr.center(s, width, fill, ctx);
            }
            case "format" -> StrFormat.format(s, a.positional(), a.named(), ctx);
            case "partition", "rpartition" -> partition(s, name, a);
            case "removeprefix" -> {
                Methods.atMost(a, 1, name);
                String p = Vals.requireStr(Methods.arg(a, 0, name), "removeprefix() argument");
                yield s.startsWith(p) ? s.substring(p.length()) : s;
            }
            case "removesuffix" -> {
                Methods.atMost(a, 1, name);
                String p = Vals.requireStr(Methods.arg(a, 0, name), "removesuffix() argument");
                yield !p.isEmpty() && s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s;
            }
            default -> throw new EvalException("'str' object has no attribute '" + name + "'");
        };
    }

    private static Object noArgs(Args a, String name, Object result) {
        if (!a.positional().isEmpty()) throw new EvalException(name + "() takes no arguments (" + a.positional().size() + " given)");
        return result;
    }

    private static Object affix(String s, String name, Args a) {
        Methods.atMost(a, 3, name);
        Object what = Methods.arg(a, 0, name);
        int start = PyStr.bound(a.positional().size() > 1 ? a.positional().get(1) : null, s.length(), 0);
        int end = PyStr.bound(a.positional().size() > 2 ? a.positional().get(2) : null, s.length(), s.length());
        List<Object> options = what instanceof List<?> l ? new ArrayList<>(l) : List.of(what);
        if (start > end) return false;
        String window = s.substring(start, end);
        for (Object o : options) {
            if (!(Vals.defined(o) instanceof String p)) {
                throw new EvalException(name + " first arg must be str or a tuple of str, not " + Py.typeName(o));
            }
            if (name.equals("startswith") ? window.startsWith(p) : window.endsWith(p)) return true;
        }
        return false;
    }

    private static Object split(String s, String name, Args a, Context ctx) {
        Methods.atMost(a, 2, name);
        Object sep = Vals.defined(a.get(0, "sep", null));
        long max = Vals.integer(a.get(1, "maxsplit", -1L), "maxsplit");
        String sp = sep == null ? null : Vals.requireStr(sep, "sep");
        List<Object> parts = name.equals("split") ? PyStr.split(s, sp, max) : PyStr.rsplit(s, sp, max);
        Vals.charge(ctx, parts.size());
        return parts;
    }

    private static Object search(String s, String name, Args a) {
        Methods.atMost(a, 3, name);
        String sub = Vals.requireStr(Methods.arg(a, 0, name), "must be str, not " + Py.typeName(a.positional().get(0)) + "; " + name + " argument");
        int start = PyStr.bound(a.positional().size() > 1 ? a.positional().get(1) : null, s.length(), 0);
        int end = PyStr.bound(a.positional().size() > 2 ? a.positional().get(2) : null, s.length(), s.length());
        if (name.equals("count")) return PyStr.count(s, sub, start, end);
        long i = PyStr.find(s, sub, start, end, name.startsWith("r"));
        if (i < 0 && name.endsWith("index")) throw new EvalException("substring not found");
        return i;
    }

    private static Object join(String sep, Args a, Context ctx) {
        Methods.atMost(a, 1, "join");
        List<Object> items = Vals.iter(Methods.arg(a, 0, "join"));
        long size = 0;
        List<String> strs = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            if (!(Vals.defined(items.get(i)) instanceof String t)) {
                throw new EvalException("sequence item " + i + ": expected str instance, " + Py.typeName(items.get(i)) + " found");
            }
            size += t.length() + sep.length();
            strs.add(t);
        }
        Vals.charge(ctx, size);
        return String.join(sep, strs);
    }

    private static Object partition(String s, String name, Args a) {
        Methods.atMost(a, 1, name);
        String sep = Vals.requireStr(Methods.arg(a, 0, name), "partition() argument");
        if (sep.isEmpty()) throw new EvalException("empty separator");
        int i = name.equals("partition") ? s.indexOf(sep) : s.lastIndexOf(sep);
        List<Object> out = new ArrayList<>(3);
        if (i < 0) {
            if (name.equals("partition")) {
                out.add(s);
                out.add("");
                out.add("");
            } else {
                out.add("");
                out.add("");
                out.add(s);
            }
        } else {
            out.add(s.substring(0, i));
            out.add(sep);
            out.add(s.substring(i + sep.length()));
        }
        return out;
    }

    private static String swapcase(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> sb.appendCodePoint(Character.isUpperCase(c) ? Character.toLowerCase(c)
                : Character.isLowerCase(c) ? Character.toUpperCase(c) : c));
        return sb.toString();
    }
}
