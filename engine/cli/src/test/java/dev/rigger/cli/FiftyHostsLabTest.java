package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.lab.Lab;
import dev.rigger.lab.LabTest;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fifty lab hosts, five of them broken before the run so that each fails at a randomly chosen
 * task for a real reason on the host ({@link FleetPlaybook}). The other 45 converge; a failed
 * host stops at its task (the tasks before it changed, the ones after it never ran); the recap
 * is exact in the JSON report and on the console; the exit code says a host failed. Repaired,
 * the five converge and the others change nothing; a third run changes nothing anywhere.
 *
 * <p>Hosts node12..node61 by default (./test gives node4-11 to other stages); another first
 * host with {@code -Drigger.fifty.first=N} or {@code RIGGER_FIFTY_FIRST=N}. The seed is printed;
 * replay a run with {@code -Drigger.fifty.seed=S} or {@code RIGGER_FIFTY_SEED=S}.
 */
@LabTest
class FiftyHostsLabTest {
    private static final int HOSTS = 50;
    private static final int FAILING = 5;
    private static final List<FleetPlaybook.Task> TASKS = FleetPlaybook.TASKS;

    @TempDir
    Path dir;
    private final Lab lab = Lab.get();
    private List<String> hosts;
    private Map<String, Integer> failing;
    private Path inventory;
    private Path playbook;

    @Test
    void fiveHostsFailAtRandomTasks_theOthersConverge_recapIsExact_repairedHostsConverge() throws Exception {
        long seed = setting("rigger.fifty.seed", "RIGGER_FIFTY_SEED", ThreadLocalRandom.current().nextLong());
        int first = (int) setting("rigger.fifty.first", "RIGGER_FIFTY_FIRST", 12);
        hosts = IntStream.range(first, first + HOSTS).mapToObj(i -> "node" + i).toList();
        failing = chooseFailing(hosts, new Random(seed));
        System.out.println("FiftyHostsLabTest: seed " + seed + " (replay with -Drigger.fifty.seed=" + seed + "), hosts "
                + hosts.get(0) + ".." + hosts.get(HOSTS - 1) + ", failing " + describe(failing));
        lab.atLeast(first + HOSTS - 1);
        lab.reset(hosts.toArray(String[]::new));
        inventory = lab.inventory(dir, hosts.toArray(String[]::new));
        playbook = dir.resolve("fleet.yml");
        Files.writeString(playbook, FleetPlaybook.yaml());
        try {
            failing.forEach((h, k) -> lab.sh(h, TASKS.get(k).breaks()));
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            threads.resetPeakThreadCount();
            long[] before = DescriptorPeak.now();
            DescriptorPeak during = new DescriptorPeak();
            FleetRun broken;
            try (during) {
                broken = brokenRun();
            }
            failing.forEach((h, k) -> lab.sh(h, TASKS.get(k).repair()));
            FleetRun repaired = repairedRun();
            FleetRun again = convergedRun();
            long[] after = DescriptorPeak.now();
            System.out.printf("FiftyHostsLabTest figures: %d hosts, %d tasks, seed %d; failed: %s; "
                            + "wall time run 1 (5 failing) %.1f s, run 2 (repaired) %.1f s, run 3 (converged) %.1f s; "
                            + "run 1 peaks: %d JVM threads, %d descriptors, %d sockets; "
                            + "descriptors %d before, %d after the three runs (sockets %d, %d)%n",
                    HOSTS, TASKS.size(), seed, describe(failing), broken.wallMs() / 1000.0, repaired.wallMs() / 1000.0,
                    again.wallMs() / 1000.0, threads.getPeakThreadCount(), during.fds(), during.sockets(),
                    before[0], after[0], before[1], after[1]);
            // a session is closed when its host's walk ends: about --forks (default 20) open at once, not 50
            assertThat(during.sockets()).as("sockets open at once during run 1").isLessThanOrEqualTo(25);
            assertThat(after[1]).as("sockets (SSH sessions) left open after three runs").isLessThanOrEqualTo(before[1]);
            assertThat(after[0] - before[0]).as("descriptors left open after three runs of %d hosts", HOSTS).isLessThan(HOSTS);
        } finally {
            lab.reset(failing.keySet().toArray(String[]::new));
        }
    }

