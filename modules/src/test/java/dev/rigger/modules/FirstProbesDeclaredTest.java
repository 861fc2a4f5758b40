package dev.rigger.modules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.modules.commands.CommandModule;
import dev.rigger.modules.commands.ShellModule;
import dev.rigger.modules.files.BlockInFileModule;
import dev.rigger.modules.files.CopyModule;
import dev.rigger.modules.files.FileModule;
import dev.rigger.modules.files.FindModule;
import dev.rigger.modules.files.GetUrlModule;
import dev.rigger.modules.files.IniFileModule;
import dev.rigger.modules.files.LineInFileModule;
import dev.rigger.modules.files.ReplaceModule;
import dev.rigger.modules.files.SlurpModule;
import dev.rigger.modules.files.StatModule;
import dev.rigger.modules.files.UnarchiveModule;
import dev.rigger.modules.files.UriModule;
import dev.rigger.modules.kubernetes.KubeadmModule;
import dev.rigger.modules.kubernetes.KubectlApplyModule;
import dev.rigger.modules.packages.YumModule;
import dev.rigger.modules.packages.YumRepositoryModule;
import dev.rigger.modules.services.ServiceModule;
import dev.rigger.modules.system.CronModule;
import dev.rigger.modules.system.HostnameModule;
import dev.rigger.modules.system.ModprobeModule;
import dev.rigger.modules.system.SwapModule;
import dev.rigger.modules.system.SysctlModule;
import dev.rigger.spi.Module;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in module that probes declares its first probes (what the engine fetches ahead
 * for a host's tasks in one round trip), and they are exactly what its plan asks first: a wrong
 * declaration would cost a round trip per task, silently.
 */
class FirstProbesDeclaredTest {

    static Stream<Arguments> tasks() {
        return Stream.of(
                Arguments.of(new FileModule(), Map.of("path", "/etc/x", "state", "directory")),
                Arguments.of(new FileModule(), Map.of("path", "/etc/x", "content", "a")),
                Arguments.of(new CopyModule(), Map.of("dest", "/etc/x", "content", "a")),
                Arguments.of(new LineInFileModule(), Map.of("path", "/etc/x", "line", "a")),
                Arguments.of(new BlockInFileModule(), Map.of("path", "/etc/x", "block", "a")),
                Arguments.of(new FindModule(), Map.of("paths", List.of("/etc", "/opt"), "recurse", true)),
                Arguments.of(new ReplaceModule(), Map.of("path", "/etc/x", "regexp", "a")),
                Arguments.of(new SlurpModule(), Map.of("src", "/etc/x")),
                Arguments.of(new IniFileModule(), Map.of("path", "/etc/x", "option", "o", "value", "v")),
                Arguments.of(new CronModule(), Map.of("name", "a", "job", "true")),
                Arguments.of(new UnarchiveModule(), Map.of("src", "/var/tmp/a.tgz", "dest", "/opt", "remote_src", true, "creates", "/opt/x")),
                Arguments.of(new CronModule(), Map.of("name", "a", "job", "true", "user", "app", "cron_file", "app")),
                Arguments.of(new UriModule(), Map.of("url", "http://127.0.0.1/f", "creates", "/opt/x", "removes", "/opt/y")),
                Arguments.of(new GetUrlModule(), Map.of("url", "http://127.0.0.1/f", "dest", "/opt/f", "checksum", "sha1:" + "0".repeat(40))),
                Arguments.of(new StatModule(), Map.of("path", "/etc/x")),
                Arguments.of(new YumRepositoryModule(), Map.of("name", "lab", "baseurl", "file:///srv/repo", "description", "lab")),
                Arguments.of(new YumModule(), Map.of("name", List.of("tar"))),
                Arguments.of(new YumModule(), Map.of("name", List.of("tar"), "state", "absent")),
                Arguments.of(new YumModule(), Map.of("name", List.of("ta*"), "state", "latest")),
                Arguments.of(new YumModule(), Map.of("update_cache", true)),
                Arguments.of(new SysctlModule(), Map.of("name", "net.ipv4.ip_forward", "value", "1")),
                Arguments.of(new ModprobeModule(), Map.of("name", "br_netfilter")),
                Arguments.of(new HostnameModule(), Map.of("name", "h1")),
                Arguments.of(new SwapModule(), Map.of("state", "off")),
                Arguments.of(new ServiceModule(), Map.of("name", "nginx", "state", "started")),
                Arguments.of(new CommandModule(), Map.of("cmd", "true", "creates", "/x")),
                Arguments.of(new ShellModule(), Map.of("cmd", "true", "unless", "false", "removes", "/y")),
                Arguments.of(new KubeadmModule(), Map.of("action", "config", "advertise_address", "10.0.0.1")),
                Arguments.of(new KubeadmModule(), Map.of("action", "images_pull")),
                Arguments.of(new KubeadmModule(), Map.of("action", "init")),
                Arguments.of(new KubeadmModule(), Map.of("action", "token", "nodes", List.of("w1"))),
                Arguments.of(new KubeadmModule(), Map.of("action", "join", "command", "kubeadm join 10.0.0.1:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash sha256:" + "0".repeat(64))),
                Arguments.of(new KubeadmModule(), Map.of("action", "reset")),
                Arguments.of(new KubectlApplyModule(), Map.of("definition", Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", "demo")))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("tasks")
    void declaresWhatItsPlanAsksFirst(Module m, Map<String, Object> params) {
        ModuleTester t = ModuleTester.of(m);
        assertThat(m.firstProbes(t.bind(params))).as("declared first probes").isNotEmpty();
        ScriptedHost host = new ScriptedHost().dir("/etc", 0755);
        try {
            t.plan(params, host); // fails when the declaration differs from the plan's first round trip
        } catch (RuntimeException planFailedOnAnEmptyHost) {
            // only the first round trip matters here
        }
        assertThat(host.roundTrips()).as("the plan probed").isNotEmpty();
    }

    @org.junit.jupiter.api.Test
    void aDeclarationOtherThanThePlansFirstProbes_fails() {
        Module swap = new SwapModule();
        Module wrong = new Module() {
            @Override public String name() { return swap.name(); }
            @Override public String summary() { return swap.summary(); }
            @Override public dev.rigger.spi.ParamSpec spec() { return swap.spec(); }
            @Override public dev.rigger.spi.Change plan(dev.rigger.spi.Params p, dev.rigger.spi.Host h) { return swap.plan(p, h); }
            @Override public List<dev.rigger.spi.Probe> firstProbes(dev.rigger.spi.Params p) {
                return List.of(new dev.rigger.spi.Probe.Read("/etc/fstab")); // the plan asks /proc/swaps too
            }
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModuleTester.of(wrong).plan(Map.of("state", "off"), new ScriptedHost()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("declares first probes");
    }
}
