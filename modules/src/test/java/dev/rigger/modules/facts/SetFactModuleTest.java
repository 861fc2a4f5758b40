package dev.rigger.modules.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.ModuleException;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SetFactModuleTest {
    private final ModuleTester tester = ModuleTester.of(new SetFactModule());

    @SuppressWarnings("unchecked")
    private Map<String, Object> facts(Map<String, Object> kv) {
        return (Map<String, Object>) tester.plan(Map.of("key_value", kv), new ScriptedHost()).outputs().get("ansible_facts");
    }

    /** Ansible 2.14's set_fact (jinja2_native off): a whole string true/false/yes/no, any case, is a boolean. */
    @Test
    void trueFalseYesNoStrings_becomeBooleans_otherValuesStayAsGiven() {
        Map<String, Object> out = facts(Map.of("a", "true", "b", "False", "c", "YES", "d", "no", "e", "1", "f", "off",
                "g", "false ", "h", List.of("true"), "i", 5L));
        assertThat(out).containsEntry("a", true).containsEntry("b", false).containsEntry("c", true).containsEntry("d", false)
                .containsEntry("e", "1").containsEntry("f", "off").containsEntry("g", "false ").containsEntry("h", List.of("true"))
                .containsEntry("i", 5L);
    }

    @Test
    void aNullValue_isRefusedClearly() {
        Map<String, Object> kv = new HashMap<>();
        kv.put("gone", null);
        assertThatThrownBy(() -> facts(kv)).isInstanceOf(ModuleException.class).hasMessageContaining("'gone' is None (null)");
    }
}
