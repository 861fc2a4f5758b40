package dev.rigger.engine.expr;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import dev.rigger.engine.diag.Suggest;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.mvel2.CompileException;
import org.mvel2.MVEL;
import org.mvel2.ParserContext;

/**
 * Compiles Rigger's rule DSL: single MVEL 2 expressions, sandboxed, checked when the playbook loads.
 *
 * <p>Supported:
 * <ul>
 *   <li>variables by name ({@code inventory_hostname}, {@code item}, registered results, user vars),
 *       each of which must be one of the run's known names</li>
 *   <li>map and list access: {@code result.rc}, {@code hostvars['k8s-master'].init.join_command},
 *       {@code vars['x']}, {@code groups['workers'][0]}; a missing key or index is an error naming it</li>
 *   <li>literals: strings ('..' or ".."), numbers, {@code true false null nil empty}, lists {@code [a, b]},
 *       maps {@code ['k': v]}</li>
 *   <li>operators: {@code == != < <= > >= && || and or ! + - * / % **}, {@code a ? b : c},
 *       {@code x == empty}, {@code list contains x} (membership), {@code s ~= 'regex'}</li>
 *   <li>projections {@code (name in users)}: the names before 'in' are read from each element</li>
 *   <li>these methods on values only: {@link ExpressionSandbox#ALLOWED_METHODS} (size, isEmpty, contains,
 *       containsKey, startsWith, endsWith, toUpperCase, toLowerCase, trim, split, substring, replace...)</li>
 * </ul>
 * Refused at compile time: Java class names (System, Runtime, java.io.File...), {@code new}, {@code import},
 * function calls and definitions, loops, statements, assignments ({@code = += ++}...), {@code .class} and
 * reflection names, {@code @} macros, {@code {...}} blocks, {@code ;}, Jinja-style filters ({@code |}).
 * At run time only the scope Map is visible, reads of {@link Unknown} throw {@link UnknownValueException},
 * and an evaluation is stopped after a time limit (2s).
 */
public final class ExpressionCompiler {
    static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(2);
    private static final int SUGGESTIONS = 5;
    /**
     * MVEL logs every failed property read through java.util.logging, with the value it read;
     * our own errors say the same thing better, and a value may be a secret. Held strongly so
     * the setting is not lost with a collected logger.
     */
    private static final java.util.logging.Logger MVEL_LOG = java.util.logging.Logger.getLogger("org.mvel2");

    static {
        MVEL_LOG.setLevel(java.util.logging.Level.OFF);
    }

    private final Set<String> knownNames;
    private final TimeLimit timeLimit;

    /** @param knownNames every root variable name that can exist anywhere in this run */
    public ExpressionCompiler(Set<String> knownNames) {
        this(knownNames, DEFAULT_TIME_LIMIT);
    }

    ExpressionCompiler(Set<String> knownNames, Duration timeLimit) {
        this.knownNames = Set.copyOf(knownNames);
        this.timeLimit = new TimeLimit(timeLimit);
    }

    /** Raw MVEL such as a when: condition; on error adds a Diagnostic and returns empty. */
    public Optional<Expression> compile(String source, Location at, Diagnostics diags) {
        try {
            return Optional.of(compileOrThrow(source, at));
        } catch (SourceError e) {
            diags.error(at.shifted(e.offset()), e.getMessage());
            return Optional.empty();
        }
    }

    /** A string that may contain {{ expr }} parts; every part with an error gets its own Diagnostic. */
    public Optional<Template> template(String text, Location at, Diagnostics diags) {
        List<TemplateParser.Part> parts;
        try {
            parts = TemplateParser.parse(text);
        } catch (SourceError e) {
            diags.error(at.shifted(e.offset()), e.getMessage());
            return Optional.empty();
        }
        List<Object> compiled = new ArrayList<>();
        boolean failed = false;
        for (TemplateParser.Part part : parts) {
            if (part instanceof TemplateParser.Literal lit) {
                compiled.add(lit.text());
            } else if (part instanceof TemplateParser.Interpolation in) {
                Optional<Expression> e = compile(in.source(), at.shifted(in.offset()), diags);
                e.ifPresent(compiled::add);
                failed |= e.isEmpty();
            }
        }
        if (failed) return Optional.empty();
        return Optional.of(new CompiledTemplate(text, at, compiled, TemplateParser.isSingleExpression(parts)));
    }

