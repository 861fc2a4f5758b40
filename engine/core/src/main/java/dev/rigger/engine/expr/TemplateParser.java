package dev.rigger.engine.expr;

import java.util.ArrayList;
import java.util.List;

/** Splits a string into literal text and {@code {{ expr }}} parts. */
final class TemplateParser {

    sealed interface Part permits Literal, Interpolation {}

    record Literal(String text) implements Part {}

    /** {@code offset}: where the expression source starts in the template text. */
    record Interpolation(String source, int offset) implements Part {}

    private TemplateParser() {}

    /** @throws SourceError on a '{{' that is never closed or holds nothing */
    static List<Part> parse(String text) {
        List<Part> parts = new ArrayList<>();
        int pos = 0;
        while (true) {
            int open = text.indexOf("{{", pos);
            if (open < 0) {
                if (pos < text.length()) parts.add(new Literal(text.substring(pos)));
                return parts;
            }
            if (open > pos) parts.add(new Literal(text.substring(pos, open)));
            int close = findClose(text, open + 2);
            if (close < 0) throw new SourceError("'{{' is never closed with '}}'", open);
            String source = text.substring(open + 2, close);
            if (source.isBlank()) throw new SourceError("empty '{{ }}'", open);
            parts.add(new Interpolation(source, open + 2));
            pos = close + 2;
        }
    }

    /** The next "}}" outside a quoted string, so {@code {{ '}}' }}} works. */
    private static int findClose(String text, int from) {
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') i++;
                else if (c == quote) quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '}' && i + 1 < text.length() && text.charAt(i + 1) == '}') {
                return i;
            }
        }
        return -1;
    }

    /** True for exactly one interpolation with only whitespace around it: it renders to the typed value. */
    static boolean isSingleExpression(List<Part> parts) {
        long interpolations = parts.stream().filter(p -> p instanceof Interpolation).count();
        return interpolations == 1
                && parts.stream().allMatch(p -> p instanceof Interpolation || ((Literal) p).text().isBlank()
                        && ((Literal) p).text().indexOf('\n') < 0); // "{{ x }}\n" is text with a line end
    }
}
