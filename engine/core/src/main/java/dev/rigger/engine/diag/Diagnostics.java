package dev.rigger.engine.diag;

import java.util.ArrayList;
import java.util.List;

/** A stage's collected diagnostics; a stage goes on after an error to report as many as it can. */
public final class Diagnostics {
    private final List<Diagnostic> all = new ArrayList<>();

    public void add(Diagnostic d) { all.add(d); }

    public void error(Location at, String message) { all.add(Diagnostic.error(at, message)); }

    public void warning(Location at, String message) { all.add(Diagnostic.warning(at, message)); }

    public void addAll(Diagnostics other) { all.addAll(other.all); }

    public boolean hasErrors() { return all.stream().anyMatch(Diagnostic::isError); }

    public List<Diagnostic> list() { return List.copyOf(all); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : all) sb.append(d).append('\n');
        return sb.toString();
    }
}
