package dev.rigger.engine.expr.lib;

import dev.rigger.engine.expr.eval.EvalException;
import dev.rigger.engine.expr.eval.Py;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/** Python's printf-style {@code str % args}: the {@code %} operator and Jinja's {@code format} filter. */
public final class PrintfFormat {
    private PrintfFormat() {}

    /**
     * The {@code %} operator: a list (Python's tuple) gives the positional arguments, a dict the
     * named ones, anything else is the one argument.
     */
    @SuppressWarnings("unchecked")
    public static String operator(String fmt, Object args, Context ctx) {
        if (args instanceof List<?> l) return format(fmt, (List<Object>) l, null, ctx);
        if (args instanceof Map<?, ?> m && fmt.contains("%(")) {
            Map<String, Object> named = new java.util.LinkedHashMap<>();
            m.forEach((k, v) -> named.put(Py.str(k), v));
            return format(fmt, List.of(), named, ctx);
        }
        return format(fmt, java.util.Collections.singletonList(args), null, ctx);
    }

    static Object apply(Object in, Args a, Context ctx) {
        if (!a.positional().isEmpty() && !a.named().isEmpty()) {
            throw new EvalException("can't handle positional and keyword arguments at the same time");
        }
        return format(Vals.str(in), a.positional(), a.named().isEmpty() ? null : a.named(), ctx);
    }

