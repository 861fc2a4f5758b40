package dev.rigger.engine.expr.lib;

import com.google.re2j.Pattern;
import dev.rigger.engine.expr.eval.EvalException;
import dev.rigger.engine.expr.eval.Py;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PyYAML's safe_dump output for the value model, as Ansible's to_yaml and to_nice_yaml produce it:
 * a port of PyYAML's representer (sorted keys, flow style for collections of scalars when
 * default_flow_style is None) and of its emitter's scalar analysis, style choice, line folding at
 * the width, and indentation (sequences in mappings are indentless).
 */
final class YamlEmitter {
    private static final Pattern BOOL = Pattern.compile("^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$");
    private static final Pattern FLOAT = Pattern.compile("^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?"
            + "|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
    private static final Pattern INT = Pattern.compile("^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)"
            + "|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$");
    private static final Pattern NULL = Pattern.compile("^(?:~|null|Null|NULL|)$");
    private static final Pattern TIMESTAMP = Pattern.compile("^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
            + "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \\t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?"
            + "(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$");

    /** The options of yaml.dump that Ansible's filters pass or users set. */
    record Options(Boolean defaultFlowStyle, int indent, int width, boolean sortKeys, boolean explicitStart, boolean explicitEnd) {}

    private sealed interface Node permits Scalar, Seq, MapNode {}

    private record Scalar(String value, boolean plainImplicit) implements Node {}

    private record Seq(List<Node> items, boolean flow) implements Node {}

    private record MapNode(List<Node[]> pairs, boolean flow) implements Node {}

    private final StringBuilder out = new StringBuilder();
    private final int bestIndent;
    private final int bestWidth;
    private final Context ctx;
    private final List<Integer> indents = new ArrayList<>();
    private Integer indent;
    private int column;
    private boolean whitespace = true;
    private boolean indention = true;
    private int flowLevel;
    private boolean mappingContext;
    private boolean simpleKeyContext;

    private YamlEmitter(Options o, Context ctx) {
        this.bestIndent = o.indent() > 1 && o.indent() < 10 ? o.indent() : 2;
        this.bestWidth = o.width() > bestIndent * 2 ? o.width() : o.width() < 0 ? Integer.MAX_VALUE : 80;
        this.ctx = ctx;
    }

    static String dump(Object value, Options o, Context ctx) {
        YamlEmitter e = new YamlEmitter(o, ctx);
        Node root = represent(value, o, 0, ctx);
        if (o.explicitStart()) {
            e.writeIndent();
            e.writeIndicator("---", true, false, false);
        }
        e.node(root, true, false, false);
        e.writeIndent();
        if (o.explicitEnd()) {
            e.writeIndicator("...", true, false, false);
            e.writeIndent();
        }
        return e.out.toString();
    }

    // ---- representer ----

    private static Node represent(Object v0, Options o, int depth, Context ctx) {
        if (depth > 200) throw new EvalException("value nested deeper than 200 levels");
        ctx.budget().tick();
        Object v = Vals.defined(v0);
        if (v == null) return new Scalar("null", true);
        if (v instanceof Boolean b) return new Scalar(b ? "true" : "false", true);
        if (v instanceof Long l) return new Scalar(Long.toString(l), true);
        if (v instanceof Double d) return new Scalar(floatValue(d), true);
        if (v instanceof String s) return new Scalar(s, resolvesToStr(s));
        if (v instanceof List<?> l) {
            List<Node> items = new ArrayList<>(l.size());
            boolean best = true;
            for (Object item : l) {
                Node n = represent(item, o, depth + 1, ctx);
                if (!(n instanceof Scalar)) best = false;
                items.add(n);
            }
            return new Seq(items, o.defaultFlowStyle() != null ? o.defaultFlowStyle() : best);
        }
        if (v instanceof Map<?, ?> m) {
            List<Object> keys = new ArrayList<>(m.keySet());
            if (o.sortKeys()) {
                try {
                    keys = ListFilters.sortBy(keys, k -> k, false);
                } catch (EvalException notSortable) {
                    // PyYAML leaves keys it cannot sort in their order
                }
            }
            List<Node[]> pairs = new ArrayList<>(keys.size());
            boolean best = true;
            for (Object k : keys) {
                Node kn = represent(k, o, depth + 1, ctx);
                Node vn = represent(m.get(k), o, depth + 1, ctx);
                if (!(kn instanceof Scalar) || !(vn instanceof Scalar)) best = false;
                pairs.add(new Node[] {kn, vn});
            }
            return new MapNode(pairs, o.defaultFlowStyle() != null ? o.defaultFlowStyle() : best);
        }
        throw new EvalException("cannot represent an object of type " + Py.typeName(v) + " in YAML");
    }

    /** SafeRepresenter.represent_float. */
    static String floatValue(double d) {
        if (Double.isNaN(d)) return ".nan";
        if (Double.isInfinite(d)) return d > 0 ? ".inf" : "-.inf";
        String value = PyStr.lower(Py.floatRepr(d));
        if (!value.contains(".") && value.contains("e")) value = value.replaceFirst("e", ".0e");
        return value;
    }

    /** True when PyYAML's resolver reads the plain text back as a str (not a bool, number, null...). */
    static boolean resolvesToStr(String s) {
        String t = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        if (s.isEmpty()) return false;
        char c = s.charAt(0);
        if ("yYnNtTfFoO".indexOf(c) >= 0 && BOOL.matcher(t).matches()) return false;
        if ("-+0123456789.".indexOf(c) >= 0 && FLOAT.matcher(t).matches()) return false;
        if ("-+0123456789".indexOf(c) >= 0 && INT.matcher(t).matches()) return false;
        if (c == '<' && t.equals("<<")) return false;
        if ("~nN".indexOf(c) >= 0 && NULL.matcher(t).matches()) return false;
        if ("0123456789".indexOf(c) >= 0 && TIMESTAMP.matcher(t).matches()) return false;
        return !(c == '=' && t.equals("="));
    }

    // ---- emitter ----

    private void node(Node n, boolean root, boolean mapping, boolean simpleKey) {
        mappingContext = mapping;
        simpleKeyContext = simpleKey;
        if (n instanceof Scalar s) {
            increaseIndent(true, false);
            scalar(s);
            indent = indents.remove(indents.size() - 1);
        } else if (n instanceof Seq s) {
            if (flowLevel > 0 || s.flow() || s.items().isEmpty()) flowSequence(s);
            else blockSequence(s);
        } else if (n instanceof MapNode m) {
            if (flowLevel > 0 || m.flow() || m.pairs().isEmpty()) flowMapping(m);
            else blockMapping(m);
        }
    }

    private void flowSequence(Seq s) {
        writeIndicator("[", true, true, false);
        flowLevel++;
        increaseIndent(true, false);
        boolean first = true;
        for (Node item : s.items()) {
            if (!first) writeIndicator(",", false, false, false);
            first = false;
            if (column > bestWidth) writeIndent();
            node(item, false, false, false);
        }
        indent = indents.remove(indents.size() - 1);
        flowLevel--;
        writeIndicator("]", false, false, false);
    }

    private void flowMapping(MapNode m) {
        writeIndicator("{", true, true, false);
        flowLevel++;
        increaseIndent(true, false);
        boolean first = true;
        for (Node[] pair : m.pairs()) {
            if (!first) writeIndicator(",", false, false, false);
            first = false;
            if (column > bestWidth) writeIndent();
            if (simpleKey(pair[0])) {
                node(pair[0], false, true, true);
                writeIndicator(":", false, false, false);
            } else {
                writeIndicator("?", true, false, false);
                node(pair[0], false, true, false);
                if (column > bestWidth) writeIndent();
                writeIndicator(":", true, false, false);
            }
            node(pair[1], false, true, false);
        }
        indent = indents.remove(indents.size() - 1);
        flowLevel--;
        writeIndicator("}", false, false, false);
    }

    private void blockSequence(Seq s) {
        boolean indentless = mappingContext && !indention;
        increaseIndent(false, indentless);
        for (Node item : s.items()) {
            writeIndent();
            writeIndicator("-", true, false, true);
            node(item, false, false, false);
        }
        indent = indents.remove(indents.size() - 1);
    }

    private void blockMapping(MapNode m) {
        increaseIndent(false, false);
        for (Node[] pair : m.pairs()) {
            writeIndent();
            if (simpleKey(pair[0])) {
                node(pair[0], false, true, true);
                writeIndicator(":", false, false, false);
            } else {
                writeIndicator("?", true, false, true);
                node(pair[0], false, true, false);
                writeIndent();
                writeIndicator(":", true, false, true);
            }
            node(pair[1], false, true, false);
        }
        indent = indents.remove(indents.size() - 1);
    }

    private boolean simpleKey(Node n) {
        if (n instanceof Scalar s) {
            Analysis a = analyze(s.value());
            return s.value().codePointCount(0, s.value().length()) < 128 && !a.empty && !a.multiline;
        }
        if (n instanceof Seq s) return s.items().isEmpty();
        return n instanceof MapNode m && m.pairs().isEmpty();
    }

    private void increaseIndent(boolean flow, boolean indentless) {
        indents.add(indent);
        if (indent == null) indent = flow ? bestIndent : 0;
        else if (!indentless) indent += bestIndent;
    }

    private void scalar(Scalar s) {
        Analysis a = analyze(s.value());
        boolean split = !simpleKeyContext;
        char style;
        if (s.plainImplicit() && !(simpleKeyContext && (a.empty || a.multiline))
                && ((flowLevel > 0 && a.allowFlowPlain) || (flowLevel == 0 && a.allowBlockPlain))) {
            style = 0;
        } else if (a.allowSingleQuoted && !(simpleKeyContext && a.multiline)) {
            style = '\'';
        } else {
            style = '"';
        }
        ctx.budget().charge(s.value().length() + 8L);
        int[] text = s.value().codePoints().toArray();
        if (style == '"') writeDoubleQuoted(text, split);
        else if (style == '\'') writeSingleQuoted(text, split);
        else writePlain(text, split);
    }

    private static final class Analysis {
        boolean empty;
        boolean multiline;
        boolean allowFlowPlain = true;
        boolean allowBlockPlain = true;
        boolean allowSingleQuoted = true;
    }

    /** libyaml's IS_PRINTABLE (Ansible dumps with libyaml): no C1 controls, BOM or characters beyond the BMP. */
    static boolean printable(int c) {
        return c == '\n' || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c != 0xfeff);
    }

