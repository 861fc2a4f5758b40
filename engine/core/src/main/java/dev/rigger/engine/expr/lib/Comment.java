package dev.rigger.engine.expr.lib;

import dev.rigger.engine.expr.eval.EvalException;
import java.util.HashMap;
import java.util.Map;

/** Ansible's {@code comment} filter: text decorated as a comment of a style. */
final class Comment {
    private Comment() {}

    private static final Map<String, Map<String, String>> STYLES = Map.of(
            "plain", Map.of("decoration", "# "),
            "erlang", Map.of("decoration", "% "),
            "c", Map.of("decoration", "// "),
            "cblock", Map.of("beginning", "/*", "decoration", " * ", "end", " */"),
            "xml", Map.of("beginning", "<!--", "decoration", " - ", "end", "-->"));

    static Object apply(Object in, Args a, Context ctx) {
        String text = Vals.str(in);
        String style = Vals.str(a.get(0, "style", "plain"));
        Map<String, String> styleParams = STYLES.get(style);
        if (styleParams == null) throw new EvalException("comment: unknown style '" + style + "'");
        String prepostfix = a.named().containsKey("decoration") ? Vals.str(a.named().get("decoration")) : styleParams.get("decoration");
        Map<String, Object> p = new HashMap<>();
        p.put("newline", "\n");
        p.put("beginning", "");
        p.put("prefix", PyStr.strip(prepostfix, null, false, true));
        p.put("prefix_count", 1L);
        p.put("decoration", "");
        p.put("postfix", PyStr.strip(prepostfix, null, false, true));
        p.put("postfix_count", 1L);
        p.put("end", "");
        p.putAll(styleParams);
        for (Map.Entry<String, Object> e : a.named().entrySet()) {
            if (!e.getKey().equals("style")) p.put(e.getKey(), e.getValue());
        }
        String newline = Vals.str(p.get("newline"));
        String beginning = Vals.str(p.get("beginning"));
        String prefix = Vals.str(p.get("prefix"));
        String decoration = Vals.str(p.get("decoration"));
        String postfix = Vals.str(p.get("postfix"));
        String end = Vals.str(p.get("end"));
        long prefixCount = Math.max(0, Vals.integer(TypeFilters.toInt(p.get("prefix_count"), Args.NONE, ctx), "prefix_count"));
        long postfixCount = Math.max(0, Vals.integer(p.get("postfix_count"), "postfix_count"));
        Vals.charge(ctx, (long) text.length() * (1 + decoration.length())
                + (prefixCount + postfixCount) * (prefix.length() + postfix.length() + newline.length()) + 64);
        StringBuilder sb = new StringBuilder();
        if (!beginning.isEmpty()) sb.append(beginning).append(newline);
        if (!prefix.isEmpty()) {
            String one = prefix.equals(newline) ? newline : prefix + newline;
            sb.append(PyStr.repeat(one, prefixCount));
        }
        String body = decoration + text.replace(newline, newline + decoration);
        if (!newline.isEmpty()) body = body.replace(decoration + newline, PyStr.strip(decoration, null, false, true) + newline);
        sb.append(body);
        for (long i = 0; i < postfixCount; i++) sb.append(newline).append(postfix);
        if (!end.isEmpty()) sb.append(newline).append(end);
        return sb.toString();
    }
}
