package dev.rigger.modules.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.ModuleException;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GetentModuleTest {
    private final ModuleTester t = ModuleTester.of(new GetentModule());

    @Test
    void passwd_splitsOnColons_intoAnsibleFacts() {
        ScriptedHost h = new ScriptedHost().answer("getent -- passwd root", 0, "root:x:0:0:root:/root:/bin/bash\n");
        Change c = t.plan(Map.of("database", "passwd", "key", "root"), h);
        assertThat(c.isNone()).isTrue();
        assertThat(c.outputs()).isEqualTo(Map.of("ansible_facts", Map.of("getent_passwd",
                Map.of("root", List.of("x", "0", "0", "root", "/root", "/bin/bash")))));
    }

    @Test
    void hosts_splitOnWhitespace() {
        ScriptedHost h = new ScriptedHost().answer("getent -- hosts", 0, "127.0.0.1       localhost\n::1 localhost ip6-localhost\n");
        assertThat(t.plan(Map.of("database", "hosts"), h).outputs().get("ansible_facts"))
                .isEqualTo(Map.of("getent_hosts", Map.of("127.0.0.1", List.of("localhost"), "::1", List.of("localhost", "ip6-localhost"))));
    }

    @Test
    void missingKey_failsUnlessFailKeyFalse() {
        ScriptedHost h = new ScriptedHost().answer("getent -- passwd ghost", 2, "");
        assertThatThrownBy(() -> t.plan(Map.of("database", "passwd", "key", "ghost"), h)).isInstanceOf(ModuleException.class)
                .hasMessageContaining("could not be found");
        assertThat(t.plan(Map.of("database", "passwd", "key", "ghost", "fail_key", false), h).outputs()).containsKey("msg");
    }
}
