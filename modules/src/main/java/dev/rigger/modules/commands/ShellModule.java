package dev.rigger.modules.commands;

import dev.rigger.modules.Launch;
import dev.rigger.spi.Probe;
import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Step;
import java.util.List;

/** Runs a script with {@code /bin/sh}: pipes, redirections and globs work. Same guards as {@code command}. */
public final class ShellModule implements Module {
    private static final ParamSpec SPEC = Guards.declare(ParamSpec.builder().freeForm()
            .add(Param.string("cmd").aliases("_raw").required().doc("the script, run with /bin/sh"))
            .add(Param.string("executable").absolutePath().doc("the shell to run the script with instead of /bin/sh, e.g. /bin/bash (called as EXECUTABLE -c SCRIPT)")))
            .build();

    @Override
    public String name() { return "shell"; }

    @Override
    public List<String> aliases() { return List.of("ansible.builtin.shell"); }

    @Override
    public String summary() { return "Run a shell script; guard it with creates/removes/unless to make it idempotent"; }

    @Override
    public ParamSpec spec() { return SPEC; }

    @Override
    public List<Probe> firstProbes(Params p) {
        return Guards.probes(p);
    }

    @Override
    public Change plan(Params p, Host host) {
        if (Guards.any(p) && Guards.satisfied(p, host).isPresent()) return Change.none();
        String script = p.string("cmd");
        Step step = p.has("executable") ? withShell(p, script) : p.has("chdir")
                ? new Step.Run(Launch.inDir(p.string("chdir"), List.of("/bin/sh", "-c", script)), null)
                : new Step.Shell(script);
        Change c = Change.of(List.of(Diff.run(script)), List.of(step));
        return Guards.any(p) ? c : c.unverifiable();
    }

    /** The script run by the chosen shell, as literal arguments (in chdir's folder when given). */
    private static Step withShell(Params p, String script) {
        String shell = p.string("executable");
        return new Step.Run(Launch.inDir(p.string("chdir"), List.of(shell, "-c", script)), null);
    }
}