    private static boolean isBreak(int c) {
        return c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    private static boolean isWs(int c) {
        return c == 0 || c == ' ' || c == '\t' || c == '\r' || isBreak(c);
    }

    /** Emitter.analyze_scalar. */
    static Analysis analyze(String scalar) {
        Analysis r = new Analysis();
        if (scalar.isEmpty()) {
            r.empty = true;
            r.allowFlowPlain = false;
            return r;
        }
        int[] s = scalar.codePoints().toArray();
        boolean blockInd = false;
        boolean flowInd = false;
        boolean lineBreaks = false;
        boolean special = false;
        boolean leadingSpace = false;
        boolean leadingBreak = false;
        boolean trailingSpace = false;
        boolean trailingBreak = false;
        boolean breakSpace = false;
        boolean spaceBreak = false;
        if (scalar.startsWith("---") || scalar.startsWith("...")) {
            blockInd = true;
            flowInd = true;
        }
        boolean precededByWs = true;
        boolean followedByWs = s.length == 1 || isWs(s[1]);
        boolean previousSpace = false;
        boolean previousBreak = false;
        for (int i = 0; i < s.length; i++) {
            int ch = s[i];
            if (i == 0) {
                if ("#,[]{}&*!|>'\"%@`".indexOf(ch) >= 0) {
                    flowInd = true;
                    blockInd = true;
                }
                if (ch == '?' || ch == ':') {
                    flowInd = true;
                    if (followedByWs) blockInd = true;
                }
                if (ch == '-' && followedByWs) {
                    flowInd = true;
                    blockInd = true;
                }
            } else {
                if (",?[]{}".indexOf(ch) >= 0) flowInd = true;
                if (ch == ':') {
                    flowInd = true;
                    if (followedByWs) blockInd = true;
                }
                if (ch == '#' && precededByWs) {
                    flowInd = true;
                    blockInd = true;
                }
            }
            if (isBreak(ch)) lineBreaks = true;
            if (!printable(ch)) special = true;
            if (ch == ' ') {
                if (i == 0) leadingSpace = true;
                if (i == s.length - 1) trailingSpace = true;
                if (previousBreak) breakSpace = true;
                previousSpace = true;
                previousBreak = false;
            } else if (isBreak(ch)) {
                if (i == 0) leadingBreak = true;
                if (i == s.length - 1) trailingBreak = true;
                if (previousSpace) spaceBreak = true;
                previousSpace = false;
                previousBreak = true;
            } else {
                previousSpace = false;
                previousBreak = false;
            }
            precededByWs = isWs(ch);
            followedByWs = i + 2 >= s.length || isWs(s[i + 2]);
        }
        if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
            r.allowFlowPlain = false;
            r.allowBlockPlain = false;
        }
        if (breakSpace) {
            r.allowFlowPlain = false;
            r.allowBlockPlain = false;
            r.allowSingleQuoted = false;
        }
        if (spaceBreak || special) {
            r.allowFlowPlain = false;
            r.allowBlockPlain = false;
            r.allowSingleQuoted = false;
        }
        if (lineBreaks) {
            r.allowFlowPlain = false;
            r.allowBlockPlain = false;
        }
        if (flowInd) r.allowFlowPlain = false;
        if (blockInd) r.allowBlockPlain = false;
        r.multiline = lineBreaks;
        return r;
    }

