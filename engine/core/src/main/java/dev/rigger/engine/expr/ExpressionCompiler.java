package dev.rigger.engine.expr;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import dev.rigger.spi.check.Suggest;
import dev.rigger.engine.expr.lib.Library;
import dev.rigger.engine.expr.syntax.Lexer;
import dev.rigger.engine.expr.syntax.Node;
import dev.rigger.engine.expr.syntax.Stmt;
import dev.rigger.engine.expr.syntax.SyntaxError;
import dev.rigger.engine.expr.syntax.TemplateParser;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The front end of every expression and template: Ansible's Jinja2, parsed by our own parser
 * into a tree, checked ({@link Reads}), then evaluated by our interpreter. User text never
 * reaches anything but the lexer; the evaluator sees only the tree, and values only through the
 * value model of {@link dev.rigger.engine.expr.eval.Py} and the library's allow-lists.
 *
 * <p>Checked when the playbook loads: syntax; that every filter, test, function and method
 * exists; that literal regexes compile on the linear-time engine; and that every variable read
 * is one of the run's known names, unless guarded ({@code x is defined}, {@code x | default(..)}),
 * with did-you-mean.
 */
public final class ExpressionCompiler {
    private static final int SUGGESTIONS = 5;

    private final Set<String> knownNames;
    private final java.util.function.Predicate<String> alsoKnown;
    private final Library lib = Library.standard();

    /** @param knownNames every root variable name that can exist anywhere in this run */
    public ExpressionCompiler(Set<String> knownNames) {
        this(knownNames, name -> false);
    }

    /**
     * @param knownNames every root variable name that can exist anywhere in this run
     * @param alsoKnown  names known by their form, whose list only a host has (ansible_eth0)
     */
    public ExpressionCompiler(Set<String> knownNames, java.util.function.Predicate<String> alsoKnown) {
        this.knownNames = Set.copyOf(knownNames);
        this.alsoKnown = alsoKnown;
    }

    private ExpressionCompiler() {
        this.knownNames = null;
        this.alsoKnown = name -> true;
    }

    /**
     * A compiler that takes every name as known, for text that only exists at run time (a file
     * include_vars read): an undefined name is reported when the value is rendered.
     */
    public static ExpressionCompiler unchecked() {
        return new ExpressionCompiler();
    }

    /** A bare expression such as a when: condition; on error adds a Diagnostic and returns empty. */
    public Optional<Expression> compile(String source, Location at, Diagnostics diags) {
        if (source == null || source.isBlank()) {
            diags.error(at, "empty expression");
            return Optional.empty();
        }
        try {
            String inner = templated(source);
            Node tree = TemplateParser.expression(inner != null ? inner : source);
            Reads reads = Reads.ofExpression(tree, lib);
            checkNames(reads);
            return Optional.of(new CompiledExpression(source, at, tree, reads, inner != null));
        } catch (SyntaxError e) {
            diags.error(Evaluation.locate(at, source, e.offset()), e.getMessage());
        } catch (RuntimeException e) {
            diags.error(at, Evaluation.internal(e, at, source).getMessage());
        }
        return Optional.empty();
    }

    /**
     * The expression of a condition written as one template, {@code when: "{{ x }}"}: what Ansible
     * templates before it tests the result (see {@link CompiledExpression#test}); null for a bare one.
     * Errors in the inner text are reported at the offsets of the whole (the braces are kept as spaces).
     */
    private static String templated(String source) {
        String t = source.strip();
        if (!t.startsWith("{{") || !t.endsWith("}}") || t.length() < 4 || t.indexOf("{{", 2) >= 0) return null;
        int start = source.indexOf("{{");
        int end = source.lastIndexOf("}}");
        return " ".repeat(start + 2) + source.substring(start + 2, end);
    }

    /** A task or variable value that may hold {@code {{ }}}, {@code {% %}} and {@code {# #}}. */
    public Optional<Template> template(String text, Location at, Diagnostics diags) {
        return template(text, at, diags, CompiledTemplate.Mode.VALUE);
    }

    /** A template file's text ({@code template:} module, {@code lookup('template')}): rendered to text. */
    public Optional<Template> templateFile(String text, Location at, Diagnostics diags) {
        return template(text, at, diags, CompiledTemplate.Mode.FILE);
    }

    private Optional<Template> template(String text, Location at, Diagnostics diags, CompiledTemplate.Mode mode) {
        try {
            List<Stmt> body = TemplateParser.parse(text, mode == CompiledTemplate.Mode.VALUE);
            Reads reads = Reads.ofTemplate(body, lib);
            checkNames(reads);
            return Optional.of(new CompiledTemplate(text, at, body, mode, reads));
        } catch (SyntaxError e) {
            diags.error(Evaluation.locate(at, text, e.offset()), e.getMessage());
        } catch (RuntimeException e) {
            diags.error(at, Evaluation.internal(e, at, text).getMessage());
        }
        return Optional.empty();
    }

    /** An unguarded name that no part of the run defines is a typo, reported before anything runs. */
    private void checkNames(Reads reads) {
        if (knownNames == null) return;
        for (String name : reads.roots) {
            if (knownNames.contains(name) || reads.guarded.contains(name) || alsoKnown.test(name)) continue;
            throw new SyntaxError(undefinedMessage(name), reads.firstRead.getOrDefault(name, 0));
        }
    }

    /**
     * "undefined variable 'x' (did you mean 'y'?)" for a close name, else the closest known names.
     * Only names an expression could write are offered: a key of a file read as variables that is
     * no name (a line of /etc/shadow read by mistake) is never printed.
     */
    private String undefinedMessage(String name) {
        List<String> names = knownNames.stream().filter(Lexer::isName).toList();
        var close = Suggest.closest(name, names);
        if (close.isPresent()) return "undefined variable '" + name + "' (did you mean '" + close.get() + "'?)";
        List<String> closest = names.stream()
                .sorted(Comparator.comparingInt((String k) -> Suggest.distance(name, k)).thenComparing(k -> k))
                .limit(SUGGESTIONS).toList();
        if (closest.isEmpty()) return "undefined variable '" + name + "'";
        return "undefined variable '" + name + "' (known: " + closest.stream().collect(Collectors.joining(", "))
                + (names.size() > SUGGESTIONS ? ", ..." : "") + ")";
    }
}
