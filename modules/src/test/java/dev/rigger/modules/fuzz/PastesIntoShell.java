package dev.rigger.modules.fuzz;

import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Step;
import java.util.List;

/**
 * The bug the fuzzer exists to find, on purpose: a value pasted into a shell script. The fuzzer
 * must find a canary with it within seconds, or its values would prove nothing.
 */
final class PastesIntoShell implements Module {
    @Override
    public String name() { return "pastes_into_shell"; }

    @Override
    public String summary() { return "Vulnerable on purpose: writes its name parameter into a shell script"; }

    @Override
    public ParamSpec spec() {
        return ParamSpec.builder().add(Param.string("name").required()).build();
    }

    @Override
    public Change plan(Params p, Host host) {
        return Change.of(List.of(Diff.run("greet")), List.of(new Step.Shell("echo hello " + p.string("name") + " > /dev/null")));
    }
}
