package dev.rigger.cli;

import dev.rigger.engine.compile.CompileOptions;
import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.inventory.Inventory;
import dev.rigger.engine.model.Play;
import dev.rigger.engine.model.Playbook;
import dev.rigger.engine.model.Task;
import java.io.PrintStream;
import java.util.List;
import java.util.TreeSet;

/**
 * ansible-playbook's {@code --list-hosts}, {@code --list-tasks} and {@code --list-tags}, printed
 * as ansible-playbook 2.14 prints them (hosts in inventory order, where Ansible's order varies).
 */
final class PlaybookListing {
    private final Inventory inventory;
    private final CompileOptions opts;
    private final PrintStream out;

    PlaybookListing(Inventory inventory, CompileOptions opts, PrintStream out) {
        this.inventory = inventory;
        this.opts = opts;
        this.out = out;
    }

    void print(Playbook book, boolean hosts, boolean tasks, boolean tags) {
        out.println();
        out.println("playbook: " + book.file());
        int n = 0;
        for (Play play : book.plays()) {
            out.println();
            out.println("  play #" + (++n) + " (" + play.hosts() + "): " + play.name() + "\tTAGS: []");
            if (hosts) hosts(play);
            List<Task> selected = play.sections().stream().flatMap(List::stream)
                    .filter(t -> opts.selects(t.tags()) && t.includeTags().stream().allMatch(opts::selects)).toList();
            if (tasks) {
                out.println("    tasks:");
                for (Task t : selected) out.println("      " + (t.name() != null ? t.name() : t.module()) + "\tTAGS: " + tagList(t.tags()));
            }
            if (tags) {
                TreeSet<String> all = new TreeSet<>();
                selected.forEach(t -> all.addAll(t.tags()));
                out.println("      TASK TAGS: " + tagList(all));
            }
        }
    }

    private void hosts(Play play) {
        Diagnostics d = new Diagnostics();
        List<String> selected = inventory.select(play.hosts(), play.location(), d);
        if (opts.limit() != null) {
            List<String> limit = inventory.select(opts.limit(), play.location(), d);
            selected = selected.stream().filter(limit::contains).toList();
        }
        out.println("    pattern: ['" + play.hosts() + "']");
        out.println("    hosts (" + selected.size() + "):");
        for (String h : selected) out.println("      " + h);
    }

    private static String tagList(java.util.Collection<String> tags) {
        return "[" + String.join(", ", new TreeSet<>(tags)) + "]";
    }
}
