package dev.rigger.engine.expr.eval;

import java.util.List;
import java.util.Map;

/**
 * Python's {@code 'fmt' % args} for the conversions templates use: {@code %s %r %d %i %f %F %e %x
 * %X %o %%}, with flags, width and precision, and {@code %(name)s} with a dict. No attribute or
 * index access happens inside a field: only the values given are formatted.
 */
final class PercentFormat {
    private PercentFormat() {}

    static String format(String fmt, Object args, Budget budget) {
        List<?> positional = args instanceof List<?> l ? l : List.of(args == null ? "None" : args);
        if (args == null) positional = java.util.Collections.singletonList(null);
        Map<?, ?> named = args instanceof Map<?, ?> m ? m : null;
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int k = 0; k < fmt.length(); k++) {
            char c = fmt.charAt(k);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (++k >= fmt.length()) throw new EvalException("incomplete format");
            Object value;
            String key = null;
            if (fmt.charAt(k) == '(') {
                int close = fmt.indexOf(')', k);
                if (close < 0) throw new EvalException("incomplete format key");
                key = fmt.substring(k + 1, close);
                k = close + 1;
            }
            int specStart = k;
            while (k < fmt.length() && "-+ #0".indexOf(fmt.charAt(k)) >= 0) k++;
            while (k < fmt.length() && Character.isDigit(fmt.charAt(k))) k++;
            if (k < fmt.length() && fmt.charAt(k) == '.') {
                k++;
                while (k < fmt.length() && Character.isDigit(fmt.charAt(k))) k++;
            }
            if (k >= fmt.length()) throw new EvalException("incomplete format");
            String spec = fmt.substring(specStart, k);
            char conv = fmt.charAt(k);
            if (conv == '%') {
                out.append('%');
                continue;
            }
            if (key != null) {
                if (named == null) throw new EvalException("format requires a mapping");
                if (!Py.hasKey(named, key)) throw new EvalException("KeyError: '" + key + "'");
                value = Py.getKey(named, key, null);
            } else {
                if (next >= positional.size()) throw new EvalException("not enough arguments for format string");
                value = positional.get(next++);
            }
            String piece = convert(conv, spec, value);
            budget.charge(piece.length());
            out.append(piece);
        }
        if (named == null && next < positional.size() && args instanceof List<?>) {
            throw new EvalException("not all arguments converted during string formatting");
        }
        return out.toString();
    }

    private static String convert(char conv, String spec, Object value) {
        String flags = spec.replaceAll("[0-9.].*$", "");
        String rest = spec.substring(flags.length());
        int width = 0;
        Integer precision = null;
        if (!rest.isEmpty()) {
            String[] parts = rest.split("\\.", -1);
            if (!parts[0].isEmpty()) width = Integer.parseInt(parts[0]);
            if (parts.length > 1) precision = parts[1].isEmpty() ? 0 : Integer.parseInt(parts[1]);
        }
        if (width > 10_000 || (precision != null && precision > 10_000)) throw new EvalException("format width too large");
        String body = switch (conv) {
            case 's' -> precision == null ? Py.str(value) : truncate(Py.str(value), precision);
            case 'r', 'a' -> precision == null ? Py.repr(value) : truncate(Py.repr(value), precision);
            case 'd', 'i', 'u' -> {
                if (!Py.isNumber(value)) throw new EvalException("%" + conv + " format: a real number is required, not " + Py.typeName(value));
                yield signed(Long.toString(Py.isInt(value) ? Py.toLong(value) : (long) Py.toDouble(value)), flags);
            }
            case 'f', 'F', 'e', 'E', 'g', 'G' -> {
                if (!Py.isNumber(value)) throw new EvalException("must be real number, not " + Py.typeName(value));
                String f = String.format(java.util.Locale.ROOT, "%." + (precision == null ? 6 : precision) + conv, Py.toDouble(value));
                yield signed(f, flags);
            }
            case 'x', 'X', 'o' -> {
                if (!Py.isInt(value)) throw new EvalException("%" + conv + " format: an integer is required, not " + Py.typeName(value));
                long v = Py.toLong(value);
                String digits = conv == 'o' ? Long.toOctalString(Math.abs(v)) : Long.toHexString(Math.abs(v));
                if (conv == 'X') digits = digits.toUpperCase(java.util.Locale.ROOT);
                if (flags.contains("#")) digits = (conv == 'o' ? "0o" : conv == 'x' ? "0x" : "0X") + digits;
                yield signed((v < 0 ? "-" : "") + digits, flags);
            }
            case 'c' -> Py.isInt(value) ? new String(Character.toChars((int) Py.toLong(value))) : Py.str(value);
            default -> throw new EvalException("unsupported format character '" + conv + "'");
        };
        if (body.length() >= width) return body;
        String pad = (flags.contains("0") && !flags.contains("-") && conv != 's' && conv != 'r') ? "0" : " ";
        String padding = pad.repeat(width - body.length());
        if (flags.contains("-")) return body + padding;
        if (pad.equals("0") && (body.startsWith("-") || body.startsWith("+"))) return body.charAt(0) + padding + body.substring(1);
        return padding + body;
    }

    private static String truncate(String s, int n) {
        return s.length() > n ? s.substring(0, n) : s;
    }

    private static String signed(String s, String flags) {
        if (s.startsWith("-")) return s;
        if (flags.contains("+")) return "+" + s;
        if (flags.contains(" ")) return " " + s;
        return s;
    }
}
