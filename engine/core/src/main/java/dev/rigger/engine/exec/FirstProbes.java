package dev.rigger.engine.exec;

import dev.rigger.spi.Module;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import java.util.List;

/** A module's declared first probes; a declaration that fails declares none (the plan then asks the host itself). */
final class FirstProbes {
    private FirstProbes() { }

    static List<Probe> of(Module module, Params params) {
        try {
            List<Probe> p = module.firstProbes(params);
            return p == null ? List.of() : p;
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
