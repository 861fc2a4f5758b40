package dev.rigger.engine.expr.lib;

import dev.rigger.engine.expr.eval.EvalException;
import dev.rigger.engine.expr.eval.Py;
import dev.rigger.engine.expr.eval.Undefined;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/** default, mandatory, the conversions (bool, int, float, string), ternary and the number filters. */
final class TypeFilters {
    private TypeFilters() {}

    private static final com.google.re2j.Pattern FLOAT = com.google.re2j.Pattern.compile(
            "[+-]?(?:(?:\\d(?:_?\\d)*)?\\.?(?:\\d(?:_?\\d)*)?(?:[eE][+-]?\\d(?:_?\\d)*)?|inf|infinity|nan)", com.google.re2j.Pattern.CASE_INSENSITIVE);
    private static final com.google.re2j.Pattern HUMAN = com.google.re2j.Pattern.compile("^\\s*(\\d*\\.?\\d*)\\s*([A-Za-z]+)?");
    private static final String SIZE_ORDER = "YZEPTGMKB";

    static void register(Registry r) {
        r.filter(TypeFilters::dflt, "default", "d");
        r.filter(TypeFilters::mandatory, "mandatory");
        r.filter((in, a, c) -> toBool(in), "bool");
        r.filter(TypeFilters::toInt, "int");
        r.filter(TypeFilters::toFloat, "float");
        r.filter((in, a, c) -> Vals.str(in), "string");
        r.filter((in, a, c) -> Vals.defined(in), "safe");
        r.filter(TypeFilters::ternary, "ternary");
        r.filter((in, a, c) -> abs(in), "abs");
        r.filter(TypeFilters::round, "round");
        r.filter((in, a, c) -> Py.typeName(Vals.defined(in)), "type_debug");
        r.filter(TypeFilters::humanReadable, "human_readable");
        r.filter(TypeFilters::humanToBytes, "human_to_bytes");
    }

    static Object dflt(Object in, Args a, Context c) {
        a.atMost("default", 2);
        Object fallback = a.get(0, "default_value", "");
        boolean bool = Py.truthy(a.get(1, "boolean", false));
        if (in instanceof Undefined || (bool && !Py.truthy(in))) return fallback;
        return in;
    }

    static Object mandatory(Object in, Args a, Context c) {
        if (in instanceof Undefined u) {
            Object msg = a.get(0, "msg", null);
            if (msg != null) throw new EvalException(Vals.str(msg));
            String m = u.message();
            String name = m.endsWith(" is undefined") && m.startsWith("'") ? m.substring(0, m.length() - " is undefined".length()) + " " : "";
            throw new EvalException("Mandatory variable " + name + "not defined.");
        }
        return in;
    }

    /** Ansible's to_bool: yes, on, 1, true (any case) and the number 1 are true; None stays None. */
    static Object toBool(Object in) {
        Object v = Vals.defined(in);
        if (v == null || v instanceof Boolean) return v;
        if (v instanceof String s) {
            String l = PyStr.lower(s);
            return l.equals("yes") || l.equals("on") || l.equals("1") || l.equals("true");
        }
        return Py.isNumber(v) && Py.eq(v, 1L);
    }

    /** ansible's module_utils boolean(strict=False) used by truthy(convert_bool=True); null when not boolean-like. */
    static Boolean boolean_(Object v) {
        if (v instanceof Boolean b) return b;
        if (v instanceof String s) {
            String l = PyStr.lower(s);
            if (List.of("y", "yes", "on", "1", "true", "t").contains(l)) return true;
            if (List.of("n", "no", "off", "0", "false", "f").contains(l)) return false;
            return null;
        }
        if (Py.isNumber(v) && Py.eq(v, 1L)) return true;
        if (Py.isNumber(v) && Py.eq(v, 0L)) return false;
        return null;
    }

    /** Jinja's int: int(value, base) for strings, else int(value); on failure int(float(value)); else the default. */
    static Object toInt(Object in, Args a, Context c) {
        Object dflt = a.get(0, "default", 0L);
        long base = Vals.integer(a.get(1, "base", 10L), "base");
        Object v = Vals.defined(in);
        if (v instanceof String s) {
            Long parsed = parseInt(s, base);
            if (parsed != null) return parsed;
        } else if (v instanceof Long || v instanceof Boolean) {
            return Py.toLong(v);
        } else if (v instanceof Double d) {
            return floatToInt(d);
        }
        Double f = v instanceof String s ? parseFloat(s) : null;
        if (f == null || f.isNaN()) return dflt;
        return floatToInt(f);
    }