    /** Exit 2; the 45 changed every task; each broken host stopped at its task; the disk agrees. */
    private FleetRun brokenRun() throws Exception {
        FleetRun run = FleetRun.play(inventory, playbook, dir.resolve("run1.json"));
        assertThat(run.exitCode()).as(run.console()).isEqualTo(ExitCodes.HOST_FAILED);
        run.assertHostCount(HOSTS);
        for (String h : hosts) {
            Integer k = failing.get(h);
            if (k == null) {
                run.assertRecap(h, FleetRun.Counts.converged(TASKS.size(), TASKS.size()));
                run.assertAll(h, "changed");
            } else {
                run.assertRecap(h, FleetRun.Counts.stoppedAt(k, TASKS.size()));
                run.assertStoppedAt(h, TASKS, k);
            }
        }
        run.assertFailuresOnly(failing.keySet());
        assertStateOnDisk(failing);
        return run;
    }

    /** Exit 0; a repaired host changes exactly the tasks it had not reached, the others nothing. */
    private FleetRun repairedRun() throws Exception {
        FleetRun run = FleetRun.play(inventory, playbook, dir.resolve("run2.json"));
        assertThat(run.exitCode()).as(run.console()).isEqualTo(ExitCodes.OK);
        run.assertHostCount(HOSTS);
        for (String h : hosts) {
            Integer k = failing.get(h);
            run.assertRecap(h, FleetRun.Counts.converged(TASKS.size(), k == null ? 0 : TASKS.size() - k));
        }
        assertStateOnDisk(Map.of());
        return run;
    }

    private FleetRun convergedRun() throws Exception {
        FleetRun run = FleetRun.play(inventory, playbook, dir.resolve("run3.json"));
        assertThat(run.exitCode()).as(run.console()).isEqualTo(ExitCodes.OK);
        for (String h : hosts) run.assertRecap(h, FleetRun.Counts.converged(TASKS.size(), 0));
        return run;
    }

    /** Five distinct hosts, each with the index of the task it will fail at. */
    private static Map<String, Integer> chooseFailing(List<String> hosts, Random random) {
        List<String> pool = new ArrayList<>(hosts);
        Map<String, Integer> out = new LinkedHashMap<>();
        while (out.size() < FAILING) out.put(pool.remove(random.nextInt(pool.size())), random.nextInt(TASKS.size()));
        return out;
    }

    private static String describe(Map<String, Integer> failing) {
        return String.join(", ", failing.entrySet().stream()
                .map(e -> e.getKey() + " at '" + TASKS.get(e.getValue()).name() + "' (task " + (e.getValue() + 1) + ")").toList());
    }

    /**
     * What each host holds, read over the lab's own ssh: a converged host what every task made; a
     * failed host what the tasks before its failing one made, and nothing of that task or after.
     */
    private void assertStateOnDisk(Map<String, Integer> failing) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Map<String, Future<String>> outs = new LinkedHashMap<>();
            for (String h : hosts) outs.put(h, pool.submit(() -> lab.ssh(h, FleetPlaybook.stateScript()).out()));
            for (String h : hosts) {
                Map<String, String> state = FleetPlaybook.parseState(outs.get(h).get());
                int stop = failing.getOrDefault(h, TASKS.size());
                for (int i = 0; i < TASKS.size(); i++) {
                    FleetPlaybook.Task t = TASKS.get(i);
                    if (i < stop) assertThat(state.get(t.name())).as(h + " / " + t.name()).isEqualTo(t.expected(h));
                    else assertThat(state.get(t.name())).as(h + " / " + t.name() + ": failed or never ran, so not made").isNotEqualTo(t.expected(h));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long setting(String property, String env, long otherwise) {
        String v = System.getProperty(property, System.getenv(env));
        return v == null || v.isBlank() ? otherwise : Long.parseLong(v.trim());
    }
}
