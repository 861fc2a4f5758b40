package dev.rigger.engine.report;

import dev.rigger.engine.compile.ExecutionGraph;
import dev.rigger.spi.Diff;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Live progress and the final recap on a terminal. One line per finished task and host (hosts
 * run independently, so there is no global "TASK" banner), diffs under it with {@code --diff},
 * then the recap, failures again, and the slowest tasks.
 */
public final class ConsoleReporter implements RunListener {
    private final PrintStream out;
    private final boolean diff;
    private final int verbosity;
    private final Masker masker;

    public ConsoleReporter(PrintStream out, boolean diff, int verbosity, Masker masker) {
        this.out = out;
        this.diff = diff;
        this.verbosity = verbosity;
        this.masker = masker;
    }

    @Override
    public void runStarted(ExecutionGraph graph, boolean check) {
        out.println((check ? "PLAN (check mode: nothing will change)" : "APPLY") + " on " + graph.hosts().size()
                + " host(s), " + graph.allNodes().size() + " task node(s)");
    }

    @Override
    public synchronized void taskFinished(TaskResult r) {
        if (r.status() == Status.SKIPPED && verbosity == 0 && !r.message().startsWith("upstream")) return;
        // a line per task and host: built by hand, as Formatter was a tenth of a host's CPU at 50 hosts
        StringBuilder line = new StringBuilder(96);
        padded(line, r.status().label(), 9).append(' ');
        padded(line, r.host(), 14).append(' ').append(masker.mask(r.task()))
                .append(" (").append(r.module()).append(", ").append(r.durationMs()).append(" ms)");
        out.println(line);
        if (!r.message().isEmpty()) out.println("          " + masker.mask(r.message()));
        if (!r.output().isBlank() && (r.status() == Status.FAILED || verbosity > 0)) {
            for (String l : masker.mask(r.output()).strip().split("\n")) out.println("          | " + l);
        }
        if (diff) {
            for (Diff d : r.changes()) {
                for (String l : DiffRenderer.render(d)) out.println("          " + masker.mask(l));
            }
        }
    }

    @Override
    public void runFinished(RunResult r) {
        out.println();
        out.println((r.check() ? "PLAN" : "APPLY") + " RECAP (" + r.durationMs() + " ms)");
        for (Map.Entry<String, HostRecap> e : r.recap().entrySet()) {
            HostRecap c = e.getValue();
            out.printf("%-20s : ok=%-3d changed=%-3d unknown=%-3d failed=%-3d skipped=%-3d unreachable=%d ignored=%d%n",
                    e.getKey(), c.ok(), c.changed(), c.unknown(), c.failed(), c.skipped(), c.unreachable() ? 1 : 0, c.ignored());
        }
        List<TaskResult> notes = r.tasks().stream()
                .filter(t -> (t.status() == Status.OK || t.status() == Status.CHANGED) && !t.message().isEmpty()).toList();
        if (!notes.isEmpty()) {
            out.println();
            out.println("NOTES");
            for (TaskResult t : notes) out.println("  " + t.host() + " / " + masker.mask(t.task()) + ": " + masker.mask(t.message()));
        }
        List<TaskResult> bad = r.tasks().stream()
                .filter(t -> t.status() == Status.FAILED || t.status() == Status.UNREACHABLE).toList();
        if (!bad.isEmpty()) {
            out.println();
            out.println("FAILURES");
            for (TaskResult t : bad) out.println("  " + t.host() + " / " + masker.mask(t.task()) + ": " + masker.mask(t.message()));
        }
        if (verbosity > 0) {
            out.println();
            out.println("SLOWEST TASKS");
            r.tasks().stream().sorted(Comparator.comparingLong(TaskResult::durationMs).reversed()).limit(5)
                    .forEach(t -> out.printf("  %6d ms  %s / %s%n", t.durationMs(), t.host(), masker.mask(t.task())));
        }
    }

    /** {@code s} then spaces up to {@code width} (as {@code %-Ns}). */
    private static StringBuilder padded(StringBuilder sb, String s, int width) {
        sb.append(s);
        for (int i = s.length(); i < width; i++) sb.append(' ');
        return sb;
    }
}
