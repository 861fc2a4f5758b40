package dev.rigger.engine.expr.eval;

import dev.rigger.engine.expr.syntax.Stmt;

/**
 * A template's {@code {% macro %}}, as the value its name holds: only callable, never output or
 * passed to a filter (it is not part of the value model, and {@link Py} refuses it there).
 */
record Macro(Stmt.Macro definition, Scope defined) {}