    static long floatToInt(double d) {
        if (Double.isInfinite(d)) throw new EvalException("cannot convert float infinity to integer");
        if (Double.isNaN(d)) throw new EvalException("cannot convert float NaN to integer");
        if (d >= 0x1p63 || d < -0x1p63) throw new EvalException("integer " + new BigDecimal(d).toBigInteger() + " is out of range");
        return (long) d;
    }

    /** Python's int(str, base): whitespace, sign, underscores between digits, 0x/0o/0b prefixes; null if invalid. */
    static Long parseInt(String s, long base) {
        if (base != 0 && (base < 2 || base > 36)) throw new EvalException("int() base must be >= 2 and <= 36, or 0");
        String t = PyStr.strip(s, null, true, true);
        boolean neg = false;
        if (!t.isEmpty() && (t.charAt(0) == '+' || t.charAt(0) == '-')) {
            neg = t.charAt(0) == '-';
            t = t.substring(1);
        }
        int radix = (int) base;
        String lower = PyStr.lower(t);
        boolean prefixed = false;
        if (lower.length() > 1 && lower.charAt(0) == '0' && "xob".indexOf(lower.charAt(1)) >= 0) {
            int r = lower.charAt(1) == 'x' ? 16 : lower.charAt(1) == 'o' ? 8 : 2;
            if (base == 0 || base == r) {
                radix = r;
                t = t.substring(2);
                prefixed = true;
                if (t.startsWith("_")) t = t.substring(1);
            }
        }
        if (radix == 0) {
            radix = 10;
            if (t.length() > 1 && t.chars().allMatch(ch -> ch == '0' || ch == '_') == false && t.charAt(0) == '0') return null;
        }
        if (t.isEmpty() || t.startsWith("_") || t.endsWith("_") || t.contains("__")) return null;
        String digits = t.replace("_", "");
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), radix) < 0) return null;
        }
        if (prefixed && digits.isEmpty()) return null;
        BigInteger b = new BigInteger(digits, radix);
        if (neg) b = b.negate();
        if (b.bitLength() >= 64) throw new EvalException("integer " + b + " is out of range");
        return b.longValue();
    }

    /** Python's float(str); null when Python would raise ValueError. */
    static Double parseFloat(String s) {
        String t = PyStr.strip(s, null, true, true);
        if (t.isEmpty() || !FLOAT.matcher(t).matches()) return null;
        String l = PyStr.lower(t);
        String body = l.startsWith("+") || l.startsWith("-") ? l.substring(1) : l;
        double sign = l.startsWith("-") ? -1 : 1;
        if (body.equals("inf") || body.equals("infinity")) return sign * Double.POSITIVE_INFINITY;
        if (body.equals("nan")) return Double.NaN;
        if (body.equals(".") || body.startsWith("e") || body.startsWith(".e") || !body.chars().anyMatch(Character::isDigit)) return null;
        if (body.contains("_.") || body.contains("._") || body.contains("_e") || body.contains("e_")) return null;
        try {
            return Double.parseDouble(t.replace("_", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Object toFloat(Object in, Args a, Context c) {
        Object dflt = a.get(0, "default", 0.0);
        Object v = Vals.defined(in);
        if (v instanceof Long || v instanceof Boolean || v instanceof Double) return Py.toDouble(v);
        if (v instanceof String s) {
            Double d = parseFloat(s);
            if (d != null) return d;
        }
        return dflt;
    }

    static Object ternary(Object in, Args a, Context c) {
        Object v = Vals.defined(in);
        Object t = a.get(0, "true_val", null);
        Object f = a.get(1, "false_val", null);
        Object n = a.get(2, "none_val", null);
        if (!a.has(1, "false_val")) throw new EvalException("ternary() missing required argument: 'false_val'");
        if (v == null && n != null) return n;
        return Py.truthy(v) ? t : f;
    }

    static Object abs(Object in) {
        Object v = Vals.defined(in);
        if (v instanceof Boolean b) return b ? 1L : 0L;
        if (v instanceof Long l) {
            if (l == Long.MIN_VALUE) throw new EvalException("integer overflow in abs");
            return Math.abs(l);
        }
        if (v instanceof Double d) return Math.abs(d);
        throw new EvalException("bad operand type for abs(): '" + Py.typeName(v) + "'");
    }

    static Object round(Object in, Args a, Context c) {
        Object v = Vals.defined(in);
        long precision = Vals.integer(a.get(0, "precision", 0L), "precision");
        String method = Vals.str(a.get(1, "method", "common"));
        if (!Py.isNumber(v)) throw new EvalException("type " + Py.typeName(v) + " doesn't define __round__ method");
        if (precision > 400 || precision < -400) precision = Math.max(-400, Math.min(400, precision));
        switch (method) {
            case "common" -> {
                if (Py.isInt(v)) {
                    long l = Py.toLong(v);
                    if (precision >= 0) return l;
                    return new BigDecimal(l).setScale((int) precision, RoundingMode.HALF_EVEN).longValue();
                }
                double d = (Double) v;
                if (Double.isNaN(d) || Double.isInfinite(d)) return d;
                return new BigDecimal(d).setScale((int) precision, RoundingMode.HALF_EVEN).doubleValue();
            }
            case "ceil", "floor" -> {
                double d = Py.toDouble(v);
                double scale = Math.pow(10, precision);
                double scaled = d * scale;
                double r = method.equals("ceil") ? Math.ceil(scaled) : Math.floor(scaled);
                return precision >= 0 ? r / scale : r * Math.pow(10, -precision);
            }
            default -> throw new EvalException("method must be common, ceil or floor");
        }
    }

    /** Ansible's bytes_to_human: '%.2f %s' with the largest unit the size reaches (or the one asked). */
    static Object humanReadable(Object in, Args a, Context c) {
        Object v = Vals.defined(in);
        boolean isbits = Py.truthy(a.get(0, "isbits", false));
        Object unit = a.get(1, "unit", null);
        if (!Py.isNumber(v)) {
            throw new EvalException("human_readable() failed on bad input: '>=' not supported between instances of '"
                    + Py.typeName(v) + "' and 'int'");
        }
        double size = Py.toDouble(v);
        String base = isbits ? "bits" : "Bytes";
        char suffix = 'B';
        double limit = 1;
        for (int i = 0; i < SIZE_ORDER.length(); i++) {
            suffix = SIZE_ORDER.charAt(i);
            limit = Math.pow(2, 10 * (SIZE_ORDER.length() - 1 - i));
            if ((unit == null && size >= limit) || (unit != null && PyStr.upper(Vals.str(unit)).charAt(0) == suffix)) break;
        }
        String name = limit != 1 ? suffix + base.substring(0, 1) : base;
        BigDecimal q = new BigDecimal(size / limit).setScale(2, RoundingMode.HALF_EVEN);
        return q.toPlainString() + " " + name;
    }

    static Object humanToBytes(Object in, Args a, Context c) {
        Object v = Vals.defined(in);
        Object defaultUnit = a.get(0, "default_unit", null);
        boolean isbits = Py.truthy(a.get(1, "isbits", false));
        String number = Py.str(v);
        com.google.re2j.Matcher m = HUMAN.matcher(number);
        if (!m.find()) throw new EvalException("human_to_bytes() can't interpret following string: " + number);
        Double num = parseFloat(m.group(1));
        if (num == null) throw new EvalException("human_to_bytes() can't interpret following string: " + number);
        String unit = m.group(2) != null ? m.group(2) : defaultUnit == null ? null : Vals.str(defaultUnit);
        if (unit == null) return roundHalfEven(num);
        char key = PyStr.upper(unit).charAt(0);
        int idx = SIZE_ORDER.indexOf(key);
        if (idx < 0) throw new EvalException("human_to_bytes() can't interpret following string: " + number);
        char unitClass = isbits ? 'b' : 'B';
        String unitClassName = isbits ? "bit" : "byte";
        if (unit.length() > 1 && !PyStr.lower(unit).contains(unitClassName) && unit.charAt(1) != unitClass) {
            throw new EvalException("human_to_bytes() can't interpret following string: " + number);
        }
        double limit = Math.pow(2, 10 * (SIZE_ORDER.length() - 1 - idx));
        return roundHalfEven(num * limit);
    }

    private static long roundHalfEven(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) throw new EvalException("cannot convert float " + Py.floatRepr(d) + " to integer");
        BigInteger b = new BigDecimal(d).setScale(0, RoundingMode.HALF_EVEN).toBigInteger();
        if (b.bitLength() >= 64) throw new EvalException("integer " + b + " is out of range");
        return b.longValue();
    }
}
