package dev.rigger.engine.expr.eval;

import dev.rigger.engine.expr.lib.Context;
import dev.rigger.engine.expr.lib.PrintfFormat;
import java.util.ArrayList;
import java.util.List;

/** Python's arithmetic and {@code %}-formatting on the value model, each result charged to the budget. */
final class Operators {
    private Operators() {}

    static Object binary(String op, Object a, Object b, Context ctx) {
        Budget budget = ctx.budget();
        boolean concat = op.equals("~");
        if (a instanceof Undefined u && !(concat && u.lenient())) throw u.fail();
        if (b instanceof Undefined u && !(concat && u.lenient())) throw u.fail();
        return switch (op) {
            case "+" -> add(a, b, budget);
            case "-" -> arith(op, a, b);
            case "*" -> multiply(a, b, budget);
            case "/" -> divide(a, b);
            case "//" -> floorDivide(a, b);
            case "%" -> a instanceof String s ? PrintfFormat.operator(s, b, ctx) : modulo(a, b);
            case "**" -> power(a, b);
            case "~" -> {
                String s = Py.str(a);
                String t = Py.str(b);
                budget.charge((long) s.length() + t.length());
                yield s + t;
            }
            default -> throw new EvalException("unknown operator " + op);
        };
    }

    private static boolean numeric(Object v) {
        return Py.isNumber(v);
    }

    private static boolean bothInts(Object a, Object b) {
        return Py.isInt(a) && Py.isInt(b);
    }

    private static EvalException unsupported(String op, Object a, Object b) {
        return new EvalException("unsupported operand type(s) for " + op + ": '" + Py.typeName(a) + "' and '" + Py.typeName(b) + "'");
    }

    private static Object add(Object a, Object b, Budget budget) {
        if (a instanceof String s && b instanceof String t) {
            budget.charge((long) s.length() + t.length());
            return s + t;
        }
        if (a instanceof List<?> l && b instanceof List<?> m) {
            budget.charge((long) l.size() + m.size());
            List<Object> out = new ArrayList<>(l);
            out.addAll(m);
            return out;
        }
        if (numeric(a) && numeric(b)) return arith("+", a, b);
        if (a instanceof String || b instanceof String) {
            throw new EvalException("can only concatenate str (not \"" + Py.typeName(a instanceof String ? b : a) + "\") to str");
        }
        throw unsupported("+", a, b);
    }

    private static Object arith(String op, Object a, Object b) {
        if (!numeric(a) || !numeric(b)) throw unsupported(op, a, b);
        if (bothInts(a, b)) {
            long x = Py.toLong(a);
            long y = Py.toLong(b);
            try {
                return switch (op) {
                    case "+" -> Math.addExact(x, y);
                    case "-" -> Math.subtractExact(x, y);
                    default -> Math.multiplyExact(x, y);
                };
            } catch (ArithmeticException e) {
                throw new EvalException("integer overflow in '" + op + "'");
            }
        }
        double x = Py.toDouble(a);
        double y = Py.toDouble(b);
        return switch (op) {
            case "+" -> x + y;
            case "-" -> x - y;
            default -> x * y;
        };
    }

    private static Object multiply(Object a, Object b, Budget budget) {
        if (a instanceof String s && Py.isInt(b)) return repeatString(s, Py.toLong(b), budget);
        if (b instanceof String s && Py.isInt(a)) return repeatString(s, Py.toLong(a), budget);
        if (a instanceof List<?> l && Py.isInt(b)) return repeatList(l, Py.toLong(b), budget);
        if (b instanceof List<?> l && Py.isInt(a)) return repeatList(l, Py.toLong(a), budget);
        return arith("*", a, b);
    }

    private static String repeatString(String s, long times, Budget budget) {
        if (times <= 0 || s.isEmpty()) return "";
        if (times > Integer.MAX_VALUE) budget.charge(Long.MAX_VALUE);
        budget.charge(s.length() * times);
        return s.repeat((int) times);
    }

    private static List<Object> repeatList(List<?> l, long times, Budget budget) {
        List<Object> out = new ArrayList<>();
        if (times <= 0) return out;
        budget.charge(l.size() * Math.min(times, Integer.MAX_VALUE));
        for (long k = 0; k < times; k++) out.addAll(l);
        return out;
    }

    private static Object divide(Object a, Object b) {
        if (!numeric(a) || !numeric(b)) throw unsupported("/", a, b);
        double y = Py.toDouble(b);
        if (y == 0) throw new EvalException("division by zero");
        return Py.toDouble(a) / y;
    }

    private static Object floorDivide(Object a, Object b) {
        if (!numeric(a) || !numeric(b)) throw unsupported("//", a, b);
        if (bothInts(a, b)) {
            long y = Py.toLong(b);
            if (y == 0) throw new EvalException("integer division or modulo by zero");
            return Math.floorDiv(Py.toLong(a), y);
        }
        double y = Py.toDouble(b);
        if (y == 0) throw new EvalException("float floor division by zero");
        return Math.floor(Py.toDouble(a) / y);
    }

    private static Object modulo(Object a, Object b) {
        if (!numeric(a) || !numeric(b)) throw unsupported("%", a, b);
        if (bothInts(a, b)) {
            long y = Py.toLong(b);
            if (y == 0) throw new EvalException("integer division or modulo by zero");
            return Math.floorMod(Py.toLong(a), y);
        }
        double x = Py.toDouble(a);
        double y = Py.toDouble(b);
        if (y == 0) throw new EvalException("float modulo");
        double r = x % y;
        return r != 0 && (r < 0) != (y < 0) ? r + y : r;
    }

    private static Object power(Object a, Object b) {
        if (!numeric(a) || !numeric(b)) throw unsupported("** or pow()", a, b);
        if (bothInts(a, b) && Py.toLong(b) >= 0) {
            long base = Py.toLong(a);
            long exp = Py.toLong(b);
            long result = 1;
            try {
                for (long k = 0; k < exp; k++) {
                    result = Math.multiplyExact(result, base);
                    if (base == 0 || base == 1) break;
                    if (base == -1) return exp % 2 == 0 ? 1L : -1L;
                }
            } catch (ArithmeticException e) {
                throw new EvalException("integer overflow in '**'");
            }
            return result;
        }
        return Math.pow(Py.toDouble(a), Py.toDouble(b));
    }

    static Object negate(Object v) {
        if (v instanceof Undefined u) throw u.fail();
        if (!numeric(v)) throw new EvalException("bad operand type for unary -: '" + Py.typeName(v) + "'");
        if (Py.isInt(v)) {
            long x = Py.toLong(v);
            if (x == Long.MIN_VALUE) throw new EvalException("integer overflow in unary -");
            return -x;
        }
        return -Py.toDouble(v);
    }

    static Object plus(Object v) {
        if (v instanceof Undefined u) throw u.fail();
        if (!numeric(v)) throw new EvalException("bad operand type for unary +: '" + Py.typeName(v) + "'");
        return v instanceof Boolean b ? (b ? 1L : 0L) : Py.norm(v);
    }
}
