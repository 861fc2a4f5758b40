package dev.rigger.engine.expr;

import dev.rigger.engine.expr.eval.Opaque;

/**
 * A value that is not known yet, placed in the scope instead of a real value (check mode: a task
 * with a pending change has not produced its result). Reading it makes evaluation throw
 * {@link UnknownValueException} rather than compute something from a placeholder.
 */
public record Unknown(String reason) implements Opaque {
    @Override
    public RuntimeException onRead() {
        return new UnknownValueException(reason);
    }
}
