package dev.rigger.engine.expr.lib;

import dev.rigger.engine.expr.eval.EvalException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Python's str methods, with Python's idea of whitespace, line breaks and character classes. */
final class PyStr {
    private PyStr() {}

    /** Python's str.isspace() for one code point. */
    static boolean isSpace(int c) {
        return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) || c == 0x85 || c == 0xa0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f
                || c == 0x3000;
    }

    static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || c == 0x1c || c == 0x1d || c == 0x1e || c == 0x85
                || c == 0x2028 || c == 0x2029;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    /** str.capitalize(): first character title-cased, the rest lower-cased. */
    static String capitalize(String s) {
        if (s.isEmpty()) return s;
        int first = s.codePointAt(0);
        int n = Character.charCount(first);
        return titleChar(first) + lower(s.substring(n));
    }

    /** Python's title case of one character, full mapping: 'ß' is "Ss". */
    static String titleChar(int c) {
        int t = Character.toTitleCase(c);
        String one = new String(Character.toChars(c));
        if (t == c) {
            String up = upper(one);
            if (up.codePointCount(0, up.length()) > 1) {
                int k = Character.charCount(up.codePointAt(0));
                return up.substring(0, k) + lower(up.substring(k));
            }
        }
        return new String(Character.toChars(t));
    }

    /** Python's str.title(): a letter after a non-letter is upper-cased, the others lower-cased. */
    static String title(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean prevCased = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            boolean cased = Character.isUpperCase(c) || Character.isLowerCase(c) || Character.isTitleCase(c);
            if (cased && !prevCased) sb.append(titleChar(c));
            else sb.appendCodePoint(cased ? Character.toLowerCase(c) : c);
            prevCased = cased;
        }
        return sb.toString();
    }

    static String strip(String s, String chars, boolean left, boolean right) {
        int start = 0;
        int end = s.length();
        if (left) while (start < end && stripped(s.charAt(start), chars)) start++;
        if (right) while (end > start && stripped(s.charAt(end - 1), chars)) end--;
        return s.substring(start, end);
    }

    private static boolean stripped(char c, String chars) {
        return chars == null ? isSpace(c) : chars.indexOf(c) >= 0;
    }

    /** str.split(sep, maxsplit): sep None splits on runs of whitespace and drops empty pieces. */
    static List<Object> split(String s, String sep, long maxsplit) {
        List<Object> out = new ArrayList<>();
        if (sep == null) {
            int i = 0;
            int n = s.length();
            while (true) {
                while (i < n && isSpace(s.charAt(i))) i++;
                if (i >= n) break;
                if (maxsplit >= 0 && out.size() >= maxsplit) {
                    out.add(s.substring(i));
                    break;
                }
                int j = i;
                while (j < n && !isSpace(s.charAt(j))) j++;
                out.add(s.substring(i, j));
                i = j;
            }
            return out;
        }
        if (sep.isEmpty()) throw new EvalException("empty separator");
        int i = 0;
        while (maxsplit < 0 || out.size() < maxsplit) {
            int j = s.indexOf(sep, i);
            if (j < 0) break;
            out.add(s.substring(i, j));
            i = j + sep.length();
        }
        out.add(s.substring(i));
        return out;
    }

    /** str.rsplit(sep, maxsplit). */
    static List<Object> rsplit(String s, String sep, long maxsplit) {
        if (maxsplit < 0) return split(s, sep, -1);
        List<Object> out = new ArrayList<>();
        if (sep == null) {
            int j = s.length();
            while (true) {
                while (j > 0 && isSpace(s.charAt(j - 1))) j--;
                if (j <= 0) break;
                if (out.size() >= maxsplit) {
                    out.add(s.substring(0, j));
                    break;
                }
                int i = j;
                while (i > 0 && !isSpace(s.charAt(i - 1))) i--;
                out.add(s.substring(i, j));
                j = i;
            }
        } else {
            if (sep.isEmpty()) throw new EvalException("empty separator");
            int j = s.length();
            while (out.size() < maxsplit) {
                int i = s.lastIndexOf(sep, j - sep.length());
                if (i < 0) break;
                out.add(s.substring(i + sep.length(), j));
                j = i;
            }
            out.add(s.substring(0, j));
        }
        java.util.Collections.reverse(out);
        return out;
    }

    static List<Object> splitlines(String s, boolean keepends) {
        List<Object> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            int j = i;
            while (j < n && !isLineBreak(s.charAt(j))) j++;
            int eol = j;
            if (j < n) {
                eol = (s.charAt(j) == '\r' && j + 1 < n && s.charAt(j + 1) == '\n') ? j + 2 : j + 1;
            }
            out.add(s.substring(i, keepends ? eol : j));
            i = eol;
        }
        return out;
    }

    /** str.replace(old, new, count), charging the result's size first. */
    static String replace(String s, String old, String neu, long count, Context ctx) {
        long limit = count < 0 ? Long.MAX_VALUE : count;
        if (old.isEmpty()) {
            long slots = Math.min(limit, (long) s.length() + 1);
            ctx.budget().charge(s.length() + slots * neu.length());
            StringBuilder sb = new StringBuilder();
            long done = 0;
            for (int i = 0; i <= s.length(); i++) {
                if (done < slots) {
                    sb.append(neu);
                    done++;
                }
                if (i < s.length()) sb.append(s.charAt(i));
            }
            return sb.toString();
        }
        long found = 0;
        for (int i = s.indexOf(old); i >= 0 && found < limit; i = s.indexOf(old, i + old.length())) found++;
        if (found == 0) return s;
        ctx.budget().charge(s.length() + found * ((long) neu.length() - old.length()) + found);
        StringBuilder sb = new StringBuilder();
        int i = 0;
        long done = 0;
        while (done < found) {
            int j = s.indexOf(old, i);
            sb.append(s, i, j).append(neu);
            i = j + old.length();
            done++;
            ctx.budget().tick();
        }
        return sb.append(s, i, s.length()).toString();
    }

    static String center(String s, long width, String fill, Context ctx) {
        int n = s.length();
        if (width <= n) return s;
        ctx.budget().charge(width);
        long marg = width - n;
        long left = marg / 2 + (marg & width & 1);
        return repeat(fill, left) + s + repeat(fill, marg - left);
    }

    static String ljust(String s, long width, String fill, Context ctx) {
        if (width <= s.length()) return s;
        ctx.budget().charge(width);
        return s + repeat(fill, width - s.length());
    }

    static String rjust(String s, long width, String fill, Context ctx) {
        if (width <= s.length()) return s;
        ctx.budget().charge(width);
        return repeat(fill, width - s.length()) + s;
    }

    static String zfill(String s, long width, Context ctx) {
        if (width <= s.length()) return s;
        ctx.budget().charge(width);
        String pad = repeat("0", width - s.length());
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) return s.charAt(0) + pad + s.substring(1);
        return pad + s;
    }

    static String fillChar(Object v) {
        String f = Vals.requireStr(v, "the fill character");
        if (f.codePointCount(0, f.length()) != 1) {
            throw new EvalException("The fill character must be exactly one character long");
        }
        return f;
    }

    static String repeat(String s, long times) {
        return times <= 0 ? "" : s.repeat((int) times);
    }

    /** Python's slice bounds of find/count/index: negative from the end, clamped. */
    static int bound(Object v, int len, int dflt) {
        if (v == null) return dflt;
        long i = Vals.integer(v, "slice index");
        if (i < 0) i = Math.max(0, i + len);
        return (int) Math.min(i, len);
    }

    static long find(String s, String sub, int start, int end, boolean fromRight) {
        if (start > end || end - start < sub.length()) return sub.isEmpty() && start <= end ? (fromRight ? end : start) : -1;
        String window = s.substring(start, end);
        int i = fromRight ? window.lastIndexOf(sub) : window.indexOf(sub);
        return i < 0 ? -1 : i + start;
    }

    static long count(String s, String sub, int start, int end) {
        if (start > end) return 0;
        String window = s.substring(start, end);
        if (sub.isEmpty()) return window.length() + 1L;
        long n = 0;
        for (int i = window.indexOf(sub); i >= 0; i = window.indexOf(sub, i + sub.length())) n++;
        return n;
    }

    /** Python's islower/isupper: at least one cased character, and every cased one of that case. */
    static boolean isCase(String s, boolean lowerWanted) {
        boolean cased = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isUpperCase(c) || Character.isTitleCase(c)) {
                if (lowerWanted) return false;
                cased = true;
            } else if (Character.isLowerCase(c)) {
                if (!lowerWanted) return false;
                cased = true;
            }
        }
        return cased;
    }

    interface CodePointTest {
        boolean test(int c);
    }

    static boolean all(String s, CodePointTest t) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (!t.test(c)) return false;
        }
        return true;
    }

    static boolean isDigit(int c) {
        return Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER || c == 0xb2 || c == 0xb3 || c == 0xb9
                || c == 0x2070 || (c >= 0x2074 && c <= 0x2079) || (c >= 0x2080 && c <= 0x2089);
    }

    static boolean isAlnum(int c) {
        return Character.isLetter(c) || Character.isDigit(c) || Character.getType(c) == Character.OTHER_NUMBER
                || Character.getType(c) == Character.LETTER_NUMBER;
    }

    /** Python's {@code chr()}: one code point, 0 to 0x10FFFF (what {@code %c} and {@code {:c}} print). */
    static String chr(long codePoint) {
        if (codePoint < 0 || codePoint > Character.MAX_CODE_POINT) {
            throw new dev.rigger.engine.expr.eval.EvalException("%c arg not in range(0x110000)");
        }
        return new String(Character.toChars((int) codePoint));
    }
}
