package dev.rigger.modules.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.engine.fuzz.FuzzBudget;
import dev.rigger.engine.module.ModuleRegistry;
import dev.rigger.lab.Lab;
import dev.rigger.lab.LabTest;
import dev.rigger.spi.Module;
import dev.rigger.spi.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every built-in module (as the registry finds them, so a new one is fuzzed without a line here)
 * gets hostile parameter values drawn from its own spec, planned and applied on a real lab host
 * through the engine's quoting, shell and SSH. Any value that reached a shell as code would
 * create the canary file; none may. Refusals are fine and counted.
 *
 * <p>Runs for {@code RIGGER_FUZZ_SECONDS} / {@code -Drigger.fuzz.seconds} (20 s by default),
 * shared equally by the modules; on {@code RIGGER_FUZZ_HOST} / {@code -Drigger.fuzz.host}
 * (default k8s-slave2, up whenever Maven's lab tests run), which it resets before and after.
 * Replay a run with its printed seed: {@code -Drigger.fuzz.seed=N}, limited to some modules with
 * {@code -Drigger.fuzz.modules=file,copy}.
 */
@LabTest
class ModuleInjectionFuzzTest {
    private static final int MIN_INPUTS = 3;
    /**
     * Inputs drawn past the module's time share while none has got past the binder yet: with 67
     * modules a 20-s budget gives each 0.3 s, and a module whose spec refuses most draws
     * (mysql_user: 41 of 41) would otherwise fail for want of time, not of a fault.
     */
    private static final int MAX_TO_REACH = 1000;
    /** {@code -Drigger.fuzz.verbose=true}: every input with its outcome, to tune the generator. */
    private static final boolean VERBOSE = FuzzBudget.setting("rigger.fuzz.verbose", "RIGGER_FUZZ_VERBOSE").isPresent();

    @Test
    void everyModule_hostileParameters_runNoUnintendedCommand() throws Exception {
        FuzzBudget budget = FuzzBudget.orDefault(Duration.ofSeconds(20));
        String hostName = FuzzBudget.setting("rigger.fuzz.host", "RIGGER_FUZZ_HOST").orElse("k8s-slave2");
        List<String> only = FuzzBudget.setting("rigger.fuzz.modules", "RIGGER_FUZZ_MODULES").map(s -> List.of(s.split(","))).orElse(List.of());
        List<Module> modules = ModuleRegistry.discover(getClass().getClassLoader()).entries().stream()
                .map(ModuleRegistry.Entry::module).filter(m -> only.isEmpty() || only.contains(m.name())).toList();
        assertThat(modules).as("built-in modules").isNotEmpty();
        Hostile hostile = new Hostile(HexFormat.of().toHexDigits((int) budget.seed()));
        Lab lab = Lab.get();
        lab.reset(hostName);
        List<Tally> tallies = new ArrayList<>();
        List<String> swept;
        try (FuzzHost host = FuzzHost.open(lab, hostName, hostile)) {
            host.prepare();
            assertThat(host.detects()).as("the canary check sees a deliberate injection").isTrue();
            // stops at the first canary (about one input in ten): a fixed time would make this flaky on a busy machine
            Tally vulnerable = fuzz(new PastesIntoShell(), host, new ParamValues(new SplittableRandom(budget.seed()), hostile),
                    System.nanoTime() + Duration.ofSeconds(60).toNanos(), true);
            assertThat(vulnerable.canaries).as("canaries from a module that pastes values into a shell").isNotEmpty();
            System.out.printf("module injection fuzz: a module that pastes values into a shell was caught at input %d%n",
                    vulnerable.inputs());
            long share = budget.time().toNanos() / modules.size();
            for (Module m : modules) {
                // one stream per module: a seed replays a module's inputs whatever the others drew
                ParamValues values = new ParamValues(new SplittableRandom(budget.seed() ^ m.name().hashCode()), hostile);
                tallies.add(fuzz(m, host, values, System.nanoTime() + share, false));
            }
            swept = host.sweep();
        } finally {
            lab.reset(hostName);
        }
        print(budget, hostName, hostile, tallies, swept);
        assertThat(swept).as("canary files found at the end").isEmpty();
        for (Tally t : tallies) {
            assertThat(t.canaries).as(t.module + ": inputs that ran a command").isEmpty();
            assertThat(t.findings).as(t.module + ": inputs that crashed the module or engine").isEmpty();
            assertThat(t.reachedModule()).as(t.module + ": inputs the binder let through (a module that cannot be fuzzed)").isPositive();
        }
    }

    private static Tally fuzz(Module m, FuzzHost host, ParamValues values, long deadline, boolean untilCanary) {
        Tally t = new Tally(m.name());
        InputRunner runner = new InputRunner();
        host.prepare();
        long t0 = System.nanoTime();
        while ((t.inputs() < MIN_INPUTS || System.nanoTime() < deadline || (t.reachedModule() == 0 && t.inputs() < MAX_TO_REACH))
                && !(untilCanary && !t.canaries.isEmpty())) {
            Map<String, Object> args = values.draw(m);
            InputRunner.Result r = runner.run(m, args, host.session());
            t.add(r.outcome());
            List<String> found = host.canariesAfterInput();
            if (!found.isEmpty()) t.canaries.add(found + " after " + describe(args, r));
            if (r.outcome() == Outcome.CRASHED && t.findings.size() < 5) t.findings.add(r.detail() + " from " + describe(args, r));
            if (r.outcome() == Outcome.NOT_CONVERGED && t.unconverged == null) t.unconverged = describe(args, r);
            if (VERBOSE) System.out.println(m.name() + " " + r.outcome() + " " + FuzzHost.visible(r.detail()) + "\n  " + describe(args, r));
        }
        t.millis = (System.nanoTime() - t0) / 1_000_000;
        return t;
    }

    private static String describe(Map<String, Object> args, InputRunner.Result r) {
        StringBuilder sb = new StringBuilder();
        args.forEach((k, v) -> sb.append(k).append('=').append(FuzzHost.visible(v)).append("  "));
        for (Step s : r.ran()) sb.append("\n    ran: ").append(FuzzHost.visible(s.describe()));
        return sb.toString();
    }

    private static void print(FuzzBudget budget, String host, Hostile hostile, List<Tally> tallies, List<String> swept) {
        StringBuilder sb = new StringBuilder("\nmodule injection fuzz: " + budget.time().toSeconds() + " s on " + host
                + ", seed " + budget.seed() + " (-Drigger.fuzz.seed), canary " + hostile.canary + "\n" + Tally.header() + "\n");
        int inputs = 0;
        int canaries = swept.size();
        for (Tally t : tallies) {
            sb.append(t.row()).append('\n');
            inputs += t.inputs();
            canaries += t.canaries.size();
            t.canaries.forEach(c -> sb.append("  CANARY ").append(c).append('\n'));
            t.findings.forEach(f -> sb.append("  CRASH ").append(f).append('\n'));
            // informational: a guard the fixed command does not satisfy, or an idempotency bug worth a look
            if (t.unconverged != null) sb.append("  first not converged: ").append(t.unconverged).append('\n');
        }
        sb.append(String.format("total: %d modules, %d inputs, %d canary files%n", tallies.size(), inputs, canaries));
        System.out.print(sb);
    }
}
