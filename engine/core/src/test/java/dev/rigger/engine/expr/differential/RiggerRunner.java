package dev.rigger.engine.expr.differential;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import dev.rigger.engine.expr.Expression;
import dev.rigger.engine.expr.ExpressionCompiler;
import dev.rigger.engine.expr.Template;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Feeds one corpus case to Rigger's public API, as the loader does: a condition through
 * {@link ExpressionCompiler#compile} then {@link Expression#test}, an expression (a string value)
 * through {@link ExpressionCompiler#template}, a template file through {@code templateFile}, then
 * {@link Template#render}.
 * Each case runs on a worker thread with a time limit, so a parser that loops fails one case only.
 */
final class RiggerRunner implements AutoCloseable {
    static final long TIME_LIMIT_SECONDS = 10;
    private static final Location AT = new Location("corpus", 1, 1);

    /** What Rigger did: a value, an error it reported (load or run), a crash, or a timeout. */
    record Outcome(Kind kind, Object value, String message) {
        enum Kind { VALUE, LOAD_ERROR, RUN_ERROR, CRASH, TIMEOUT }

        String text() {
            return switch (kind) {
                case VALUE -> PyValues.typeName(value) + " " + PyValues.repr(value);
                case LOAD_ERROR -> "load error: " + message;
                case RUN_ERROR -> "error: " + message;
                case CRASH -> "CRASH " + message;
                case TIMEOUT -> "TIMEOUT after " + TIME_LIMIT_SECONDS + " s";
            };
        }
    }

    private ExecutorService worker = newWorker();

    Outcome run(CorpusCase c) {
        Map<String, Object> vars = DifferentialCorpusTest.copyOf(c.vars());
        Future<Outcome> f = worker.submit(() -> evaluate(c, vars));
        try {
            return f.get(TIME_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            return new Outcome(Outcome.Kind.TIMEOUT, null, null);
        } catch (ExecutionException e) {
            return crash(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Outcome evaluate(CorpusCase c, Map<String, Object> vars) {
        ExpressionCompiler ec = new ExpressionCompiler(vars.keySet());
        Diagnostics diags = new Diagnostics();
        try {
            if (c.kind().equals("condition")) {
                Optional<Expression> e = ec.compile(c.source(), AT, diags);
                if (e.isEmpty()) return loadError(diags);
                return new Outcome(Outcome.Kind.VALUE, e.get().test(vars), null);
            }
            Optional<Template> t = c.kind().equals("template") ? templateFile(ec, c.source(), diags)
                    : ec.template(c.source(), AT, diags);
            if (t.isEmpty()) return loadError(diags);
            return new Outcome(Outcome.Kind.VALUE, t.get().render(vars), null);
        } catch (RuntimeException | StackOverflowError e) {
            return isRiggerError(e) ? new Outcome(Outcome.Kind.RUN_ERROR, null, oneLine(e.getMessage())) : crash(e);
        }
    }

    /**
     * A template file through {@code ExpressionCompiler.templateFile} (rendered to text, trim_blocks as
     * the template action) where the compiler has it, else through {@code template}.
     */
    @SuppressWarnings("unchecked")
    static Optional<Template> templateFile(ExpressionCompiler ec, String text, Diagnostics diags) {
        java.lang.reflect.Method m;
        try {
            m = ExpressionCompiler.class.getMethod("templateFile", String.class, Location.class, Diagnostics.class);
        } catch (NoSuchMethodException e) {
            return ec.template(text, AT, diags);
        }
        try {
            return (Optional<Template>) m.invoke(ec, text, AT, diags);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        }
    }

    /** An error Rigger meant to raise (its own exception types), as against a bug (NPE, ClassCast...). */
    static boolean isRiggerError(Throwable e) {
        return e.getClass().getName().startsWith("dev.rigger.");
    }

    private static Outcome loadError(Diagnostics diags) {
        return new Outcome(Outcome.Kind.LOAD_ERROR, null, oneLine(diags.toString()));
    }

    private static Outcome crash(Throwable e) {
        StackTraceElement[] st = e.getStackTrace();
        String where = st.length > 0 ? " at " + st[0] : "";
        return new Outcome(Outcome.Kind.CRASH, null, e.getClass().getName() + ": " + oneLine(e.getMessage()) + where);
    }

    private static String oneLine(String s) {
        if (s == null) return "";
        String t = s.strip().replaceAll("\\s+", " ");
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "differential-case");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
