package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.engine.compile.FactNames;
import dev.rigger.modules.facts.SetupModule;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

/** The engine's list of fact names (what expressions may read, what the compiler filters on) is what setup fills. */
class SetupModuleNamesTest {
    @Test
    void theCompilersFactNames_areTheSetupModules() {
        assertThat(new HashSet<>(FactNames.ALL)).isEqualTo(new HashSet<>(SetupModule.factNames()));
    }
}
