package dev.rigger.engine.exec;

import dev.rigger.spi.Module;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import java.util.List;

/** A module's declared first probes; a declaration that throws is the module's {@link ModuleCrash}. */
final class FirstProbes {
    private FirstProbes() { }

    static List<Probe> of(Module module, Params params) {
        List<Probe> p = ModuleCrash.guard(module, "firstProbes", () -> module.firstProbes(params));
        return p == null ? List.of() : p;
    }
}