    private CompiledExpression compileOrThrow(String source, Location at) {
        if (source == null || source.isBlank()) throw new SourceError("empty expression", 0);
        List<Token> tokens = Tokenizer.tokenize(source);
        ExpressionAnalyzer.Analysis analysis = ExpressionAnalyzer.analyze(source, tokens);
        checkRootNames(analysis, true);
        ExpressionSandbox.check(tokens, analysis.roles());
        checkRootNames(analysis, false);
        Serializable compiled = compileMvel(source, analysis);
        return new CompiledExpression(source, at, compiled, analysis, timeLimit);
    }

    /** First pass (before the sandbox, so 'Runtime' is named rather than 'getRuntime'): class names only. */
    private void checkRootNames(ExpressionAnalyzer.Analysis analysis, boolean javaNamesOnly) {
        for (int i = 0; i < analysis.tokens().size(); i++) {
            if (analysis.roles()[i] != ExpressionAnalyzer.Role.ROOT) continue;
            Token t = analysis.tokens().get(i);
            String name = t.text();
            if (ExpressionSandbox.isJavaClassName(name)) throw ExpressionSandbox.javaReach(t);
            if (knownNames.contains(name)) continue;
            if (ExpressionSandbox.isPackageRoot(name)) throw ExpressionSandbox.javaReach(t);
            if (!javaNamesOnly) throw new SourceError(undefinedMessage(name), t.offset());
        }
    }

    /** MVEL's own parse catches syntax errors; its list of inputs shows if it took a root for a class. */
    private static Serializable compileMvel(String source, ExpressionAnalyzer.Analysis analysis) {
        ParserContext context = new ParserContext();
        Serializable compiled;
        try {
            compiled = MVEL.compileExpression(
                    MvelSource.of(source, analysis.tokens(), analysis.roles()), context);
        } catch (CompileException e) {
            int offset = Math.max(0, Math.min(e.getCursor(), source.length() - 1));
            String why = RuntimeErrors.mvelMessage(e);
            // MVEL sometimes reports its own internal failure (an NPE text) for an incomplete expression.
            if (why.contains("because") || why.contains("out of bounds")) why = "incomplete or malformed expression";
            throw new SourceError("syntax error: " + why, offset);
        } catch (RuntimeException e) {
            throw new SourceError("syntax error in '" + source + "'", 0);
        }
        for (String root : analysis.rootNames()) {
            if (!context.getInputs().containsKey(root)) {
                throw new SourceError("expressions cannot reach Java classes: '" + root + "'",
                        source.indexOf(root));
            }
        }
        return compiled;
    }

    /** "undefined variable 'x' (did you mean 'y'?)" for a close name, else the closest known names. */
    private String undefinedMessage(String name) {
        var close = Suggest.closest(name, knownNames);
        if (close.isPresent()) return "undefined variable '" + name + "' (did you mean '" + close.get() + "'?)";
        List<String> closest = knownNames.stream()
                .sorted(Comparator.comparingInt((String k) -> Suggest.distance(name, k)).thenComparing(k -> k))
                .limit(SUGGESTIONS).toList();
        if (closest.isEmpty()) return "undefined variable '" + name + "'";
        return "undefined variable '" + name + "' (known: " + closest.stream().collect(Collectors.joining(", "))
                + (knownNames.size() > SUGGESTIONS ? ", ..." : "") + ")";
    }
}
