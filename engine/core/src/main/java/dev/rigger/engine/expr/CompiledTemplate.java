package dev.rigger.engine.expr;

import dev.rigger.engine.diag.Location;
import dev.rigger.engine.expr.eval.EvalException;
import dev.rigger.engine.expr.eval.Evaluator;
import dev.rigger.engine.expr.eval.Py;
import dev.rigger.engine.expr.syntax.Node;
import dev.rigger.engine.expr.syntax.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed and checked template. Rendering follows ansible-core 2.14 (non-native): a task value
 * is rendered to text, and text that looks like a list, a dict or a bool is read back as one
 * ({@code ansible_eval_concat}); exactly {@code {{ name }}} of a number, bool or None gives that
 * value unchanged (Templar's single-variable shortcut); a template file is always text. Trailing
 * newlines of the source are kept, as Templar does.
 */
final class CompiledTemplate implements Template {
    /** Templar's SINGLE_VAR: {@code ^{{\s*(\w*)\s*}}$}. */
    private static final Pattern SINGLE_VAR = Pattern.compile("^\\{\\{\\s*(\\w*)\\s*}}$");

    enum Mode { VALUE, FILE }

    /** Ansible's STRING_TYPE_FILTERS: as the last filter of a lone {{ }} their text is not read back as a value. */
    private static final Set<String> STRING_TYPE_FILTERS =
            Set.of("string", "to_json", "to_nice_json", "to_yaml", "to_nice_yaml", "ppretty", "json");

    private final String text;
    private final Location location;
    private final List<Stmt> body;
    private final Mode mode;
    private final String singleVar;
    private final boolean keepsText;
    private final boolean constant;
    /** What a template without expressions renders to: its text, comments and raw markers removed. */
    private final String constantText;
    private final Set<String> rootNames;
    private final List<HostvarsRef> hostvarsRefs;

    CompiledTemplate(String text, Location location, List<Stmt> body, Mode mode, Reads reads) {
        this.text = text;
        this.location = location;
        this.body = body;
        this.mode = mode;
        Matcher m = SINGLE_VAR.matcher(text);
        this.singleVar = mode == Mode.VALUE && m.matches() ? m.group(1) : null;
        this.keepsText = body.size() == 1 && body.get(0) instanceof Stmt.Output o && o.expr() instanceof Node.Filter f
                && STRING_TYPE_FILTERS.contains(Evaluator.shortName(f.name()));
        this.constant = body.stream().allMatch(s -> s instanceof Stmt.Text);
        StringBuilder joined = new StringBuilder();
        if (constant) body.forEach(s -> joined.append(((Stmt.Text) s).text()));
        this.constantText = keepTrailingNewlines(joined.toString());
        this.rootNames = Set.copyOf(reads.roots);
        this.hostvarsRefs = List.copyOf(reads.hostvars);
    }

    @Override public String text() { return text; }
    @Override public Location location() { return location; }
    @Override public boolean isConstant() { return constant; }
    @Override public Set<String> rootNames() { return rootNames; }
    @Override public List<HostvarsRef> hostvarsRefs() { return hostvarsRefs; }

    @Override
    public Object render(Map<String, Object> scope) {
        if (constant) return constantText;
        if (singleVar != null && scope.containsKey(singleVar)) {
            Object v = scope.get(singleVar);
            if (v == null || v instanceof Boolean || v instanceof Number) return v;
        }
        Evaluator ev = Evaluation.start(scope);
        List<Object> parts = new ArrayList<>();
        Object result;
        try {
            ev.render(body, ev.root().child(), parts);
            result = mode == Mode.VALUE && !keepsText ? evalConcat(parts) : Evaluator.concat(parts);
            Values.requireNoUnknown(result);
        } catch (EvalException e) {
            throw Evaluation.error(e, location, text);
        } catch (UnknownValueException | ExpressionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Evaluation.internal(e, location, text);
        }
        return result instanceof String s ? keepTrailingNewlines(s) : result;
    }

    /**
     * What a template of exactly one expression renders to when the expression's value is
     * {@code value}: {@link #evalConcat} of that one part, after Jinja2's finalize (None is "").
     */
    static Object renderedAlone(Object value) {
        return evalConcat(java.util.Collections.singletonList(value == null ? "" : value));
    }

    /** Ansible's {@code ansible_eval_concat}: one part or many joined, then a literal read back. */
    private static Object evalConcat(List<Object> parts) {
        String out;
        if (parts.size() == 1 && !(parts.get(0) instanceof String)) {
            Object only = parts.get(0);
            // str() then literal_eval gives the same list, dict or bool back
            if (only instanceof List<?> || only instanceof Map<?, ?> || only instanceof Boolean) return only;
            out = Py.str(only);
        } else {
            out = Evaluator.concat(parts);
        }
        if (out.startsWith("{") || out.startsWith("[") || out.equals("True") || out.equals("False")) {
            return LiteralEval.orText(out);
        }
        return out;
    }

    private String keepTrailingNewlines(String result) {
        int want = trailingNewlines(text);
        int have = trailingNewlines(result);
        return want > have ? result + "\n".repeat(want - have) : result;
    }

    private static int trailingNewlines(String s) {
        int n = 0;
        for (int k = s.length() - 1; k >= 0 && s.charAt(k) == '\n'; k--) n++;
        return n;
    }

    @Override
    public String toString() { return text; }
}