    private void write(String data) {
        out.append(data);
        column += data.codePointCount(0, data.length());
    }

    private static String str(int[] text, int start, int end) {
        return new String(text, start, end - start);
    }

    private void writeIndicator(String indicator, boolean needWhitespace, boolean ws, boolean ind) {
        String data = whitespace || !needWhitespace ? indicator : " " + indicator;
        whitespace = ws;
        indention = indention && ind;
        write(data);
    }

    private void writeIndent() {
        int ind = indent == null ? 0 : indent;
        if (!indention || column > ind || (column == ind && !whitespace)) writeLineBreak("\n");
        if (column < ind) {
            whitespace = true;
            write(" ".repeat(ind - column));
        }
    }

    private void writeLineBreak(String data) {
        whitespace = true;
        indention = true;
        out.append(data);
        column = 0;
    }

    private void writeBreaks(int[] text, int start, int end) {
        if (text[start] == '\n') writeLineBreak("\n");
        for (int k = start; k < end; k++) writeLineBreak(text[k] == '\n' ? "\n" : new String(Character.toChars(text[k])));
        writeIndent();
    }

    private void writePlain(int[] text, boolean split) {
        if (text.length == 0) return;
        if (!whitespace) write(" ");
        whitespace = false;
        indention = false;
        boolean spaces = false;
        boolean breaks = false;
        int start = 0;
        for (int end = 0; end <= text.length; end++) {
            int ch = end < text.length ? text[end] : -1;
            if (spaces) {
                if (ch != ' ') {
                    if (start + 1 == end && column > bestWidth && split) {
                        writeIndent();
                        whitespace = false;
                        indention = false;
                    } else {
                        write(str(text, start, end));
                    }
                    start = end;
                }
            } else if (breaks) {
                if (!isBreak(ch)) {
                    writeBreaks(text, start, end);
                    whitespace = false;
                    indention = false;
                    start = end;
                }
            } else if (ch == -1 || ch == ' ' || isBreak(ch)) {
                write(str(text, start, end));
                start = end;
            }
            if (ch != -1) {
                spaces = ch == ' ';
                breaks = isBreak(ch);
            }
        }
    }

