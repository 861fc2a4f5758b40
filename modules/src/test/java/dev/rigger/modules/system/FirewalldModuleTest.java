package dev.rigger.modules.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * firewall-cmd's answers as firewall-cmd(1) documents them: {@code --state} prints "running"
 * (exit 0) or "not running" (exit 252, NOT_RUNNING); {@code --query-*} exits 0 for yes and 1 for
 * no; an unknown zone is INVALID_ZONE (112).
 */
class FirewalldModuleTest {
    private final ModuleTester tester = ModuleTester.of(new FirewalldModule());

    private static ScriptedHost running() {
        return new ScriptedHost().answer("firewall-cmd --state", 0, "running\n")
                .answer("firewall-cmd --query-service=http", 1, "no\n")
                .answer("firewall-cmd --permanent --query-service=http", 0, "yes\n")
                .answer("firewall-cmd --zone=public --query-port=8080/tcp", 1, "no\n")
                .answer("firewall-cmd --permanent --zone=public --query-port=8080/tcp", 1, "no\n")
                .answer("firewall-cmd --query-service=ssh", 0, "yes\n")
                .answer("firewall-cmd --zone=nope --query-service=ssh", 112, "");
    }

    @Test
    void immediateByDefault_permanentOnlyWhenAsked_bothWithImmediate() {
        Change now = tester.plan(Map.of("service", "http", "state", "enabled"), running());
        assertThat(now.steps()).containsExactly(Step.Run.of("firewall-cmd", "--add-service=http"));
        assertThat(now.outputs()).containsEntry("msg", "Non-permanent operation, Changed service http to enabled");
        assertThat(tester.plan(Map.of("service", "http", "state", "enabled", "permanent", true), running()).isNone()).isTrue();
        Change both = tester.plan(Map.of("port", "8080/tcp", "zone", "public", "state", "enabled", "permanent", true,
                "immediate", true, "timeout", 30), running());
        assertThat(both.steps()).containsExactly(
                Step.Run.of("firewall-cmd", "--permanent", "--zone=public", "--add-port=8080/tcp"),
                Step.Run.of("firewall-cmd", "--zone=public", "--add-port=8080/tcp", "--timeout=30s"));
        Change off = tester.plan(Map.of("service", "ssh", "state", "disabled"), running());
        assertThat(off.steps()).containsExactly(Step.Run.of("firewall-cmd", "--remove-service=ssh"));
    }

    @Test
    void aHostWithoutFirewalld_orWithItStopped_failsSayingSo() {
        assertThatThrownBy(() -> tester.plan(Map.of("port", "8080/tcp", "state", "enabled"), new ScriptedHost()))
                .hasMessageContaining("firewall-cmd is not on scripted: firewalld is not installed");
        ScriptedHost stopped = new ScriptedHost().answer("firewall-cmd --state", 252, "not running\n");
        assertThatThrownBy(() -> tester.plan(Map.of("port", "8080/tcp", "state", "enabled"), stopped))
                .hasMessageContaining("firewalld service must be running on scripted");
        assertThatThrownBy(() -> tester.plan(Map.of("service", "ssh", "zone", "nope", "state", "enabled"), running()))
                .hasMessageContaining("--zone=nope --query-service=ssh failed (exit 112)");
    }

    @Test
    void refusals_asAnsible_andWhatRiggerDoesNotImplement() {
        assertThatThrownBy(() -> tester.plan(Map.of("port", "8080", "state", "enabled"), running()))
                .hasMessage("improper port format (missing protocol?)");
        assertThatThrownBy(() -> tester.plan(Map.of("service", "http", "state", "present"), running()))
                .hasMessage("absent and present state can only be used in zone level operations");
        assertThatThrownBy(() -> tester.plan(Map.of("zone", "public", "state", "present"), running()))
                .hasMessageContaining("is not supported");
        assertThatThrownBy(() -> tester.plan(Map.of("service", "a;b", "state", "enabled"), running()))
                .hasMessageContaining("is not a firewalld service");
        assertThat(tester.problems(Map.of("masquerade", "yes", "zone", "public", "state", "enabled"))).anySatisfy(m -> assertThat(m).contains("not implemented"));
        assertThat(tester.problems(Map.of("service", "http", "port", "80/tcp", "state", "enabled"))).isNotEmpty();
        assertThat(tester.problems(Map.of("source", "10.0.0.0/8", "state", "enabled"))).isNotEmpty();   // source needs permanent
    }

    @Test
    void registered() {
        tester.assertRegistered();
        assertThat(new FirewalldModule().aliases()).contains("ansible.posix.firewalld");
    }
}
