package dev.rigger.modules.commands;

import dev.rigger.spi.Host;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code creates}, {@code removes} and {@code unless}: what makes a command plannable. All are
 * probed in one round trip; the answer is why the command need not run, if it need not.
 */
final class Guards {
    private Guards() { }

    static ParamSpec.Builder declare(ParamSpec.Builder b) {
        return b.add(Param.string("creates").doc("a path; when it exists the command does not run"))
                .add(Param.string("removes").doc("a path; when it does not exist the command does not run"))
                .add(Param.string("unless").doc("a read-only shell command; when it succeeds the command does not run"))
                .add(Param.string("chdir").doc("folder to run the command in"));
    }

    /** The guards' probes, asked in one round trip (the command's first probes; none without guards). */
    static List<Probe> probes(Params p) {
        List<Probe> probes = new ArrayList<>();
        if (p.has("creates")) probes.add(new Probe.Stat(p.string("creates")));
        if (p.has("removes")) probes.add(new Probe.Stat(p.string("removes")));
        if (p.has("unless")) probes.add(new Probe.Shell(p.string("unless")));
        return probes;
    }

    static boolean any(Params p) {
        return p.has("creates") || p.has("removes") || p.has("unless");
    }

    /** Why the command is not needed, or empty when it must run. */
    static Optional<String> satisfied(Params p, Host host) {
        List<ProbeResult> r = host.probe(probes(p));
        int i = 0;
        if (p.has("creates") && r.get(i++).fileState().exists()) return Optional.of(p.string("creates") + " exists");
        if (p.has("removes") && !r.get(i++).fileState().exists()) return Optional.of(p.string("removes") + " does not exist");
        if (p.has("unless") && r.get(i).ok()) return Optional.of("'unless' command succeeded");
        return Optional.empty();
    }

}
