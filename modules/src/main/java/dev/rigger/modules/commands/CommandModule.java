package dev.rigger.modules.commands;

import dev.rigger.spi.Words;
import dev.rigger.modules.Launch;
import dev.rigger.spi.Probe;
import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Step;
import java.util.List;

/**
 * Runs a program without a shell. With {@code creates}/{@code removes}/{@code unless} it is
 * plannable (and idempotent); without, it always "would run" and cannot prove convergence.
 */
public final class CommandModule implements Module {
    private static final ParamSpec SPEC = Guards.declare(ParamSpec.builder().freeForm()
            .add(Param.string("cmd").aliases("_raw").doc("the command line, split into words without a shell"))
            .add(Param.list("argv").doc("the command as a list of words (no splitting at all)"))
            .add(Param.string("stdin").doc("text fed to the command's standard input")))
            .requireOneOf("cmd", "argv").mutuallyExclusive("cmd", "argv").build();

    @Override
    public String name() { return "command"; }

    @Override
    public List<String> aliases() { return List.of("ansible.builtin.command"); }

    @Override
    public String summary() { return "Run a program (no shell); guard it with creates/removes/unless to make it idempotent"; }

    @Override
    public ParamSpec spec() { return SPEC; }

    @Override
    public List<Probe> firstProbes(Params p) {
        return Guards.probes(p);
    }

    @Override
    public Change plan(Params p, Host host) {
        List<String> argv = p.has("argv") ? p.list("argv") : Words.split(p.string("cmd"));
        if (argv.isEmpty()) throw new ModuleException("empty command");
        if (Guards.any(p) && Guards.satisfied(p, host).isPresent()) return Change.none();
        byte[] stdin = p.has("stdin") ? p.string("stdin").getBytes(java.nio.charset.StandardCharsets.UTF_8) : null;
        Change c = Change.of(List.of(Diff.run(String.join(" ", argv))),
                List.of(new Step.Run(Launch.inDir(p.string("chdir"), argv), stdin)));
        return Guards.any(p) ? c : c.unverifiable();
    }
}
