package dev.rigger.engine.diag;

import java.util.List;

/** Carries diagnostics out of a stage that cannot go on; the CLI prints them and exits with 4. */
public final class RiggerException extends RuntimeException {
    private final transient List<Diagnostic> diagnostics;

    public RiggerException(List<Diagnostic> diagnostics) {
        super(diagnostics.isEmpty() ? "error" : diagnostics.get(0).toString());
        this.diagnostics = List.copyOf(diagnostics);
    }

    public RiggerException(Diagnostic d) { this(List.of(d)); }

    public List<Diagnostic> diagnostics() { return diagnostics; }
}
