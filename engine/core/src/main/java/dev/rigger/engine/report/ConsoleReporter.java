package dev.rigger.engine.report;

import dev.rigger.spi.Diff;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What a run prints, sized for a fleet. By default only what matters: changes (their diffs with
 * {@code --diff}), failures with their output, unreachable hosts; {@code -v} prints a line per
 * task and host. On more than {@link #FLEET} hosts the changes are grouped at the end (the same
 * change on 997 hosts is one entry, its diff shown once) and the recap is a summary plus the hosts
 * that are not all right. On a terminal a progress line rewrites itself below the printed lines;
 * elsewhere (CI, pipes) no control characters, and a plain progress line every so often.
 */
public final class ConsoleReporter implements RunListener {
    /** Above this many hosts, changes are grouped and the recap summarised. */
    public static final int FLEET = 10;
    private static final String CLEAR = "\r\033[K";

    private final PrintStream out;
    private final boolean diff;
    private final int verbosity;
    private final Masker masker;
    private final boolean terminal;
    private final long plainEveryMs;
    private final Progress progress = new Progress();
    private boolean fleet;
    private boolean progressShown;
    private ScheduledExecutorService ticker;

    /** A reporter without a progress line (plain output, as for a pipe). */
    public ConsoleReporter(PrintStream out, boolean diff, int verbosity, Masker masker) {
        this(out, diff, verbosity, masker, false, 0);
    }

    /**
     * @param terminal     rewrite a progress line in place (the output is a terminal)
     * @param plainEveryMs without a terminal, print a progress line this often; 0 never
     */
    public ConsoleReporter(PrintStream out, boolean diff, int verbosity, Masker masker, boolean terminal, long plainEveryMs) {
        this.out = out;
        this.diff = diff;
        this.verbosity = verbosity;
        this.masker = masker;
        this.terminal = terminal;
        this.plainEveryMs = plainEveryMs;
    }

    @Override
    public void runStarted(RunShape shape, boolean check) {
        Map<String, Integer> tasks = new LinkedHashMap<>();
        tasks.putAll(shape.tasksPerHost());
        start(tasks, check);
    }