    static String format(String fmt, List<Object> args, Map<String, Object> named, Context ctx) {
        StringBuilder out = new StringBuilder();
        int argi = 0;
        int i = 0;
        int n = fmt.length();
        while (i < n) {
            char c = fmt.charAt(i++);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i >= n) throw new EvalException("incomplete format");
            Object value = null;
            boolean haveValue = false;
            if (fmt.charAt(i) == '(') {
                int close = fmt.indexOf(')', i);
                if (close < 0) throw new EvalException("incomplete format key");
                if (named == null) throw new EvalException("format requires a mapping");
                String key = fmt.substring(i + 1, close);
                if (!named.containsKey(key)) throw new EvalException("KeyError: '" + key + "'");
                value = named.get(key);
                haveValue = true;
                i = close + 1;
            }
            String flags = "";
            while (i < n && "-+ #0".indexOf(fmt.charAt(i)) >= 0) flags += fmt.charAt(i++);
            int width = -1;
            if (i < n && fmt.charAt(i) == '*') {
                width = (int) Vals.integer(next(args, argi++), "width");
                i++;
            } else {
                int s = i;
                while (i < n && Character.isDigit(fmt.charAt(i))) i++;
                if (i > s) width = Integer.parseInt(fmt.substring(s, Math.min(i, s + 7)));
            }
            int precision = -1;
            if (i < n && fmt.charAt(i) == '.') {
                i++;
                int s = i;
                while (i < n && Character.isDigit(fmt.charAt(i))) i++;
                precision = i > s ? Integer.parseInt(fmt.substring(s, Math.min(i, s + 4))) : 0;
            }
            while (i < n && "hlL".indexOf(fmt.charAt(i)) >= 0) i++;
            if (i >= n) throw new EvalException("incomplete format");
            char conv = fmt.charAt(i++);
            if (conv == '%') {
                out.append('%');
                continue;
            }
            if (!haveValue) {
                if (named != null) throw new EvalException("format requires a mapping");
                value = next(args, argi++);
            }
            String body = convert(conv, Vals.defined(value), flags, precision);
            if (width > 0) Vals.charge(ctx, width);
            out.append(pad(body, width, flags, conv));
        }
        if (named == null && argi < args.size()) throw new EvalException("not all arguments converted during string formatting");
        return out.toString();
    }

    private static Object next(List<Object> args, int i) {
        if (i >= args.size()) throw new EvalException("not enough arguments for format string");
        return args.get(i);
    }

    private static String convert(char conv, Object v, String flags, int precision) {
        switch (conv) {
            case 's', 'r', 'a' -> {
                String s = conv == 's' ? Py.str(v) : Py.repr(v);
                return precision >= 0 && precision < s.length() ? s.substring(0, precision) : s;
            }
            case 'd', 'i', 'u' -> {
                return sign(Long.toString(integral(v, conv)), flags);
            }
            case 'x', 'X', 'o' -> {
                long l = integral(v, conv);
                String digits = conv == 'o' ? Long.toOctalString(Math.abs(l)) : Long.toHexString(Math.abs(l));
                if (conv == 'X') digits = PyStr.upper(digits);
                if (flags.indexOf('#') >= 0) digits = (conv == 'o' ? "0o" : conv == 'x' ? "0x" : "0X") + digits;
                return sign((l < 0 ? "-" : "") + digits, flags);
            }
            case 'c' -> {
                if (v instanceof String s && s.codePointCount(0, s.length()) == 1) return s;
                return PyStr.chr(Vals.integer(v, "%c"));
            }
            case 'f', 'F', 'e', 'E', 'g', 'G' -> {
                if (!Py.isNumber(v)) throw new EvalException("must be real number, not " + Py.typeName(v));
                String s = floating(Py.toDouble(v), Character.toLowerCase(conv), precision < 0 ? 6 : precision, flags.indexOf('#') >= 0);
                if (Character.isUpperCase(conv)) s = PyStr.upper(s);
                return sign(s, flags);
            }
            default -> throw new EvalException("unsupported format character '" + conv + "'");
        }
    }

    private static long integral(Object v, char conv) {
        if (v instanceof Double d) return TypeFilters.floatToInt(d);
        if (!Py.isInt(v)) throw new EvalException("%" + conv + " format: a real number is required, not " + Py.typeName(v));
        return Py.toLong(v);
    }

    static String floating(double d, char conv, int precision, boolean alt) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        BigDecimal b = new BigDecimal(d);
        if (conv == 'f') return b.setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        if (conv == 'e') return exp(b, precision);
        int p = precision == 0 ? 1 : precision;
        if (d == 0) return alt ? "0." + "0".repeat(p - 1) : (1 / d < 0 ? "-0" : "0");
        BigDecimal rounded = b.round(new java.math.MathContext(p, RoundingMode.HALF_EVEN));
        int x = rounded.precision() - rounded.scale() - 1;
        String s = x >= -4 && x < p ? b.setScale(p - 1 - x, RoundingMode.HALF_EVEN).toPlainString() : exp(b, p - 1);
        if (!alt) {
            String mant = s;
            String tail = "";
            int e = s.indexOf('e');
            if (e >= 0) {
                mant = s.substring(0, e);
                tail = s.substring(e);
            }
            if (mant.contains(".")) mant = mant.replaceAll("0+$", "").replaceAll("\\.$", "");
            s = mant + tail;
        }
        return s;
    }

    private static String exp(BigDecimal b, int digits) {
        if (b.signum() == 0) return "0" + (digits > 0 ? "." + "0".repeat(digits) : "") + "e+00";
        BigDecimal r = b.round(new java.math.MathContext(digits + 1, RoundingMode.HALF_EVEN));
        int x = r.precision() - r.scale() - 1;
        BigDecimal mant = r.movePointLeft(x).setScale(digits, RoundingMode.HALF_EVEN);
        String e = Integer.toString(Math.abs(x));
        return mant.toPlainString() + "e" + (x < 0 ? "-" : "+") + (e.length() < 2 ? "0" : "") + e;
    }

    private static String sign(String s, String flags) {
        if (s.startsWith("-")) return s;
        if (flags.indexOf('+') >= 0) return "+" + s;
        if (flags.indexOf(' ') >= 0) return " " + s;
        return s;
    }

    private static String pad(String body, int width, String flags, char conv) {
        if (width <= body.length()) return body;
        int fill = width - body.length();
        if (flags.indexOf('-') >= 0) return body + " ".repeat(fill);
        if (flags.indexOf('0') >= 0 && "diouxXeEfFgG".indexOf(conv) >= 0) {
            int signLen = body.startsWith("-") || body.startsWith("+") || body.startsWith(" ") ? 1 : 0;
            if (body.startsWith("0x", signLen) || body.startsWith("0X", signLen) || body.startsWith("0o", signLen)) signLen += 2;
            return body.substring(0, signLen) + "0".repeat(fill) + body.substring(signLen);
        }
        return " ".repeat(fill) + body;
    }
}
