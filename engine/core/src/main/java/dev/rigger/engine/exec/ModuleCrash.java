package dev.rigger.engine.exec;

import dev.rigger.engine.compile.CompiledTask;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import java.util.function.Supplier;

/**
 * A module's own bug: an exception other than {@link ModuleException} out of its {@code plan},
 * {@code firstProbes} or {@code outputs}. The task fails with the module, the task, its
 * file:line and the exception; with {@code -v} the stack trace is logged (logger
 * {@value #LOGGER}), so an author sees where without a debugger.
 */
final class ModuleCrash extends RuntimeException {
    /** The logger the stack traces go to; the CLI turns it on with {@code -v}. */
    static final String LOGGER = "dev.rigger.module.crash";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LOGGER);
    private final String module;
    private final String method;

    private ModuleCrash(String module, String method, RuntimeException cause) {
        super(cause.toString(), cause);
        this.module = module;
        this.method = method;
    }

    /**
     * Runs one call into {@code module}; what the module itself threw becomes a crash. What the
     * engine threw through the module's call (a lost connection, a probe timeout, a template
     * error: thrown from the engine's own code) goes on as it is.
     */
    static <T> T guard(Module module, String method, Supplier<T> call) {
        try {
            return call.get();
        } catch (ModuleException | ModuleCrash e) {
            throw e;
        } catch (RuntimeException e) {
            if (thrownByEngine(module, e)) throw e;
            throw new ModuleCrash(module.name(), method, e);
        }
    }

    /** An engine exception, or one thrown in the engine's code before the stack reaches the module's class. */
    private static boolean thrownByEngine(Module module, RuntimeException e) {
        if (e.getClass().getName().startsWith("dev.rigger.engine.")) return true;
        String own = module.getClass().getName();
        for (StackTraceElement f : e.getStackTrace()) {
            String c = f.getClassName();
            if (c.equals(own) || c.startsWith(own + "$")) return false;
            if (c.startsWith("dev.rigger.engine.")) return true;
        }
        return false;
    }

    /** The message of the failed task, and the stack trace to the log (shown with {@code -v}). */
    String located(CompiledTask t) {
        String where = "module '" + module + "' crashed in " + method + "() of task '" + t.name() + "' at "
                + t.task().location() + ": " + getCause();
        StackTraceElement o = origin();
        if (o != null) where += " (at " + o.getClassName() + "." + o.getMethodName() + "(" + o.getFileName() + ":" + o.getLineNumber() + "))";
        LOG.info(where, getCause());
        return where + (LOG.isInfoEnabled() ? "" : "; -v shows the stack trace");
    }

    /** The first frame outside the JDK: the module's line that threw, most often. */
    private StackTraceElement origin() {
        for (StackTraceElement e : getCause().getStackTrace()) {
            String c = e.getClassName();
            if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.")) return e;
        }
        return null;
    }
}