    private void writeSingleQuoted(int[] text, boolean split) {
        writeIndicator("'", true, false, false);
        boolean spaces = false;
        boolean breaks = false;
        int start = 0;
        for (int end = 0; end <= text.length; end++) {
            int ch = end < text.length ? text[end] : -1;
            if (spaces) {
                if (ch != ' ') {
                    if (start + 1 == end && column > bestWidth && split && start != 0 && end != text.length) {
                        writeIndent();
                    } else {
                        write(str(text, start, end));
                    }
                    start = end;
                }
            } else if (breaks) {
                if (!isBreak(ch)) {
                    writeBreaks(text, start, end);
                    start = end;
                }
            } else if (ch == -1 || ch == ' ' || isBreak(ch) || ch == '\'') {
                if (start < end) {
                    write(str(text, start, end));
                    start = end;
                }
            }
            if (ch == '\'') {
                write("''");
                start = end + 1;
            }
            if (ch != -1) {
                spaces = ch == ' ';
                breaks = isBreak(ch);
            }
        }
        writeIndicator("'", false, false, false);
    }

    private static String escape(int ch) {
        return switch (ch) {
            case 0 -> "0";
            case 7 -> "a";
            case 8 -> "b";
            case 9 -> "t";
            case 10 -> "n";
            case 11 -> "v";
            case 12 -> "f";
            case 13 -> "r";
            case 0x1b -> "e";
            case '"' -> "\"";
            case '\\' -> "\\";
            case 0x85 -> "N";
            case 0xa0 -> "_";
            case 0x2028 -> "L";
            case 0x2029 -> "P";
            default -> null;
        };
    }

    /** libyaml's yaml_emitter_write_double_quoted: a long line folds at a single space, without a backslash. */
    private void writeDoubleQuoted(int[] text, boolean split) {
        writeIndicator("\"", true, false, false);
        boolean spaces = false;
        for (int i = 0; i < text.length; i++) {
            int ch = text[i];
            if (!printable(ch) || isBreak(ch) || ch == '"' || ch == '\\') {
                String e = escape(ch);
                write(e != null ? "\\" + e : ch <= 0xff ? String.format("\\x%02X", ch)
                        : ch <= 0xffff ? String.format("\\u%04X", ch) : String.format("\\U%08X", ch));
                spaces = false;
            } else if (ch == ' ') {
                if (split && !spaces && column > bestWidth && i != 0 && i != text.length - 1) {
                    writeIndent();
                    if (i + 1 < text.length && text[i + 1] == ' ') write("\\");
                } else {
                    write(" ");
                }
                spaces = true;
            } else {
                write(new String(Character.toChars(ch)));
                spaces = false;
            }
        }
        writeIndicator("\"", false, false, false);
    }
}
