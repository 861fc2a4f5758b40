package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** {@code -e k=v} split as Ansible's parse_kv splits it (the expected maps are what ansible-core 2.14's parse_kv returns). */
class ExtraVarsTest {
    private static final CommandSpec SPEC = new CommandLine(CommandSpec.create()).getCommandSpec();

    @Test
    void keyValues_keepQuotedWordsAndTemplatesWhole() {
        assertThat(ExtraVars.parse("a=1 b=\"x y\" c={{ d | default('e f') }}", SPEC))
                .isEqualTo(Map.of("a", "1", "b", "x y", "c", "{{ d | default('e f') }}"));
        assertThat(ExtraVars.parse("v={{ x }}", SPEC)).isEqualTo(Map.of("v", "{{ x }}"));
        assertThat(ExtraVars.parse("k='q q'  m=2", SPEC)).isEqualTo(Map.of("k", "q q", "m", "2"));
    }

    @Test
    void aWordWithoutEquals_isRefused() {
        // Ansible would make it a variable named _raw_params; Rigger says what it expected
        assertThatThrownBy(() -> ExtraVars.parse("a=1 stray", SPEC)).hasMessageContaining("got 'stray'");
    }
}