    /** The run begins: {@code tasks} is each host's number of task nodes. */
    synchronized void start(Map<String, Integer> tasks, boolean check) {
        fleet = tasks.size() > FLEET;
        progress.start(tasks);
        out.println((check ? "PLAN (check mode: nothing will change)" : "APPLY") + " on " + tasks.size()
                + " host(s), " + tasks.values().stream().mapToInt(Integer::intValue).sum() + " task node(s)");
        long every = terminal ? 250 : plainEveryMs;
        if (every > 0) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "rigger-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::tick, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** Prints a finished run again (a saved plan, for {@code rigger show}) as it would have been printed live. */
    public void replay(RunResult r) {
        synchronized (this) {
            fleet = r.hosts().size() > FLEET;
        }
        r.tasks().forEach(this::taskFinished);
        runFinished(r);
    }

    @Override
    public synchronized void taskStarted(String host, String task) {
        progress.started(host, task);
    }

    @Override
    public synchronized void taskFinished(TaskResult r) {
        progress.finished(r);
        List<String> lines = lines(r);
        if (lines.isEmpty()) return;
        hideProgress();
        lines.forEach(out::println);
        showProgress();
    }

    /** What {@code r} prints as it finishes; nothing for what went as expected. */
    private List<String> lines(TaskResult r) {
        List<String> lines = new ArrayList<>();
        boolean print = switch (r.status()) {
            case OK -> verbosity > 0;
            case SKIPPED -> verbosity > 0 || (!fleet && r.message().startsWith("upstream"));
            // on a fleet the changes are grouped at the end
            case CHANGED, UNKNOWN -> verbosity > 0 || !fleet;
            case FAILED, UNREACHABLE, IGNORED, RESCUED -> true;
        };
        if (!print) return lines;
        // a line per task and host: built by hand, as Formatter was a tenth of a host's CPU at 50 hosts
        StringBuilder line = new StringBuilder(96);
        padded(line, r.status().label(), 9).append(' ');
        padded(line, r.host(), 14).append(' ').append(masker.mask(r.task()))
                .append(" (").append(r.module()).append(", ").append(r.durationMs()).append(" ms)");
        lines.add(line.toString());
        if (!r.message().isEmpty()) lines.add("          " + masker.mask(r.message()));
        if (!r.output().isBlank() && (r.status() == Status.FAILED || verbosity > 0)) {
            for (String l : masker.mask(r.output()).strip().split("\n")) lines.add("          | " + l);
        }
        if (diff) {
            for (Diff d : r.changes()) {
                for (String l : DiffRenderer.render(d)) lines.add("          " + masker.mask(l));
            }
        }
        return lines;
    }

    @Override
    public void runFinished(RunResult r) {
        synchronized (this) {
            if (ticker != null) ticker.shutdownNow();
            hideProgress();
            progressShown = false;
            ticker = null;
        }
        boolean summary = r.hosts().size() > FLEET && verbosity == 0;
        if (summary) {
            List<String> changes = ChangeGroups.render(r.tasks(), diff, masker);
            if (!changes.isEmpty()) {
                out.println();
                out.println(r.check() ? "PLANNED CHANGES" : "CHANGES");
                changes.forEach(out::println);
            }
        }
        out.println();
        out.println((r.check() ? "PLAN" : "APPLY") + " RECAP (" + r.durationMs() + " ms)");
        Map<String, HostRecap> recap = r.recap();
        if (summary) {
            out.println(summaryLine(recap));
            out.println(slowestHosts(r));
        }
        for (Map.Entry<String, HostRecap> e : recap.entrySet()) {
            HostRecap c = e.getValue();
            if (summary && c.failed() == 0 && !c.unreachable()) continue;
            out.printf("%-20s : ok=%-3d changed=%-3d unknown=%-3d failed=%-3d skipped=%-3d unreachable=%d ignored=%d%s%n",
                    e.getKey(), c.ok(), c.changed(), c.unknown(), c.failed(), c.skipped(), c.unreachable() ? 1 : 0, c.ignored(),
                    c.rescued() > 0 ? " rescued=" + c.rescued() : "");
        }
        // the same note from many hosts is one line naming them
        Map<String, List<String>> notes = new LinkedHashMap<>();
        for (TaskResult t : r.tasks()) {
            if ((t.status() == Status.OK || t.status() == Status.CHANGED) && !t.message().isEmpty()) {
                notes.computeIfAbsent(masker.mask(t.task()) + ": " + masker.mask(t.message()), k -> new ArrayList<>()).add(t.host());
            }
        }
        if (!notes.isEmpty()) {
            out.println();
            out.println("NOTES");
            notes.forEach((note, hosts) -> out.println("  " + ChangeGroups.hostList(hosts, 10) + " / " + note));
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

    /** {@code 1000 hosts: 997 all right (990 changed something), 2 failed, 1 unreachable; tasks: ok=... }. */
    static String summaryLine(Map<String, HostRecap> recap) {
        int fine = 0;
        int changedHosts = 0;
        int failed = 0;
        int unreachable = 0;
        HostRecap total = HostRecap.empty();
        for (HostRecap c : recap.values()) {
            total = HostRecap.sum(total, c);
            if (c.unreachable()) unreachable++;
            else if (c.failed() > 0) failed++;
            else fine++;
            if (c.changed() > 0) changedHosts++;
        }
        return recap.size() + " hosts: " + fine + " all right, " + changedHosts + " with changes, " + failed + " failed, "
                + unreachable + " unreachable; tasks: ok=" + total.ok() + " changed=" + total.changed() + " unknown=" + total.unknown()
                + " failed=" + total.failed() + " skipped=" + total.skipped() + " ignored=" + total.ignored()
                + (total.rescued() > 0 ? " rescued=" + total.rescued() : "");
    }

    /** The three hosts that spent the most time in their tasks. */
    private static String slowestHosts(RunResult r) {
        Map<String, Long> spent = new HashMap<>();
        for (TaskResult t : r.tasks()) spent.merge(t.host(), t.durationMs(), Long::sum);
        List<String> top = spent.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(3)
                .map(e -> e.getKey() + " " + seconds(e.getValue())).toList();
        return "slowest hosts (time in tasks): " + String.join(", ", top);
    }

    private void tick() {
        synchronized (this) {
            if (ticker == null) return;
            if (terminal) {
                showProgress();
            } else {
                out.println("progress: " + masker.mask(progress.line()));
            }
        }
    }

    /** Rubs out the progress line, so the next printed line takes its place. */
    private void hideProgress() {
        if (terminal && progressShown) out.print(CLEAR);
    }

    private void showProgress() {
        if (!terminal || ticker == null) return;
        String line = masker.mask(progress.line());
        int width = columns() - 1;
        if (line.length() > width) line = line.substring(0, width);
        out.print(CLEAR + line);
        out.flush();
        progressShown = true;
    }

    private static int columns() {
        try {
            return Math.max(40, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100")));
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    static String seconds(long ms) {
        return String.format("%.1f s", ms / 1000.0);
    }

    /** {@code s} then spaces up to {@code width} (as {@code %-Ns}). */
    private static StringBuilder padded(StringBuilder sb, String s, int width) {
        sb.append(s);
        for (int i = s.length(); i < width; i++) sb.append(' ');
        return sb;
    }

    /** Counts for the progress line; guarded by the reporter's lock. */
    static final class Progress {
        private Map<String, Integer> tasks = Map.of();
        private final Map<String, Integer> finished = new HashMap<>();
        private final Map<String, String> current = new HashMap<>();
        private final Map<String, Long> since = new HashMap<>();
        private final int[] byStatus = new int[Status.values().length];
        private final java.util.Set<String> doneHosts = new java.util.HashSet<>();
        private long t0 = System.nanoTime();

        void start(Map<String, Integer> tasksPerHost) {
            tasks = tasksPerHost;
            t0 = System.nanoTime();
        }

        void started(String host, String task) {
            current.put(host, task);
            since.put(host, System.nanoTime());
        }

        void finished(TaskResult r) {
            byStatus[r.status().ordinal()]++;
            int n = finished.merge(r.host(), 1, Integer::sum);
            current.remove(r.host());
            since.remove(r.host());
            // an unreachable host reports once and runs nothing more
            if (n >= tasks.getOrDefault(r.host(), Integer.MAX_VALUE) || r.status() == Status.UNREACHABLE) doneHosts.add(r.host());
        }

        String line() {
            long now = System.nanoTime();
            int done = doneHosts.size();
            int running = 0;
            for (String h : finished.keySet()) if (!doneHosts.contains(h)) running++;
            for (String h : current.keySet()) if (!finished.containsKey(h)) running++;
            StringBuilder sb = new StringBuilder(120);
            sb.append(done).append('/').append(tasks.size()).append(" hosts done, ").append(running).append(" running | ok ")
                    .append(byStatus[Status.OK.ordinal()]).append(" changed ").append(byStatus[Status.CHANGED.ordinal()])
                    .append(" failed ").append(byStatus[Status.FAILED.ordinal()]).append(" unreachable ")
                    .append(byStatus[Status.UNREACHABLE.ordinal()]).append(" | ").append(seconds((now - t0) / 1_000_000));
            since.entrySet().stream().min(Map.Entry.comparingByValue()).ifPresent(e -> sb.append(" | slowest now: ").append(e.getKey())
                    .append(" (").append(current.get(e.getKey())).append(", ").append(seconds((now - e.getValue()) / 1_000_000)).append(')'));
            return sb.toString();
        }
    }
}
