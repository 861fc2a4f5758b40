package dev.rigger.modules.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.spi.Change;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ScriptedHost;
import dev.rigger.testkit.TestParams;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A unit systemd is (re)starting, as kubelet before {@code kubeadm init}: {@code systemctl
 * is-active} prints {@code activating} and exits 3. Ansible's systemd module counts it as running
 * (is_running_service: ActiveState in active, activating), so does Rigger.
 */
class ServiceActivatingTest {
    private final ServiceModule m = new ServiceModule();

    private static ScriptedHost kubelet(String active, int exit) {
        return new ScriptedHost().answer("systemctl show -- kubelet", 0, "Id=kubelet.service\nLoadState=loaded\nActiveState=" + active
                + "\nSubState=" + (active.equals("activating") ? "auto-restart" : "dead") + "\nUnitFileState=enabled\n");
    }

    @ParameterizedTest(name = "{0} (exit {1}) want {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        activating | 3 | started   | -
        activating | 3 | stopped   | systemctl stop kubelet
        activating | 3 | restarted | systemctl restart kubelet
        failed     | 3 | started   | systemctl start kubelet
        inactive   | 3 | started   | systemctl start kubelet
        active     | 0 | started   | -
        """)
    void activating_isRunning(String active, int exit, String state, String command) {
        Change c = m.plan(TestParams.of(m.spec(), "name", "kubelet", "state", state, "enabled", true), kubelet(active, exit));
        List<String> runs = c.steps().stream().map(s -> String.join(" ", ((Step.Run) s).argv())).toList();
        assertThat(runs).isEqualTo(command == null ? List.of() : List.of(command));
    }
}
