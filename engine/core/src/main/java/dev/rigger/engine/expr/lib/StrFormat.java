package dev.rigger.engine.expr.lib;

import dev.rigger.engine.expr.eval.EvalException;
import dev.rigger.engine.expr.eval.Py;
import java.util.List;
import java.util.Map;

/**
 * Python's str.format with positional ({@code {}}, {@code {0}}) and named ({@code {name}}) fields,
 * conversions (!s !r !a) and the format-spec mini-language. Attribute and index access inside a
 * field ({@code {0.__class__}}, {@code {0[x]}}) is refused: a template must not reach into objects.
 */
final class StrFormat {
    private StrFormat() {}

    static String format(String fmt, List<Object> args, Map<String, Object> named, Context ctx) {
        StringBuilder out = new StringBuilder();
        int auto = 0;
        boolean manual = false;
        int i = 0;
        int n = fmt.length();
        while (i < n) {
            char c = fmt.charAt(i);
            if (c == '}') {
                if (i + 1 < n && fmt.charAt(i + 1) == '}') {
                    out.append('}');
                    i += 2;
                    continue;
                }
                throw new EvalException("Single '}' encountered in format string");
            }
            if (c != '{') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 < n && fmt.charAt(i + 1) == '{') {
                out.append('{');
                i += 2;
                continue;
            }
            int close = fmt.indexOf('}', i);
            if (close < 0) throw new EvalException("expected '}' before end of string");
            String field = fmt.substring(i + 1, close);
            if (field.indexOf('{') >= 0) throw new EvalException("nested replacement fields are not supported in format strings");
            i = close + 1;
            String spec = "";
            int colon = field.indexOf(':');
            if (colon >= 0) {
                spec = field.substring(colon + 1);
                field = field.substring(0, colon);
            }
            char conversion = 0;
            int bang = field.indexOf('!');
            if (bang >= 0) {
                String conv = field.substring(bang + 1);
                if (conv.length() != 1 || "rsa".indexOf(conv.charAt(0)) < 0) {
                    throw new EvalException("Unknown conversion specifier " + conv);
                }
                conversion = conv.charAt(0);
                field = field.substring(0, bang);
            }
            if (field.indexOf('.') >= 0 || field.indexOf('[') >= 0) {
                throw new EvalException("format fields may not access attributes or items ('" + field + "'): only {}, {0} and {name} are supported");
            }
            Object value;
            if (field.isEmpty()) {
                if (manual) throw new EvalException("cannot switch from manual field specification to automatic field numbering");
                value = positional(args, auto++);
            } else if (field.chars().allMatch(Character::isDigit)) {
                if (auto > 0) throw new EvalException("cannot switch from automatic field numbering to manual field specification");
                manual = true;
                value = positional(args, Integer.parseInt(field.length() > 9 ? "999999999" : field));
            } else {
                if (!named.containsKey(field)) throw new EvalException("KeyError: '" + field + "'");
                value = named.get(field);
            }
            value = Vals.defined(value);
            if (conversion == 's') value = Py.str(value);
            else if (conversion == 'r' || conversion == 'a') value = Py.repr(value);
            String s = formatValue(value, spec, ctx);
            Vals.charge(ctx, s.length());
            out.append(s);
        }
        return out.toString();
    }

    private static Object positional(List<Object> args, int i) {
        if (i >= args.size()) throw new EvalException("Replacement index " + i + " out of range for positional args tuple");
        return args.get(i);
    }

    /** format(value, spec): [[fill]align][sign][#][0][width][,|_][.precision][type]. */
    static String formatValue(Object v, String spec, Context ctx) {
        if (spec.isEmpty()) return Py.str(v);
        int i = 0;
        char fill = ' ';
        char align = 0;
        if (spec.length() >= 2 && "<>=^".indexOf(spec.charAt(1)) >= 0) {
            fill = spec.charAt(0);
            align = spec.charAt(1);
            i = 2;
        } else if ("<>=^".indexOf(spec.charAt(0)) >= 0) {
            align = spec.charAt(0);
            i = 1;
        }
        char sign = '-';
        if (i < spec.length() && "+- ".indexOf(spec.charAt(i)) >= 0) sign = spec.charAt(i++);
        boolean alt = false;
        if (i < spec.length() && spec.charAt(i) == '#') {
            alt = true;
            i++;
        }
        if (i < spec.length() && spec.charAt(i) == '0') {
            if (align == 0) {
                fill = '0';
                align = '=';
            }
            i++;
        }
        int ws = i;
        while (i < spec.length() && Character.isDigit(spec.charAt(i))) i++;
        long width = i > ws ? Long.parseLong(spec.substring(ws, Math.min(i, ws + 9))) : 0;
        char grouping = 0;
        if (i < spec.length() && (spec.charAt(i) == ',' || spec.charAt(i) == '_')) grouping = spec.charAt(i++);
        int precision = -1;
        if (i < spec.length() && spec.charAt(i) == '.') {
            int ps = ++i;
            while (i < spec.length() && Character.isDigit(spec.charAt(i))) i++;
            if (i == ps) throw new EvalException("Format specifier missing precision");
            precision = Integer.parseInt(spec.substring(ps, Math.min(i, ps + 4)));
        }
        char type = 0;
        if (i < spec.length()) type = spec.charAt(i++);
        if (i < spec.length()) throw new EvalException("Invalid format specifier '" + spec + "'");
        String body;
        boolean numeric = Py.isNumber(v);
        if (v instanceof String s) {
            if (type != 0 && type != 's') throw new EvalException("Unknown format code '" + type + "' for object of type 'str'");
            if (sign != '-' || align == '=') throw new EvalException("Sign not allowed in string format specifier");
            body = precision >= 0 && precision < s.length() ? s.substring(0, precision) : s;
            if (align == 0) align = '<';
        } else if (numeric) {
            body = number(v, type, precision, alt, grouping, sign);
            if (align == 0) align = '>';
        } else {
            throw new EvalException("unsupported format string passed to " + Py.typeName(v) + ".__format__");
        }
        if (width > body.length()) {
            Vals.charge(ctx, width);
            int pad = (int) (width - body.length());
            String f = String.valueOf(fill);
            body = switch (align) {
                case '<' -> body + f.repeat(pad);
                case '^' -> f.repeat(pad / 2) + body + f.repeat(pad - pad / 2);
                case '=' -> {
                    int signLen = !body.isEmpty() && "+- ".indexOf(body.charAt(0)) >= 0 ? 1 : 0;
                    if (alt && body.length() > signLen + 1 && body.charAt(signLen) == '0' && "xXob".indexOf(body.charAt(signLen + 1)) >= 0) signLen += 2;
                    yield body.substring(0, signLen) + f.repeat(pad) + body.substring(signLen);
                }
                default -> f.repeat(pad) + body;
            };
        }
        return body;
    }

    private static String number(Object v, char type, int precision, boolean alt, char grouping, char sign) {
        boolean integral = Py.isInt(v);
        String s;
        if (integral && (type == 0 || "dbcoxXn".indexOf(type) >= 0)) {
            long l = Py.toLong(v);
            String digits = switch (type) {
                case 'b' -> Long.toBinaryString(Math.abs(l));
                case 'o' -> Long.toOctalString(Math.abs(l));
                case 'x' -> Long.toHexString(Math.abs(l));
                case 'X' -> PyStr.upper(Long.toHexString(Math.abs(l)));
                case 'c' -> PyStr.chr(l);
                default -> Long.toString(Math.abs(l)).replace("-", "");
            };
            if (l == Long.MIN_VALUE && (type == 0 || type == 'd' || type == 'n')) digits = "9223372036854775808";
            if (grouping != 0 && (type == 0 || type == 'd')) digits = group(digits, grouping);
            if (alt && "box".indexOf(Character.toLowerCase(type)) >= 0) digits = "0" + type + digits;
            s = (l < 0 ? "-" : "") + digits;
        } else {
            if (type != 0 && "eEfFgG%".indexOf(type) < 0) {
                throw new EvalException("Unknown format code '" + type + "' for object of type '" + Py.typeName(v) + "'");
            }
            double d = Py.toDouble(v);
            if (type == '%') {
                s = PrintfFormat.floating(d * 100, 'f', precision < 0 ? 6 : precision, alt) + "%";
            } else if (type == 0 && precision < 0) {
                s = Py.floatRepr(d);
            } else {
                char t = type == 0 ? 'g' : Character.toLowerCase(type);
                s = PrintfFormat.floating(d, t, precision < 0 ? 6 : precision, alt);
                if (type == 0 && !s.contains(".") && !s.contains("e") && !s.contains("n")) s += ".0";
                if (Character.isUpperCase(type)) s = PyStr.upper(s);
            }
            if (grouping != 0) {
                boolean neg = s.startsWith("-");
                String body = neg ? s.substring(1) : s;
                int end = 0;
                while (end < body.length() && Character.isDigit(body.charAt(end))) end++;
                s = (neg ? "-" : "") + group(body.substring(0, end), grouping) + body.substring(end);
            }
        }
        if (!s.startsWith("-")) {
            if (sign == '+') s = "+" + s;
            else if (sign == ' ') s = " " + s;
        }
        return s;
    }

    private static String group(String digits, char sep) {
        StringBuilder sb = new StringBuilder();
        int n = digits.length();
        for (int i = 0; i < n; i++) {
            if (i > 0 && (n - i) % 3 == 0) sb.append(sep);
            sb.append(digits.charAt(i));
        }
        return sb.toString();
    }
}
