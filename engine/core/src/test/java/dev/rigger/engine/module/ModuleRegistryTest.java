package dev.rigger.engine.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.spi.Change;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Names a module is called by: its own, its declared aliases and the ansible.legacy twin of each ansible.builtin one. */
class ModuleRegistryTest {
    private static Module named(String name, String... aliases) {
        return new Module() {
            @Override public String name() { return name; }
            @Override public List<String> aliases() { return List.of(aliases); }
            @Override public String summary() { return "test"; }
            @Override public ParamSpec spec() { return ParamSpec.builder().build(); }
            @Override public Change plan(Params p, Host h) { return Change.none(); }
        };
    }

    @Test
    void builtinAlias_alsoAnswersToLegacy() {
        Module stat = named("stat", "ansible.builtin.stat");
        ModuleRegistry r = ModuleRegistry.of(stat);
        assertThat(r.find("ansible.legacy.stat")).contains(stat);
        assertThat(r.find("ansible.builtin.stat")).contains(stat);
        assertThat(ModuleRegistry.aliases(stat)).containsExactly("ansible.builtin.stat", "ansible.legacy.stat");
    }

    @Test
    void noBuiltinAlias_noLegacyName() {
        ModuleRegistry r = ModuleRegistry.of(named("kubeadm", "kubeadm-init"));
        assertThat(r.find("ansible.legacy.kubeadm")).isEmpty();
    }

    @Test
    void declaredLegacyAlias_isNotRepeated() {
        assertThat(ModuleRegistry.aliases(named("x", "ansible.builtin.x", "ansible.legacy.x")))
                .containsExactly("ansible.builtin.x", "ansible.legacy.x");
    }
}
