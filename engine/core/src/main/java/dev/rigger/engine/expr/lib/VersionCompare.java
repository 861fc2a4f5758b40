package dev.rigger.engine.expr.lib;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.rigger.engine.expr.eval.EvalException;
import dev.rigger.engine.expr.eval.Py;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The version / version_compare test: LooseVersion (the default), StrictVersion and SemanticVersion
 * as ansible.module_utils.compat.version and ansible.utils.version define them.
 */
final class VersionCompare {
    private VersionCompare() {}

    private static final Map<String, String> OPS = Map.ofEntries(Map.entry("==", "eq"), Map.entry("=", "eq"),
            Map.entry("eq", "eq"), Map.entry("<", "lt"), Map.entry("lt", "lt"), Map.entry("<=", "le"), Map.entry("le", "le"),
            Map.entry(">", "gt"), Map.entry("gt", "gt"), Map.entry(">=", "ge"), Map.entry("ge", "ge"), Map.entry("!=", "ne"),
            Map.entry("<>", "ne"), Map.entry("ne", "ne"));
    private static final Pattern LOOSE = Pattern.compile("(\\d+|[a-z]+|\\.)");
    private static final Pattern STRICT = Pattern.compile("^(\\d+)\\.(\\d+)(\\.(\\d+))?([ab](\\d+))?$");
    private static final String NUM = "(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)";
    private static final Pattern SEMVER = Pattern.compile("^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-(" + NUM + "(?:\\." + NUM + ")*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

    static void register(Registry r) {
        r.test(VersionCompare::test, "version", "version_compare");
        r.filter((in, a, c) -> test(in, a, c), "version_compare");
    }

    static boolean test(Object value, Args a, Context c) {
        Object version = a.get(0, "version", null);
        String op = Vals.str(a.get(1, "operator", "eq"));
        Object strict = a.get(2, "strict", null);
        Object type = a.get(3, "version_type", null);
        if (strict != null && type != null) throw new EvalException("Cannot specify both 'strict' and 'version_type'");
        if (!Py.truthy(Vals.defined(value))) throw new EvalException("Input version value cannot be empty");
        if (!Py.truthy(Vals.defined(version))) throw new EvalException("Version parameter to compare against cannot be empty");
        String kind = "loose";
        if (Py.truthy(strict)) kind = "strict";
        else if (type != null) {
            kind = Vals.str(type);
            if (kind.equals("semantic")) kind = "semver";
            if (!List.of("loose", "strict", "semver").contains(kind)) {
                if (kind.equals("pep440")) throw new EvalException("The pep440 version_type is not supported by Rigger");
                throw new EvalException("Invalid version type (" + kind + "). Must be one of 'loose', 'strict', 'semver', 'semantic', 'pep440'");
            }
        }
        String o = OPS.get(op);
        if (o == null) {
            throw new EvalException("Invalid operator type (" + op + "). Must be one of '==', '=', 'eq', '<', 'lt', '<=', 'le', '>', 'gt', '>=', 'ge', '!=', '<>', 'ne'");
        }
        int cmp;
        try {
            String x = Py.str(Vals.defined(value));
            String y = Py.str(Vals.defined(version));
            cmp = switch (kind) {
                case "strict" -> compareStrict(x, y);
                case "semver" -> compareSemver(x, y);
                default -> compareLoose(x, y, o);
            };
        } catch (EvalException e) {
            throw new EvalException("Version comparison failed: " + e.getMessage());
        }
        return switch (o) {
            case "eq" -> cmp == 0;
            case "ne" -> cmp != 0;
            case "lt" -> cmp < 0;
            case "le" -> cmp <= 0;
            case "gt" -> cmp > 0;
            default -> cmp >= 0;
        };
    }

    /** LooseVersion: numbers and lower-case letter runs, compared as Python lists (int vs str raises). */
    static List<Object> loose(String v) {
        List<Object> parts = new ArrayList<>();
        Matcher m = LOOSE.matcher(v);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) parts.add(v.substring(last, m.start()));
            parts.add(m.group());
            last = m.end();
        }
        if (last < v.length()) parts.add(v.substring(last));
        List<Object> out = new ArrayList<>();
        for (Object p : parts) {
            String s = (String) p;
            if (s.isEmpty() || s.equals(".")) continue;
            Long n = TypeFilters.parseInt(s, 10);
            out.add(n != null ? (Object) n : s);
        }
        return out;
    }

    static int compareLoose(String x, String y, String op) {
        List<Object> a = loose(x);
        List<Object> b = loose(y);
        if (Py.eq(a, b)) return 0;
        return Py.compare(a, b);
    }

    static int compareStrict(String x, String y) {
        long[] a = strict(x);
        long[] b = strict(y);
        for (int i = 0; i < 3; i++) if (a[i] != b[i]) return Long.compare(a[i], b[i]);
        boolean pa = a[3] != 0;
        boolean pb = b[3] != 0;
        if (!pa && !pb) return 0;
        if (pa && !pb) return -1;
        if (!pa) return 1;
        if (a[3] != b[3]) return Long.compare(a[3], b[3]);
        return Long.compare(a[4], b[4]);
    }

    /** [major, minor, patch, prerelease letter (0 none), prerelease number]. */
    private static long[] strict(String v) {
        Matcher m = STRICT.matcher(v);
        if (!m.matches()) throw new EvalException("invalid version number '" + v + "'");
        return new long[] {num(m.group(1)), num(m.group(2)), m.group(4) == null ? 0 : num(m.group(4)),
            m.group(5) == null ? 0 : m.group(5).charAt(0), m.group(6) == null ? 0 : num(m.group(6))};
    }

    private static long num(String s) {
        BigInteger b = new BigInteger(s);
        if (b.bitLength() >= 63) throw new EvalException("version number " + s + " is too large");
        return b.longValue();
    }

    static int compareSemver(String x, String y) {
        Matcher a = SEMVER.matcher(x);
        if (!a.matches()) throw new EvalException("invalid semantic version '" + x + "'");
        Matcher b = SEMVER.matcher(y);
        if (!b.matches()) throw new EvalException("invalid semantic version '" + y + "'");
        for (int i = 1; i <= 3; i++) {
            int c = Long.compare(num(a.group(i)), num(b.group(i)));
            if (c != 0) return c;
        }
        String pa = a.group(4);
        String pb = b.group(4);
        if (pa == null && pb == null) return 0;
        if (pa != null && pb == null) return -1;
        if (pa == null) return 1;
        String[] ia = pa.split("\\.");
        String[] ib = pb.split("\\.");
        for (int i = 0; i < Math.min(ia.length, ib.length); i++) {
            int c = prereleasePart(ia[i], ib[i]);
            if (c != 0) return c;
        }
        return Integer.compare(ia.length, ib.length);
    }

    /** ansible's _Numeric/_Alpha: numbers sort before words, numbers numerically, words by code point. */
    private static int prereleasePart(String x, String y) {
        boolean nx = x.chars().allMatch(Character::isDigit);
        boolean ny = y.chars().allMatch(Character::isDigit);
        if (nx && ny) return new BigInteger(x).compareTo(new BigInteger(y));
        if (nx) return -1;
        if (ny) return 1;
        return Py.compare(x, y);
    }
}
