package dev.rigger.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.spi.Diff;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console sized for a fleet: what matters by default, grouped changes, a short recap, the progress line. */
class ConsoleReporterTest {
    private static final List<String> TASKS = List.of("packages", "hosts file", "motd", "sshd config", "ntp");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Masker masker = new Masker();

    private ConsoleReporter reporter(boolean diff, int verbosity, boolean terminal, long plainEveryMs) {
        return new ConsoleReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8), diff, verbosity, masker, terminal, plainEveryMs);
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static List<String> hosts(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) out.add("node" + i);
        return out;
    }

    /** Every task ok on every host, except what {@code special} says for a host and task index. */
    private static RunResult run(int hostCount, boolean check, Special special) {
        List<TaskResult> tasks = new ArrayList<>();
        for (String h : hosts(hostCount)) {
            for (int i = 0; i < TASKS.size(); i++) {
                TaskResult t = special.of(h, i);
                tasks.add(t != null ? t : new TaskResult(h, i, TASKS.get(i), "copy", Status.OK, List.of(), "", "", 10 + i));
            }
        }
        return new RunResult(check, tasks, hosts(hostCount), 1234);
    }

    interface Special {
        TaskResult of(String host, int index);
    }

    @Test
    void noChangeRunOnAThousandHosts_fitsInAScreen_andVerboseListsEverything() {
        RunResult r = run(1000, false, (h, i) -> null);
        reporter(false, 0, false, 0).replay(r);
        assertThat(printed().lines().count()).as(printed()).isLessThan(40);
        assertThat(printed()).contains("1000 hosts: 1000 all right, 0 with changes, 0 failed, 0 unreachable; tasks: ok=5000 changed=0")
                .doesNotContain("node17 ");

        bytes.reset();
        reporter(false, 1, false, 0).replay(r);
        assertThat(printed().lines().filter(l -> l.startsWith("ok "))).hasSize(5000);
        assertThat(printed()).containsPattern("(?m)^node17\\s+: ok=5\\s+changed=0");
    }

    @Test
    void sameChangeOnManyHosts_isOneEntry_diffShownOnce_differingHostsListed() {
        RunResult r = run(1000, false, (h, i) -> {
            if (i != 1) return null;
            String after = h.equals("node3") || h.equals("node7") ? "10.0.0.1 db\n10.0.0.9 cache\n" : "10.0.0.1 db\n10.0.0.2 cache\n";
            return new TaskResult(h, i, "hosts file", "copy", Status.CHANGED, List.of(Diff.update("/etc/hosts", "10.0.0.1 db\n", after)), "", "", 7);
        });
        reporter(true, 0, false, 0).replay(r);
        String out = printed();
        assertThat(out).contains("CHANGES\nchanged on 1000 hosts: hosts file (copy)\n");
        assertThat(out.split("\\+10\\.0\\.0\\.2 cache", -1)).as("the main diff shown once").hasSize(2);
        assertThat(out).contains("  differs on node3, node7:").contains("+10.0.0.9 cache");
        assertThat(out).doesNotContain("changed   node");
        assertThat(out.lines().count()).as(out).isLessThan(40);
    }

    @Test
    void changesDifferingOnlyByEachHostsOwnName_areOneVariant_shownWithAPlaceholder() {
        RunResult r = run(20, false, (h, i) -> i == 1 ? new TaskResult(h, i, "hosts file", "copy", Status.CHANGED,
                List.of(Diff.create("/srv/" + h + "/hosts", "127.0.1.1 " + h + "\n10.0.0.1 node1.example db\n")), "", "", 7) : null);
        reporter(true, 0, false, 0).replay(r);
        String out = printed();
        assertThat(out).contains("changed on 20 hosts: hosts file (copy)\n          + /srv/{host}/hosts\n")
                .contains("+127.0.1.1 {host}").contains("+10.0.0.1 node1.example db").doesNotContain("differs on");
        assertThat(ChangeGroups.ownNameOut("node1 node10 node1.example /x/node1/y node1-a", "node1")).isEqualTo("{host} node10 node1.example /x/{host}/y node1-a");
    }

    @Test
    void withoutDiff_aGroupIsOneLineNamingWhatChanged() {
        RunResult r = run(50, false, (h, i) -> i == 2
                ? new TaskResult(h, i, "motd", "copy", Status.CHANGED, List.of(Diff.create("/etc/motd", "hello\n")), "", "", 3) : null);
        reporter(false, 0, false, 0).replay(r);
        assertThat(printed()).contains("changed on 50 hosts: motd (copy): + /etc/motd").doesNotContain("hello");
    }

    @Test
    void failuresOfFiveHostsInFifty_areShown_withOutput_andTheRecapNamesOnlyThem() {
        List<String> failing = List.of("node4", "node11", "node23", "node38", "node49");
        masker.add("hunter22");
        RunResult r = run(50, false, (h, i) -> failing.contains(h) && i == 3
                ? new TaskResult(h, i, "sshd config", "template", Status.FAILED, List.of(), "step failed (exit 1): sshd -t",
                        "sshd: bad option (password hunter22)\n", 40) : null);
        reporter(false, 0, false, 0).replay(r);
        String out = printed();
        for (String h : failing) {
            assertThat(out).containsPattern("(?m)^failed\\s+" + h + "\\s+sshd config \\(template")
                    .containsPattern("(?m)^" + h + "\\s+: ok=4\\s+changed=0\\s+unknown=0\\s+failed=1 ")
                    .contains("  " + h + " / sshd config: step failed (exit 1): sshd -t");
        }
        assertThat(out).contains("| sshd: bad option (password ********)").doesNotContain("hunter22");
        assertThat(out).containsPattern("(?m)^50 hosts: 45 all right, 0 with changes, 5 failed, 0 unreachable");
        assertThat(out).doesNotContainPattern("(?m)^node1\\s+:").doesNotContainPattern("(?m)^ok ");
        assertThat(out.lines().count()).as(out).isLessThan(40);
    }

    @Test
    void fewHosts_printChangesAsTheyCome_andEveryHostsRecap() {
        RunResult r = run(3, true, (h, i) -> i == 2 && h.equals("node2")
                ? new TaskResult(h, i, "motd", "copy", Status.CHANGED, List.of(Diff.create("/etc/motd", "hello\n")), "", "", 3) : null);
        reporter(true, 0, false, 0).replay(r);
        assertThat(printed()).contains("changed   node2          motd (copy, 3 ms)").contains("+hello")
                .containsPattern("(?m)^node1\\s+: ok=5").containsPattern("(?m)^node3\\s+: ok=5")
                .doesNotContainPattern("(?m)^ok ").doesNotContain("PLANNED CHANGES");
    }

    @Test
    void sameNoteOnManyHosts_isOneLine() {
        RunResult r = run(30, false, (h, i) -> i == 0
                ? new TaskResult(h, i, "packages", "apt", Status.OK, List.of(), "cache is 3 days old", "", 3) : null);
        reporter(false, 0, false, 0).replay(r);
        assertThat(printed()).contains("NOTES\n  node1, node2, node3, node4, node5, node6, node7, node8, node9, node10 and 20 more / packages: cache is 3 days old\n");
    }

    @Test
    void terminal_rewritesAProgressLine_plainOutput_hasNoControlCharacters() throws Exception {
        Map<String, Integer> tasks = new LinkedHashMap<>();
        for (String h : hosts(4)) tasks.put(h, 2);
        ConsoleReporter tty = reporter(false, 0, true, 0);
        tty.start(tasks, false);
        tty.taskStarted("node1", "packages");
        Thread.sleep(600);
        tty.taskFinished(new TaskResult("node1", 0, "packages", "apt", Status.FAILED, List.of(), "boom", "", 5));
        tty.runFinished(new RunResult(false, List.of(), hosts(4), 700));
        assertThat(printed()).contains("\r\033[K0/4 hosts done, 1 running | ok 0 changed 0 failed 0 unreachable 0 | 0.")
                .contains("slowest now: node1 (pac").doesNotContainPattern("\\[K[^\r\n]{100}").contains("\r\033[Kfailed    node1");

        bytes.reset();
        ConsoleReporter plain = reporter(false, 0, false, 200);
        plain.start(tasks, false);
        plain.taskFinished(new TaskResult("node1", 0, "packages", "apt", Status.OK, List.of(), "", "", 5));
        plain.taskFinished(new TaskResult("node1", 1, "motd", "copy", Status.OK, List.of(), "", "", 5));
        plain.taskFinished(new TaskResult("node2", 0, "packages", "apt", Status.UNREACHABLE, List.of(), "connection refused", "", 5));
        Thread.sleep(500);
        plain.runFinished(new RunResult(false, List.of(), hosts(4), 700));
        assertThat(printed()).contains("progress: 2/4 hosts done, 0 running | ok 2 changed 0 failed 0 unreachable 1").doesNotContain("\033").doesNotContain("\r");
    }
}
