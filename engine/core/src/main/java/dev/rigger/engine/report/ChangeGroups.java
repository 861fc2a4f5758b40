package dev.rigger.engine.report;

import dev.rigger.spi.Diff;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The changes of a run grouped for a fleet: per task and status, the hosts whose changes read
 * the same (masked, as rendered, each host's own name read as {@code {host}}) form one variant,
 * largest first. The same edit on 997 hosts is one entry, its diff shown once, with the hosts that
 * differ listed under it.
 */
public final class ChangeGroups {
    /** Variants printed per task before the rest are only counted. */
    static final int VARIANTS = 5;
    /** Stands for each host's own name in a change shared by several hosts. */
    public static final String HOST = "{host}";

    private ChangeGroups() { }

    /** The hosts whose change of one task reads the same. */
    public record Variant(List<String> diff, String message, List<String> hosts) { }

    /** One task's changes (or unknowns) across the fleet, largest variant first. */
    public record Group(String task, String module, Status status, List<Variant> variants) {
        public int hosts() {
            return variants.stream().mapToInt(v -> v.hosts().size()).sum();
        }
    }

    /** Changed and unknown results grouped, tasks in the order they first finished. */
    public static List<Group> group(List<TaskResult> tasks, Masker masker) {
        Map<String, Map<String, List<TaskResult>>> byTask = new LinkedHashMap<>();
        for (TaskResult t : tasks) {
            if (t.status() != Status.CHANGED && t.status() != Status.UNKNOWN) continue;
            String key = t.status() + "\0" + t.module() + "\0" + masker.mask(t.task());
            String variant = String.join("\n", ownNameOut(diffLines(t, masker), t.host())) + "\0" + ownNameOut(masker.mask(t.message()), t.host());
            byTask.computeIfAbsent(key, k -> new LinkedHashMap<>()).computeIfAbsent(variant, k -> new ArrayList<>()).add(t);
        }
        List<Group> out = new ArrayList<>();
        for (Map<String, List<TaskResult>> variants : byTask.values()) {
            TaskResult first = variants.values().iterator().next().get(0);
            List<Variant> vs = new ArrayList<>();
            for (List<TaskResult> same : variants.values()) {
                TaskResult t = same.get(0);
                List<String> diff = diffLines(t, masker);
                String message = masker.mask(t.message());
                if (same.size() > 1) {
                    // the same change but for each host's own name: shown with {host} in its place
                    diff = ownNameOut(diff, t.host());
                    message = ownNameOut(message, t.host());
                }
                vs.add(new Variant(diff, message, same.stream().map(TaskResult::host).toList()));
            }
            vs.sort((a, b) -> b.hosts().size() - a.hosts().size());
            out.add(new Group(masker.mask(first.task()), first.module(), first.status(), List.copyOf(vs)));
        }
        return out;
    }

    /** The console's grouped listing; diffs only with {@code diff}. */
    public static List<String> render(List<TaskResult> tasks, boolean diff, Masker masker) {
        List<String> out = new ArrayList<>();
        for (Group g : group(tasks, masker)) {
            Variant main = g.variants().get(0);
            String verb = g.status() == Status.CHANGED ? "changed" : "unknown";
            StringBuilder head = new StringBuilder(verb).append(" on ").append(g.hosts()).append(g.hosts() == 1 ? " host: " : " hosts: ")
                    .append(g.task()).append(" (").append(g.module()).append(')');
            if (g.hosts() <= 3) head.append(" on ").append(hostList(main.hosts(), 3));
            if (!diff) {
                List<String> subjects = main.diff().stream().filter(l -> !l.startsWith("    ")).toList();
                if (!subjects.isEmpty()) head.append(": ").append(String.join("; ", subjects));
            }
            out.add(head.toString());
            if (!main.message().isEmpty()) out.add("          " + main.message());
            if (!diff) {
                if (g.variants().size() > 1) out.add("          differs on " + g.variants().size() + " variants (see --diff)");
                continue;
            }
            main.diff().forEach(l -> out.add("          " + l));
            int shown = 1;
            for (Variant v : g.variants().subList(1, g.variants().size())) {
                if (shown++ == VARIANTS) {
                    int rest = g.variants().size() - VARIANTS;
                    int hosts = g.variants().subList(VARIANTS, g.variants().size()).stream().mapToInt(x -> x.hosts().size()).sum();
                    out.add("  and " + rest + " more variant(s) on " + hosts + " host(s) (see --report-html)");
                    break;
                }
                out.add("  differs on " + hostList(v.hosts(), 10) + ":");
                if (!v.message().isEmpty()) out.add("          " + v.message());
                v.diff().forEach(l -> out.add("          " + l));
            }
        }
        return out;
    }

    /** {@code a, b, c and 7 more} after {@code max} names. */
    public static String hostList(List<String> hosts, int max) {
        if (hosts.size() <= max) return String.join(", ", hosts);
        return String.join(", ", hosts.subList(0, max)) + " and " + (hosts.size() - max) + " more";
    }

    /** {@code text} with the host's own name, where it stands as a word, as {@code {host}}. */
    static String ownNameOut(String text, String host) {
        if (text.isEmpty() || !text.contains(host)) return text;
        return text.replaceAll("(?<![\\w.-])" + Pattern.quote(host) + "(?![\\w-]|\\.\\w)", Matcher.quoteReplacement(HOST));
    }

    static List<String> ownNameOut(List<String> lines, String host) {
        List<String> out = new ArrayList<>(lines.size());
        for (String l : lines) out.add(ownNameOut(l, host));
        return out;
    }

    static List<String> diffLines(TaskResult t, Masker masker) {
        List<String> out = new ArrayList<>();
        for (Diff d : t.changes()) for (String l : DiffRenderer.render(d)) out.add(masker.mask(l));
        return out;
    }
}
